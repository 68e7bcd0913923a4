#!/usr/bin/env python3
"""notify_listener.py: stands in for systemd's NOTIFY_SOCKET in tests.

Usage:
    notify_listener.py SOCKET_PATH

Binds an AF_UNIX SOCK_DGRAM socket at SOCKET_PATH (replacing a stale socket
there), sets SO_PASSCRED like systemd does, and prints each datagram it
receives as one JSON line on standard output, flushed at once:

    {"t": 12345.678, "fields": {"READY": "1", "STATUS": "..."},
     "pid": 4242, "uid": 0, "gid": 0, "raw": "READY=1\\nSTATUS=..."}

t is time.monotonic() (CLOCK_MONOTONIC, comparable with the test's own
time.monotonic()) at reception. fields holds the KEY=VALUE lines of the
datagram (a later duplicate key wins; lines without "=" are left out of
fields but kept in raw). pid/uid/gid are the sender's credentials
(SCM_CREDENTIALS), or null. File descriptors sent along (FDSTORE=1) are
closed and counted in "fds".

Export NOTIFY_SOCKET=SOCKET_PATH to the daemon. The socket exists as soon
as "notify_listener: listening on PATH" is printed on standard error (the
path appears atomically at bind time). Runs until SIGTERM or SIGINT, then
removes the socket and exits 0.
"""

import array
import json
import os
import signal
import socket
import stat
import struct
import sys
import time

SO_PASSCRED = getattr(socket, "SO_PASSCRED", 16)
SCM_CREDENTIALS = getattr(socket, "SCM_CREDENTIALS", 2)
STOP_SIGNALS = {signal.SIGTERM, signal.SIGINT}


class Stop(Exception):
    pass


def on_signal(signum, frame):
    raise Stop()


def parse(datagram):
    text = datagram.decode("utf-8", errors="replace")
    fields = {}
    for line in text.split("\n"):
        if "=" in line:
            key, value = line.split("=", 1)
            fields[key] = value
    return text, fields


def main(argv):
    if len(argv) != 1:
        print("usage: notify_listener.py SOCKET_PATH", file=sys.stderr)
        return 64
    path = argv[0]
    try:
        if stat.S_ISSOCK(os.lstat(path).st_mode):
            os.unlink(path)
    except FileNotFoundError:
        pass

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, SO_PASSCRED, 1)
    sock.bind(path)
    print(f"notify_listener: listening on {path}", file=sys.stderr, flush=True)
    ancbufsize = socket.CMSG_SPACE(struct.calcsize("3i")) + socket.CMSG_SPACE(64 * 4)
    try:
        while True:
            data, ancdata, _flags, _addr = sock.recvmsg(65536, ancbufsize)
            t = time.monotonic()
            # Finish this line before a pending SIGTERM stops the loop.
            signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
            pid = uid = gid = None
            nfds = 0
            for level, ctype, cdata in ancdata:
                if level == socket.SOL_SOCKET and ctype == SCM_CREDENTIALS:
                    pid, uid, gid = struct.unpack("3i", cdata[:struct.calcsize("3i")])
                elif level == socket.SOL_SOCKET and ctype == socket.SCM_RIGHTS:
                    fds = array.array("i")
                    fds.frombytes(cdata[:len(cdata) - len(cdata) % fds.itemsize])
                    for fd in fds:
                        nfds += 1
                        try:
                            os.close(fd)
                        except OSError:
                            pass
            raw, fields = parse(data)
            line = {"t": t, "fields": fields, "pid": pid, "uid": uid, "gid": gid, "raw": raw}
            if nfds:
                line["fds"] = nfds
            sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
            sys.stdout.flush()
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    except Stop:
        pass
    finally:
        sock.close()
        try:
            os.unlink(path)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
