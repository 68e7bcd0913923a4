"""Readers of /proc: memory (smaps_rollup, smaps by library, status), CPU time, threads' context switches."""
import glob
import os
import re


def smaps_rollup(pid):
    """Rss, Pss and private (clean + dirty) in kB."""
    out = {}
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            k, _, v = line.partition(":")
            if v.strip().endswith("kB"):
                out[k] = int(v.split()[0])
    return {"rss": out.get("Rss", 0), "pss": out.get("Pss", 0),
            "private": out.get("Private_Clean", 0) + out.get("Private_Dirty", 0)}


def status_kb(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def cpu_seconds(pid):
    """user + system CPU of the process, and of its reaped children, in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / tick, (int(fields[13]) + int(fields[14])) / tick


def per_thread(pid):
    out = {}
    for path in glob.glob(f"/proc/{pid}/task/*/status"):
        tid = path.split("/")[4]
        try:
            st = {}
            with open(path) as f:
                for line in f:
                    k, _, v = line.partition(":")
                    st[k] = v.strip()
            out[tid] = (st.get("Name", "?"), int(st["voluntary_ctxt_switches"]) + int(st["nonvoluntary_ctxt_switches"]))
        except (FileNotFoundError, KeyError, ProcessLookupError):
            pass
    return out


def library_breakdown(pid):
    """Rss/Pss/private per mapped file (or [heap], [anon], [stack]) from /proc/PID/smaps, in kB."""
    groups = {}
    current = None
    header = re.compile(r"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$")
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            m = header.match(line)
            if m:
                name = m.group(1).strip() or "[anon]"
                current = groups.setdefault(name, {"rss": 0, "pss": 0, "private": 0, "size": 0})
                continue
            k, _, v = line.partition(":")
            if current is None or not v.strip().endswith("kB"):
                continue
            n = int(v.split()[0])
            if k == "Rss":
                current["rss"] += n
            elif k == "Pss":
                current["pss"] += n
            elif k in ("Private_Clean", "Private_Dirty"):
                current["private"] += n
            elif k == "Size":
                current["size"] += n
    return groups



def status_line(path, key):
    with open(path) as f:
        for line in f:
            if line.startswith(key + ":"):
                return line.split(":", 1)[1].strip()
    return "?"
