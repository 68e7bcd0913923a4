#!/usr/bin/env python3
"""mailparse.py: read back a message that nhacviec sent, for test assertions.

As a module (put Tests/e2e/tools on sys.path):

    from mailparse import parse, maildir_messages
    m = parse(path)
    m["Subject"]          # decoded text (RFC 2047 undone), or None if absent
    m["body"]             # decoded text body (get_content()), or None
    m["addresses"]["To"]  # ["a@y.example", ...] (addr-specs only)

parse(path) returns a dict with:
  - one key per header in HEADERS (Subject, From, To, Cc, Reply-To,
    Message-ID, In-Reply-To, References, Auto-Submitted, Date, Content-Type,
    Content-Transfer-Encoding, plus Delivered-To and Return-Path written by
    maildir-sendmail and smtp_sink.py): the decoded value of its first
    occurrence as str, or None;
  - "header_counts": {name: how many times it occurs} for those headers
    (a count above 1 often means header injection);
  - "addresses": addr-specs of From, To, Cc, Reply-To (lists, [] if absent);
  - "body": the decoded text body (text/plain preferred, then text/html),
    via get_content(), with CRLF turned into LF, or None;
  - "max_raw_line_length": the longest line of the raw file in octets,
    CRLF or LF not counted (RFC 5322 allows 998);
  - "line_endings": "CRLF", "LF", "mixed" or "none";
  - "raw_headers": the physical lines of the header section, undecoded and
    without their line endings (continuation lines are separate entries);
  - "raw_fields": [{"name": ..., "raw": ...}] one per header field, its
    physical lines joined with "\\n" (folding kept);
  - "defects": the parser's defect names for all parts.
Raw bytes that are not UTF-8 are shown with backslash escapes.

Parsing uses email.message_from_bytes(data, policy=email.policy.default).

maildir_messages(DIR) lists the message files in DIR/new and DIR/cur,
sorted by file name (delivery order for one writer).

As a command: `mailparse.py FILE...` prints the dict as JSON (one object
for one file, a list for several); `mailparse.py --maildir DIR` parses
every message of a Maildir into a list.
"""

import email
import email.policy
import json
import os
import re
import sys

HEADERS = (
    "Subject", "From", "To", "Cc", "Reply-To", "Message-ID", "In-Reply-To",
    "References", "Auto-Submitted", "Date", "Content-Type",
    "Content-Transfer-Encoding", "Delivered-To", "Return-Path",
)
ADDRESS_HEADERS = ("From", "To", "Cc", "Reply-To")

_FIELD_START = re.compile(rb"^([!-9;-~]+)[ \t]*:")


def _text(raw):
    return raw.decode("utf-8", errors="backslashreplace")


def _split_lines(data):
    """Split bytes into lines without their terminators; report the ending style."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    crlf = lf = 0
    out = []
    for i, line in enumerate(lines):
        terminated = i < len(lines) - 1 or data.endswith(b"\n")
        if line.endswith(b"\r") and terminated:
            crlf += 1
            line = line[:-1]
        elif terminated:
            lf += 1
        out.append(line)
    if crlf and lf:
        style = "mixed"
    elif crlf:
        style = "CRLF"
    elif lf:
        style = "LF"
    else:
        style = "none"
    return out, style


def _raw_header_section(lines):
    header_lines = []
    for line in lines:
        if line == b"":
            break
        header_lines.append(line)
    fields = []
    for line in header_lines:
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1][1].append(line)
        else:
            m = _FIELD_START.match(line)
            name = _text(m.group(1)) if m else None
            fields.append((name, [line]))
    return header_lines, fields


def _value(msg, name):
    try:
        value = msg.get(name)
    except Exception as e:  # keep going on a header the policy cannot parse
        return f"(unparsable: {e})"
    return None if value is None else str(value)


def _addresses(msg, name):
    result = []
    try:
        for header in msg.get_all(name) or []:
            for addr in getattr(header, "addresses", ()):
                result.append(addr.addr_spec)
    except Exception:
        pass
    return result


def _body(msg):
    try:
        part = msg.get_body(preferencelist=("plain", "html"))
        if part is None:
            return None
        content = part.get_content()
        return content.replace("\r\n", "\n") if isinstance(content, str) else content
    except Exception as e:
        return f"(body cannot be decoded: {e})"


def parse_bytes(data):
    msg = email.message_from_bytes(data, policy=email.policy.default)
    lines, style = _split_lines(data)
    header_lines, fields = _raw_header_section(lines)
    result = {name: _value(msg, name) for name in HEADERS}
    result["header_counts"] = {name: len(msg.get_all(name) or []) for name in HEADERS}
    result["addresses"] = {name: _addresses(msg, name) for name in ADDRESS_HEADERS}
    result["body"] = _body(msg)
    result["max_raw_line_length"] = max((len(line) for line in lines), default=0)
    result["line_endings"] = style
    result["raw_headers"] = [_text(line) for line in header_lines]
    result["raw_fields"] = [
        {"name": name, "raw": "\n".join(_text(line) for line in parts)} for name, parts in fields
    ]
    defects = []
    for part in msg.walk():
        defects.extend(type(d).__name__ for d in part.defects)
        for name in part.keys():
            try:
                defects.extend(type(d).__name__ for d in getattr(part[name], "defects", ()))
            except Exception as e:
                defects.append(f"{name}: {e}")
    result["defects"] = defects
    return result


def parse(path):
    with open(path, "rb") as f:
        return parse_bytes(f.read())


def maildir_messages(maildir):
    paths = []
    for sub in ("new", "cur"):
        folder = os.path.join(maildir, sub)
        if not os.path.isdir(folder):
            continue
        for name in os.listdir(folder):
            if not name.startswith(".") and os.path.isfile(os.path.join(folder, name)):
                paths.append(os.path.join(folder, name))
    paths.sort(key=os.path.basename)
    return paths


def main(argv):
    if argv[:1] == ["--maildir"] and len(argv) == 2:
        out = [dict(parse(p), path=p) for p in maildir_messages(argv[1])]
    elif argv and not argv[0].startswith("-"):
        out = [parse(p) for p in argv]
        if len(out) == 1:
            out = out[0]
    else:
        print("usage: mailparse.py FILE... | mailparse.py --maildir DIR", file=sys.stderr)
        return 64
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8")
    sys.exit(main(sys.argv[1:]))
