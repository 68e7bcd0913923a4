#!/usr/bin/env python3
"""daemon_probe.py: one start-to-armed and idle-wake-up measurement of `nhacviec run`, for the quick self-check
(harness/quick.sh, run by `benchmarks/compare --quick`).

Usage:
    python3 benchmarks/harness/daemon_probe.py --bin NHACVIEC --config MAIN.yaml --log STDERR_FILE
                               [--idle 60] [--settle 5] [--timeout 300]

Starts `NHACVIEC run --config MAIN.yaml` with stderr to STDERR_FILE (stdin and stdout /dev/null) and
with NOTIFY_SOCKET pointing at a datagram socket of its own, the way systemd (Type=notify) would, and
NHACVIEC_LOG=stderr (so it logs to stderr even where a journald socket exists), then:

  started_s   seconds from spawn until STDERR_FILE holds the line "nhacviec started"
  ready_s     seconds from spawn until the daemon sends READY=1 (after it has loaded the ledger,
              planned every reminder and armed its timer): "start-to-armed"
  rss_kb      VmRSS of the process right after READY=1; hwm_kb its VmHWM (peak RSS so far);
              rss_at_started_kb its VmRSS when the "started" line was seen (configuration loaded)
  wakeups     voluntary + nonvoluntary context switches of every thread in /proc/PID/task/*/status
              over an idle window that opens `settle` seconds after spawn (or 1 s after READY,
              whichever is later) and lasts `idle` seconds. Threads are looked at every 0.5 s and
              counted one by one: the increase of each thread, all switches of a thread born in the
              window, and 1 for each thread that ended in it (its switches vanish with it).
              wakeups_raw_sum_diff is the plain sum-at-end minus sum-at-start, for reference.
  exit_code   exit status after SIGTERM (the daemon should exit 0)

Prints one JSON object on standard output. Exits 1 if the daemon dies, never gets ready, or is still
running 30 s after SIGTERM (it is then killed). Runs the daemon in the foreground of nothing: it is
this script's child, and it is always stopped before the script returns.
"""

import argparse
import glob
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

from procfs import per_thread  # this script's folder is on sys.path when it runs


def proc_status(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def kb(value):
    return int(value.split()[0])


def context_switches(pid):
    """Sum of voluntary and nonvoluntary switches of every thread, and the thread count."""
    total = 0
    threads = 0
    for path in glob.glob(f"/proc/{pid}/task/*/status"):
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split(":")[1])
            threads += 1
        except FileNotFoundError:  # a thread that ended meanwhile
            pass
    return total, threads


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--idle", type=float, default=60.0)
    parser.add_argument("--settle", type=float, default=5.0)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args(argv)

    sockdir = tempfile.mkdtemp(prefix="nhacviec-notify-")
    sockpath = os.path.join(sockdir, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(sockpath)
    sock.setblocking(False)

    env = dict(os.environ)
    env["NOTIFY_SOCKET"] = sockpath
    # Log to stderr even when a journald socket exists (the brief measures the stderr log line).
    env["NHACVIEC_LOG"] = "stderr"
    env.pop("WATCHDOG_USEC", None)
    env.pop("WATCHDOG_PID", None)

    result = {"started_s": None, "rss_at_started_kb": None, "ready_s": None, "rss_kb": None, "hwm_kb": None,
              "wakeups": None, "threads": None, "exit_code": None, "error": None}
    log = open(args.log, "wb")
    t0 = time.monotonic()
    proc = subprocess.Popen([args.bin, "run", "--config", args.config],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, env=env)
    log.close()
    try:
        deadline = t0 + args.timeout
        while result["ready_s"] is None:
            now = time.monotonic()
            if result["started_s"] is None:
                with open(args.log, "rb") as f:
                    if b"nhacviec started" in f.read():
                        result["started_s"] = now - t0
                        try:  # memory once the configuration is loaded, before the scheduler plans
                            result["rss_at_started_kb"] = kb(proc_status(proc.pid)["VmRSS"])
                        except (FileNotFoundError, KeyError):
                            pass
            try:
                while True:
                    data = sock.recv(65536)
                    if b"READY=1" in data.split(b"\n"):
                        result["ready_s"] = time.monotonic() - t0
                        if result["started_s"] is None:  # logged just before READY: re-read once
                            with open(args.log, "rb") as f:
                                if b"nhacviec started" in f.read():
                                    result["started_s"] = result["ready_s"]
                        break
            except BlockingIOError:
                pass
            if result["ready_s"] is not None:
                break
            if proc.poll() is not None:
                result["error"] = f"daemon exited with {proc.returncode} before READY=1"
                return finish(result, 1)
            if now > deadline:
                result["error"] = f"no READY=1 within {args.timeout:.0f} s"
                return finish(result, 1, proc)
            time.sleep(0.002)

        status = proc_status(proc.pid)
        result["rss_kb"] = kb(status["VmRSS"])
        result["hwm_kb"] = kb(status["VmHWM"])

        first_at = max(t0 + args.settle, t0 + result["ready_s"] + 1.0)
        time.sleep(max(0.0, first_at - time.monotonic()))
        before, threads_before_n = context_switches(proc.pid)
        seen = per_thread(proc.pid)          # tid -> (name, switches at the last look)
        start_tids = set(seen)
        busy = {}                            # "tid:name" -> switches during the window
        exited = []
        end_at = first_at + args.idle
        while True:
            now = time.monotonic()
            time.sleep(max(0.0, min(0.5, end_at - now)))
            current = per_thread(proc.pid)
            for tid, (name, count) in current.items():
                delta = count - seen.get(tid, (name, 0))[1]
                if delta:
                    busy[f"{tid}:{name}"] = busy.get(f"{tid}:{name}", 0) + delta
            for tid in set(seen) - set(current):   # it woke up at least once, to exit
                name = seen[tid][0]
                busy[f"{tid}:{name}"] = busy.get(f"{tid}:{name}", 0) + 1
                exited.append(f"{tid}:{name}")
            seen.update(current)
            for tid in set(seen) - set(current):
                del seen[tid]
            if proc.poll() is not None:
                result["error"] = f"daemon exited with {proc.returncode} while idle"
                return finish(result, 1)
            if time.monotonic() >= end_at:
                break
        after, threads_after_n = context_switches(proc.pid)
        # wakeups: per-thread accounting (survivors' increase + new threads' switches + 1 per thread
        # that exited in the window), so a worker thread ending does not hide other wake-ups.
        result["wakeups"] = sum(busy.values())
        # the same without threads that ended in the window (libdispatch retires an idle worker thread
        # about 5 s after its last work item: a one-time wake-up, not a periodic one)
        result["wakeups_live_threads"] = sum(v for k, v in busy.items() if k not in exited)
        # the plain "sum over all threads at t1 minus at t0" figure, for reference (negative when a
        # thread with a history exits during the window)
        result["wakeups_raw_sum_diff"] = after - before
        result["threads"] = threads_before_n
        result["threads_after"] = threads_after_n
        result["threads_exited"] = exited
        result["threads_new"] = sorted(f"{t}:{n}" for t, (n, _) in seen.items() if t not in start_tids)
        result["wakeups_by_thread"] = busy
        result["idle_window_s"] = args.idle
        result["sampled_at_s"] = first_at - t0

        proc.send_signal(signal.SIGTERM)
        try:
            result["exit_code"] = proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            result["error"] = "still running 30 s after SIGTERM; killed"
            return finish(result, 1, proc)
        return finish(result, 0 if result["exit_code"] == 0 else 1)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        sock.close()
        try:
            os.unlink(sockpath)
            os.rmdir(sockdir)
        except OSError:
            pass


def finish(result, code, proc=None):
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait()
    print(json.dumps(result, sort_keys=True))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
