"""The notify socket: a datagram socket like systemd's NOTIFY_SOCKET that records READY=1 and WATCHDOG=1."""
import os
import socket
import threading
import time


class Notify:
    """A datagram socket like systemd's NOTIFY_SOCKET; records (monotonic time, assignment) pairs."""

    def __init__(self, directory):
        self.path = os.path.join(directory, f"notify-{len(os.listdir(directory))}")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.events = []
        self.lock = threading.Lock()
        self.closed = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.closed:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            now = time.monotonic()
            with self.lock:
                for line in data.decode(errors="replace").split("\n"):
                    self.events.append((now, line))

    def times(self, assignment, after=0.0):
        with self.lock:
            return [t for t, line in self.events if line == assignment and t >= after]

    def wait(self, assignment, after, proc, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.times(assignment, after)
            if found:
                return found[0]
            if proc.poll() is not None:
                raise RuntimeError(f"daemon exited with {proc.returncode} before {assignment}")
            time.sleep(0.002)
        raise RuntimeError(f"no {assignment} within {timeout:.0f} s")

    def close(self):
        self.closed = True
        self.sock.close()
        try:
            os.unlink(self.path)
        except OSError:
            pass
