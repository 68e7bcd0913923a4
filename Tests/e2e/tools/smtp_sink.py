#!/usr/bin/env python3
"""smtp_sink.py: a loopback SMTP server for end-to-end tests of real sendmails.

Usage:
    smtp_sink.py --maildir DIR [--port 18025]

Listens on 127.0.0.1:PORT only (needs the aiosmtpd package:
`pip install -r Tests/e2e/requirements.txt`). Each accepted message is
stored into the Maildir DIR (tmp/ then new/, names made by Python's
mailbox.Maildir), with line endings turned into LF as a local delivery agent
does, and two lines put in front, as maildir-sendmail does:

    Return-Path: <MAIL FROM>
    Delivered-To: RCPT1, RCPT2        (the accepted recipients)

At RCPT TO it answers, by the recipient's local part (before the last "@"):
    contains "tempfail" -> 451 4.3.0 Try again later
    contains "reject"   -> 550 5.1.1 No such user
    anything else       -> 250 OK
msmtp turns these into exit codes 69 and 65 (EX_UNAVAILABLE, EX_DATAERR).
aiosmtpd itself refuses lines over 1000 octets at DATA ("500 Line too
long"), as RFC 5321 allows.

Prints "READY" on standard output once it accepts connections; logs each
transaction on standard error. Stops cleanly (exit 0) on SIGTERM or SIGINT.
"""

import argparse
import mailbox
import os
import signal
import sys
import threading

try:
    from aiosmtpd.controller import Controller
except ImportError:
    print("smtp_sink.py: the Python package aiosmtpd is missing; "
          "install it with: pip install -r Tests/e2e/requirements.txt", file=sys.stderr)
    sys.exit(69)

HOST = "127.0.0.1"


def log(text):
    print(f"smtp_sink: {text}", file=sys.stderr, flush=True)


def local_part(address):
    return address.rsplit("@", 1)[0].lower()


class SinkHandler:
    def __init__(self, maildir):
        self.maildir = mailbox.Maildir(maildir, create=True)
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        lp = local_part(address)
        if "tempfail" in lp:
            log(f"RCPT {address}: 451")
            return "451 4.3.0 Try again later"
        if "reject" in lp:
            log(f"RCPT {address}: 550")
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or b""
        content = content.replace(b"\r\n", b"\n")
        sender = envelope.mail_from or ""
        prefix = (b"Return-Path: <" + sender.encode("utf-8", "surrogateescape") + b">\n"
                  + b"Delivered-To: "
                  + ", ".join(envelope.rcpt_tos).encode("utf-8", "surrogateescape") + b"\n")
        with self.lock:
            key = self.maildir.add(prefix + content)
        log(f"stored {key} from <{sender}> to {', '.join(envelope.rcpt_tos)} "
            f"({len(content)} bytes)")
        return "250 2.0.0 Message accepted for delivery"


def main(argv):
    parser = argparse.ArgumentParser(prog="smtp_sink.py", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18025)
    parser.add_argument("--maildir", required=True)
    args = parser.parse_args(argv)

    # SIGTERM and SIGINT blocked before the server's thread starts (it inherits the mask), then taken with sigwait:
    # no thread can take them by surprise, and no timed wait is needed. (A wait with a timeout, polling a flag that
    # a handler sets, hung under libfaketime: Python's timed lock waits use sem_clockwait on the faked monotonic
    # clock, which never times out, and the handler ran only when the signal happened to hit the main thread.)
    stop_signals = {signal.SIGTERM, signal.SIGINT}
    signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
    handler = SinkHandler(args.maildir)
    controller = Controller(handler, hostname=HOST, port=args.port,
                            enable_SMTPUTF8=True, ready_timeout=10.0)
    try:
        controller.start()
    except Exception as e:
        log(f"cannot listen on {HOST}:{args.port}: {e}")
        return 69
    print("READY", flush=True)
    log(f"listening on {HOST}:{args.port}, storing into {os.path.abspath(args.maildir)}")
    signal.sigwait(stop_signals)
    controller.stop()
    log("stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
