"""Real systemd 252 as PID 1 in a throw-away `systemd-nspawn --boot` container, for the end-to-end tests.

One boot for test_systemd_container.py (an overlay of the host's /) and test_debian_package.py (a plain Debian 12
root unpacked from a debootstrap tarball). Each test gives only the shell that makes the root, the options it
passes to systemd-nspawn (what it binds) and its timeouts; the fixture `nspawn_boot` (conftest.py) boots it and
powers it off when the module ends.

How it boots: `unshare -m --propagation private boot.sh W ARGS…`, where boot.sh runs the test's PREPARE shell (W is
an empty directory; PREPARE mounts a tmpfs on it and makes W/root, from ARGS) and then execs
`systemd-nspawn --boot --private-network` on W/root. Everything lives in that private mount namespace and vanishes
with it. PID 1 is nspawn's child once its comm is `systemd`; the container is up once `systemctl
is-system-running` says running or degraded. Commands run inside through `nsenter -t PID1 -a`, with an empty
environment. The end: `systemctl poweroff` inside, then nspawn must exit 0; SIGTERM to nspawn (it asks the
container's init to power off), then SIGKILL, when it does not.

Also here, as both tests use them with nhacviec inside: the stand-in sendmail that keeps each message in the
unit's state directory, `outbox`, `fetch_mail` and `wait_active`.
"""

from __future__ import annotations

import base64
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from mailparse import parse

PATH_IN = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
CANNOT = 77   # PREPARE's exit code for "this machine cannot do it": the module is skipped, if it may be
POWEROFF_TIMEOUT = 30.0

BOOT_SH = """#!/bin/bash
# Runs in a private mount namespace (unshare -m --propagation private).
set -eu
W=$1; shift
{prepare}
exec systemd-nspawn -q -D "$W/root" --boot --register=no --keep-unit --private-network --machine={machine} {options}
"""


def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: install {package} (apt-get install -y {package}); scripts/test installs it",
                    pytrace=False)
    return path


def loud(request, text: str, red: bool = False) -> None:
    """Print past pytest's capture, so that it is seen even without -s or -rs."""
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is None:
        return
    if capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line("")
            reporter.write_line(text, red=red, bold=True)
    else:
        reporter.write_line(text, red=red, bold=True)


def _children(pid: int) -> list[int]:
    kids: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                kids += [int(x) for x in f.read().split()]
    except (FileNotFoundError, ProcessLookupError):
        pass
    return kids


def _comm(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


class Container:
    """A booted container; `run` and `sh` execute inside it as root."""

    def __init__(self, proc: subprocess.Popen, pid1: int, log: Path, timings: dict, name: str,
                 cmd_timeout: float, journal_timeout: float):
        self.proc = proc
        self.pid1 = pid1
        self.log = log
        self.timings = timings
        self.name = name
        self.cmd_timeout = cmd_timeout
        self.journal_timeout = journal_timeout
        self.exit_code: int | None = None

    def run(self, *cmd, input: str | bytes | None = None, timeout: float | None = None, check: bool = True,
            env: dict | None = None) -> subprocess.CompletedProcess:
        # env -i: nothing from the host's environment (NHACVIEC_CONFIG, SYSTEMD_*, …) leaks in.
        extra = [f"{k}={v}" for k, v in (env or {}).items()]
        argv = ["nsenter", "-t", str(self.pid1), "-a", "env", "-i", f"PATH={PATH_IN}", "LANG=C.UTF-8",
                "SYSTEMD_PAGER=", "SYSTEMD_COLORS=0", *extra, *[str(c) for c in cmd]]
        timeout = self.cmd_timeout if timeout is None else timeout
        binary = isinstance(input, bytes)
        try:
            res = subprocess.run(argv, input=input, capture_output=True, text=not binary, timeout=timeout,
                                 stdin=None if input is not None else subprocess.DEVNULL)
        except subprocess.TimeoutExpired as e:
            raise AssertionError(f"timed out after {timeout} s in the container: {' '.join(map(str, cmd))}\n"
                                 f"{e.stdout or ''}\n{e.stderr or ''}") from None
        if binary:
            res = subprocess.CompletedProcess(res.args, res.returncode, res.stdout.decode(errors="replace"),
                                              res.stderr.decode(errors="replace"))
        if check and res.returncode != 0:
            raise AssertionError(f"in the container, exit {res.returncode}: {' '.join(map(str, cmd))}\n"
                                 f"--- stdout\n{res.stdout}\n--- stderr\n{res.stderr}")
        return res

    def sh(self, script: str, **kw) -> subprocess.CompletedProcess:
        return self.run("/bin/sh", "-euc", script, **kw)

    def put(self, path: str, data: str | bytes, mode: str = "0644", owner: str = "root:root") -> None:
        script = f'mkdir -p "$(dirname "$1")" && cat > "$1" && chown {owner} "$1" && chmod {mode} "$1"'
        self.run("/bin/sh", "-euc", script, "put", path, input=data)

    def read(self, path: str) -> str:
        return self.run("cat", path).stdout

    def exists(self, path: str) -> bool:
        return self.run("test", "-e", path, check=False).returncode == 0

    def show(self, unit: str, *props: str) -> dict[str, str]:
        out = self.run("systemctl", "show", unit, *[f"--property={p}" for p in props]).stdout
        return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)

    def journal(self, *args: str) -> list[dict]:
        out = self.run("journalctl", "--no-pager", "-o", "json", *args).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def wait_journal(self, *args: str, count: int = 1, timeout: float | None = None) -> list[dict]:
        """journald stores what it is sent asynchronously: poll until `count` entries match."""
        deadline = time.monotonic() + (self.journal_timeout if timeout is None else timeout)
        while True:
            entries = self.journal(*args)
            if len(entries) >= count or time.monotonic() > deadline:
                return entries
            time.sleep(0.1)

    def diagnostics(self) -> str:
        status = self.run("systemctl", "status", "--no-pager", "--full", "nhacviec", check=False).stdout
        journal = self.run("journalctl", "--no-pager", "-o", "cat", "-u", "nhacviec", "-n", "60", check=False).stdout
        return f"--- systemctl status nhacviec\n{status}\n--- journalctl -u nhacviec -o cat (last 60)\n{journal}"

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        """Without the container's help: SIGTERM to nspawn (it asks init to power off), then SIGKILL."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)

    def poweroff(self) -> int:
        """`systemctl poweroff` inside; nspawn's exit code. Fails (after stopping it) if it does not end in time.
        A second call returns the first one's code."""
        if self.exit_code is not None:
            return self.exit_code
        t = time.monotonic()
        try:
            if self.proc.poll() is None:
                self.run("systemctl", "poweroff", check=False, timeout=10)
            self.exit_code = self.proc.wait(timeout=POWEROFF_TIMEOUT)
        except (AssertionError, subprocess.TimeoutExpired):
            self.stop()
            self.exit_code = self.proc.returncode
            pytest.fail(f"the container {self.name} did not power off within {POWEROFF_TIMEOUT:.0f} s:\n"
                        f"{self.log_tail()}", pytrace=False)
        self.timings["poweroff"] = time.monotonic() - t
        return self.exit_code


def boot(request, base: Path, *, machine: str, prepare: str, args=(), options=(), boot_timeout: float,
         cmd_timeout: float, journal_timeout: float, timings: dict, may_skip: bool = False) -> Container:
    """Boots a container in `base` (an empty directory) and returns it once systemd says it is up.

    prepare: bash run first in the private mount namespace, with $W (an empty directory) and ARGS in "$@"; it
    must leave the container's root in $W/root, and exit CANNOT when this machine cannot do it. options: more
    systemd-nspawn options (--bind-ro=…). With may_skip, a machine that cannot run the container (CANNOT, or the
    kernel's "Operation not permitted") skips the module instead of failing it, and says why."""
    for tool, package in (("systemd-nspawn", "systemd-container"), ("unshare", "util-linux"),
                          ("nsenter", "util-linux")):
        need(tool, package)
    script = base / "boot.sh"
    script.write_text(BOOT_SH.format(prepare=prepare.strip("\n"), machine=machine,
                                     options=" ".join(shlex.quote(o) for o in options)))
    script.chmod(0o755)
    log = base / "boot.log"
    (base / "w").mkdir()
    t0 = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(["unshare", "-m", "--propagation", "private", str(script), str(base / "w"),
                                 *map(str, args)], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    c = None
    try:
        # unshare execs boot.sh, which makes the root and execs systemd-nspawn: nspawn's child is PID 1.
        deadline = time.monotonic() + boot_timeout
        pid1 = None
        while time.monotonic() < deadline and proc.poll() is None:
            if _comm(proc.pid) == "systemd-nspawn":
                pid1 = next((k for k in _children(proc.pid) if _comm(k) == "systemd"), None)
                if pid1:
                    break
            time.sleep(0.05)
        c = Container(proc, pid1, log, timings, machine, cmd_timeout, journal_timeout)
        if pid1 is None:
            c.stop()
            text = log.read_text(errors="replace")
            permission = re.search(r"^CANNOT: .*|unshare failed: .*|.*(Operation not permitted|Permission denied).*",
                                   text, re.M)
            if may_skip and (proc.returncode == CANNOT or (proc.returncode not in (None, 0) and permission)):
                reason = ("CANNOT RUN systemd-nspawn HERE: " + (permission.group(0) if permission else text.strip())
                          + f" (exit {proc.returncode}; full log: {log})")
                loud(request, f"SKIPPED {request.module.__name__}: {reason}", red=True)
                pytest.skip(reason)
            pytest.fail(f"the container's systemd did not start within {boot_timeout} s "
                        f"(nspawn exit {proc.returncode}):\n{text}", pytrace=False)
        timings["pid1"] = time.monotonic() - t0
        state = ""
        while time.monotonic() < deadline:
            state = c.run("systemctl", "is-system-running", check=False, timeout=10).stdout.strip()
            if state in ("running", "degraded"):
                break
            time.sleep(0.1)
        else:
            failed = c.run("systemctl", "--failed", "--no-pager", check=False).stdout
            pytest.fail(f"the container did not finish booting within {boot_timeout} s: is-system-running={state!r}"
                        f"\n{failed}\n{log.read_text(errors='replace')}", pytrace=False)
        timings["boot"] = time.monotonic() - t0
        return c
    except BaseException:
        if c is not None:
            c.stop()
        elif proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        raise


# --------------------------------------------------------------------------- nhacviec inside

OUTBOX = "/var/lib/nhacviec/outbox"
# A sendmail stand-in in POSIX sh (the plain Debian root has no Python): keeps each message as outbox/N.eml and
# its arguments, one a line, as outbox/N.args. It runs as the service user inside the unit's sandbox, where
# /var/lib/nhacviec (StateDirectory=) is the one place ProtectSystem=strict lets it write.
SENDMAIL_SCRIPT = f"""#!/bin/sh
set -eu
umask 007
d={OUTBOX}
mkdir -p "$d"
f="$d/$(date +%s%N).$$"
printf '%s\\n' "$@" > "$f.args.tmp"
cat > "$f.eml"
mv "$f.args.tmp" "$f.args"
"""


def outbox(c: Container) -> list[tuple[list[str], str]]:
    """(argv, message file path in the container) per message the stand-in kept, in send order."""
    names = c.sh(f"ls -1 {OUTBOX} 2>/dev/null || true").stdout.split()
    return [(c.read(f"{OUTBOX}/{n}").splitlines(), f"{OUTBOX}/{n[:-len('.args')]}.eml")
            for n in sorted(names) if n.endswith(".args")]


def fetch_mail(c: Container, path: str, dest: Path) -> dict:
    """A message from the container, parsed by tools/mailparse.py."""
    dest.write_bytes(base64.b64decode(c.run("base64", "-w0", path).stdout))
    return parse(dest)


def wait_active(c: Container, what: str, timeout: float = 20.0) -> dict[str, str]:
    """Until nhacviec.service is active/running; fails at once (with the journal) if it failed, crashed or was
    restarted by systemd."""
    deadline = time.monotonic() + timeout
    props: dict[str, str] = {}
    while time.monotonic() < deadline:
        props = c.show("nhacviec", "ActiveState", "SubState", "Result", "NRestarts", "MainPID", "StatusText",
                       "InvocationID", "ExecMainCode", "ExecMainStatus")
        if props.get("Result") != "success" or props.get("NRestarts") != "0" or props.get("ActiveState") == "failed":
            raise AssertionError(f"{what}: nhacviec.service failed: {props}\n{c.diagnostics()}")
        if props.get("ActiveState") == "active" and props.get("SubState") == "running":
            return props
        time.sleep(0.05)
    raise AssertionError(f"{what}: not active within {timeout} s: {props}\n{c.diagnostics()}")
