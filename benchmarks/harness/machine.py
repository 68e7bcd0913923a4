"""The machine, the tools' versions and the commit measured: recorded with the figures."""
import os
import platform
import subprocess

from .procfs import status_line


def version(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
        return (out.stdout + out.stderr).strip().splitlines()[0]
    except Exception as error:  # noqa: BLE001
        return f"({error})"


def deb_version(pkg):
    return version(["dpkg-query", "-W", "-f=${Version}", pkg])


def machine():
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = status_line("/proc/meminfo", "MemTotal")
    os_name = "?"
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    os_name = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem": mem, "kernel": platform.release(), "os": os_name,
            "swift": version(["swift", "--version"]), "remind": deb_version("remind"), "cron": deb_version("cron"),
            "at": deb_version("at"), "strace": deb_version("strace"),
            "load": open("/proc/loadavg").read().split()[:3]}


def commit(root):
    """The last commit that touched the sources, and the tree's description."""
    return ("sources at " + version(["git", "-C", root, "log", "-1", "--format=%h", "--", "Sources", "Package.swift"])
            + ", tree at " + version(["git", "-C", root, "describe", "--always", "--dirty"]))


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().split()[:3]
