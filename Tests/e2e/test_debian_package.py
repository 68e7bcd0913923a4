"""The Debian package on a plain Debian 12 server without Swift, under real systemd 252 as PID 1.

What it does
------------
1. A minimal Debian 12 root: `debootstrap --variant=minbase --include=systemd,systemd-sysv,dbus,<the
   package's Depends>` from the mirror this machine's apt uses. The container runs with a private
   network, so every dependency must be in the root already. The root is cached as a tarball under
   /var/cache/nhacviec-test/, named by a hash of the suite, mirror and include list: reruns skip
   debootstrap (the first run takes about a minute more).
2. In a private mount namespace (`unshare -m --propagation private`): a tmpfs, the tarball unpacked
   into it, `systemd-nspawn --boot --private-network` on it. Everything vanishes with the namespace.
3. Inside, through `nsenter -t <container PID 1> -a`:
   - /opt/swift is absent; the file list of the root is taken;
   - `apt-get install --no-download ./nhacviec_….deb` (the .deb is copied in first). The service is
     enabled and running with no plans, has sent nothing, and the journal says so;
   - a plan goes into /etc/nhacviec/plans.d with its task due on the last working day on or before today
     (as the installed `nhacviec holidays` counts them, so its reminder is due at once on any day of the
     year; catch-up-limit is raised to cover the longest run of days off), `mail.sendmail` in the main
     file is pointed at a stand-in that keeps each message in /var/lib/nhacviec/outbox, `systemctl
     reload nhacviec`: the reminder arrives, `journalctl -u nhacviec -x` shows it with the catalog's
     explanation;
   - `apt-get install --reinstall` (an upgrade's path): the daemon is restarted, the changed main file
     (a conffile) and the plan are kept, and nothing is sent twice;
   - `apt-get remove`: the daemon is stopped and its files are gone, the configuration and the state stay;
   - `apt-get purge`: the configuration is gone too, the state stays (docs/packaging.md); the file
     list of the root equals the one before the install, apart from what the docs say is kept.
4. `systemctl poweroff`: systemd-nspawn exits 0. The boot and the end are tools/nspawn.py's, shared with
   test_systemd_container.py (the fixture nspawn_boot in conftest.py).

The package: $NHACVIEC_DEB (scripts/test builds it with scripts/package/package-deb). Missing tools
(debootstrap, systemd-nspawn, unshare, nsenter) or a missing $NHACVIEC_DEB are a FAILURE that says
what to install; this test never skips. Needs root.

Time: about 15 s with the root cached; the first run adds debootstrap (35-100 s here, depending on the mirror).

Run (as root, from the repository root):
    NHACVIEC_DEB=$(scripts/package/package-deb | tail -1) python3 -m pytest -v Tests/e2e/test_debian_package.py
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import PLAN as CONFTEST_PLAN  # conftest also puts Tests/e2e/tools on sys.path
from nspawn import Container, SENDMAIL_SCRIPT, fetch_mail, loud, need, outbox, wait_active
from vn_days import CATCH_UP_LIMIT, WorkingDays

pytestmark = pytest.mark.no_faketime("the .deb in a container under systemd as PID 1, whose clock libfaketime cannot reach")

MACHINE = "nhacviec-deb"
SUITE = "bookworm"
CACHE = Path("/var/cache/nhacviec-test")
BASE_INCLUDE = ["systemd", "systemd-sysv", "dbus", "libsqlite3-0"]
BOOT_TIMEOUT = 60.0
CMD_TIMEOUT = 60.0
ACTIVE_TIMEOUT = 30.0

MSG_REMINDER_SENT = "c23f58e8ab1c416abfd53d32c8d2a7b3"
MSG_DAEMON_STARTED = "4b4423e06dca40f38a3aa895bfca4435"
NO_PLANS = "no plans in /etc/nhacviec/plans.d: nothing to send; add a plan and run systemctl reload nhacviec"

SENDMAIL = "/usr/local/bin/test-sendmail"   # nspawn.SENDMAIL_SCRIPT, in POSIX sh: the plain root has no Python
PLAN = CONFTEST_PLAN.replace("title: Kế hoạch kiểm thử\n", "title: Kế hoạch kiểm thử gói Debian\n", 1)

# Left out of the before/after comparison of the root's files: what apt, dpkg and journald keep
# for themselves, the temporary directories, and the state directory, which purge keeps on purpose.
# Also Debian's daily timers' output: a run that crosses midnight gets dpkg-db-backup.timer's
# /var/backups/*.0 and the timers' stamps, whatever nhacviec does (seen once, at 00:00 UTC).
PRUNE = ["/proc", "/sys", "/dev", "/run", "/tmp", "/var/tmp", "/var/lib/nhacviec", "/var/log/journal",
         "/var/lib/apt", "/var/lib/dpkg", "/var/cache/apt", "/var/cache/debconf", "/var/cache/ldconfig",
         "/var/log/apt", "/var/log/dpkg.log", "/var/log/alternatives.log", "/var/backups",
         "/var/lib/systemd/timers"]
# Kept after purge by design (docs/packaging.md): the nhacviec user and group. systemd-sysusers leaves
# backups of the files it edited when it added them.
USER_BACKUPS = {"/etc/passwd-", "/etc/group-", "/etc/shadow-", "/etc/gshadow-"}


# --------------------------------------------------------------------------- the root

def mirror() -> str:
    """The Debian mirror this machine's apt uses (deb822 or one-line sources)."""
    texts = []
    for p in [Path("/etc/apt/sources.list"), *sorted(Path("/etc/apt/sources.list.d").glob("*"))]:
        if p.is_file():
            texts.append(p.read_text(errors="replace"))
    text = "\n".join(texts)
    for pattern in (r"(?m)^\s*URIs:\s*(\S+/debian)/?\s*$", rf"(?m)^\s*deb\s+(?:\[[^]]*\]\s+)?(\S+/debian)/?\s+{SUITE}\s"):
        m = re.search(pattern, text)
        if m:
            return m.group(1)
    return "http://deb.debian.org/debian"


def package_depends(deb: str) -> list[str]:
    """The package names of the .deb's Depends (first of each alternative, versions dropped)."""
    depends = subprocess.run(["dpkg-deb", "-f", deb, "Depends"], capture_output=True, text=True,
                             check=True).stdout.strip()
    names = []
    for clause in depends.split(","):
        first = clause.split("|")[0].strip()
        names.append(re.sub(r"\s*\(.*\)", "", first).split(":")[0].strip())
    return [n for n in names if n]


def cached_root(request, deb: str, timings: dict) -> Path:
    include = sorted(set(BASE_INCLUDE) | set(package_depends(deb)))
    url = mirror()
    key = hashlib.sha256(f"{SUITE} minbase {url} {','.join(include)}".encode()).hexdigest()[:16]
    tarball = CACHE / f"{SUITE}-minbase-{key}.tar"
    if tarball.is_file():
        return tarball
    need("debootstrap", "debootstrap")
    CACHE.mkdir(parents=True, exist_ok=True)
    work = CACHE / f"build-{key}-{os.getpid()}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    loud(request, f"test_debian_package: no cached root; debootstrap {SUITE} with {','.join(include)} "
                  f"from {url} (about a minute) into {tarball}")
    t = time.monotonic()
    try:
        res = subprocess.run(["debootstrap", "--variant=minbase", f"--include={','.join(include)}", SUITE,
                              str(work / "root"), url], capture_output=True, text=True, timeout=900)
        if res.returncode != 0:
            pytest.fail(f"debootstrap failed (exit {res.returncode}):\n{res.stdout[-3000:]}\n{res.stderr[-3000:]}",
                        pytrace=False)
        # Downloaded .debs are not part of the server.
        subprocess.run(["find", str(work / "root/var/cache/apt/archives"), "-name", "*.deb", "-delete"], check=True)
        partial = tarball.with_suffix(".tar.partial")
        subprocess.run(["tar", "-C", str(work / "root"), "--numeric-owner", "--xattrs", "-cf", str(partial), "."],
                       check=True, timeout=600)
        partial.rename(tarball)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    timings["debootstrap"] = time.monotonic() - t
    return tarball


# --------------------------------------------------------------------------- the container

# The root (tools/nspawn.py's PREPARE): the cached tarball, unpacked on a tmpfs.
UNPACKED_TARBALL = """
TARBALL=$1
mount -t tmpfs -o size=3g,mode=0755 nhacviec-deb "$W"
mkdir "$W/root"
tar -C "$W/root" --numeric-owner --xattrs -xf "$TARBALL"
"""


def files(c: Container) -> set[str]:
    """Every path of the container's root but those under PRUNE."""
    prune = " -o ".join(f"-path {p}" for p in PRUNE)
    out = c.sh(f"find / -xdev \\( {prune} \\) -prune -o -print").stdout
    return set(out.splitlines())


@pytest.fixture(scope="module")
def deb():
    path = os.environ.get("NHACVIEC_DEB")
    if not path:
        pytest.fail("NHACVIEC_DEB is not set: build the package with scripts/package/package-deb and pass its path "
                    "(scripts/test does both)", pytrace=False)
    if not os.path.isfile(path):
        pytest.fail(f"NHACVIEC_DEB={path} is not a file: run scripts/package/package-deb", pytrace=False)
    return os.path.realpath(path)


@pytest.fixture(scope="module")
def timings(request):
    t: dict[str, float] = {}
    t0 = time.monotonic()
    yield t
    t["module"] = time.monotonic() - t0
    loud(request, "test_debian_package timings (s): " + ", ".join(f"{k} {v:.1f}" for k, v in t.items()))


@pytest.fixture(scope="module")
def container(request, deb, timings, nspawn_boot):
    if os.geteuid() != 0:
        pytest.fail(f"test_debian_package needs root (euid {os.geteuid()}): it mounts a tmpfs and boots a "
                    f"container", pytrace=False)
    for tool, package in (("debootstrap", "debootstrap"), ("dpkg-deb", "dpkg")):
        need(tool, package)
    t = time.monotonic()
    tarball = cached_root(request, deb, timings)
    timings["root"] = time.monotonic() - t
    return nspawn_boot(machine=MACHINE, prepare=UNPACKED_TARBALL, args=[tarball], boot_timeout=BOOT_TIMEOUT,
                       cmd_timeout=CMD_TIMEOUT, journal_timeout=15.0, timings=timings)


@pytest.fixture(scope="module")
def installed(container, deb, timings):
    """The root's files before the install, and apt's output."""
    c = container
    assert not c.exists("/opt/swift"), "/opt/swift exists in the plain Debian root"
    assert not c.exists("/opt") or not c.run("ls", "-A", "/opt").stdout.strip(), c.run("ls", "-A", "/opt").stdout
    assert "VERSION_ID=\"12\"" in c.read("/etc/os-release"), c.read("/etc/os-release")
    # The stand-in sendmail is part of the test's server, not of the package: put it in before the file list.
    c.put(SENDMAIL, SENDMAIL_SCRIPT, mode="0755")
    before = files(c)
    res = apt_install(c, deb, timings, "apt install")
    return {"before": before, "apt": res}


def apt_install(c: Container, deb: str, timings: dict, what: str, *options: str) -> subprocess.CompletedProcess:
    """The package copied in and installed the way docs/packaging.md says; fails unless apt-get exits 0."""
    name = os.path.basename(deb)
    c.put(f"/tmp/{name}", Path(deb).read_bytes())
    t = time.monotonic()
    # The network is private: every dependency must be in the root already, and the Recommends (msmtp-mta,
    # python3) are not installed. (Not --no-download: apt 2.6 then refuses a relative ./file.deb. cd inside:
    # nsenter's --wd would resolve the directory on the host.)
    command = " ".join(["apt-get install -y", *options, "--no-install-recommends"])
    res = c.run("/bin/sh", "-c", f'cd /tmp && exec {command} "./$1"', "sh", name,
                env={"DEBIAN_FRONTEND": "noninteractive"}, timeout=180, check=False)
    timings[what] = time.monotonic() - t
    c.run("rm", "-f", f"/tmp/{name}")
    assert res.returncode == 0, f"{command} ./{name} failed:\n{res.stdout}\n{res.stderr}"
    return res


# --------------------------------------------------------------------------- the tests, in order

def test_install_on_plain_debian(container, installed):
    c = container
    assert "/usr/bin/nhacviec" in c.run("dpkg", "-L", "nhacviec").stdout.split()
    ldd = c.run("ldd", "/usr/bin/nhacviec").stdout
    assert "not found" not in ldd and "swift" not in ldd.lower(), ldd
    helptext = c.run("nhacviec", "--help").stdout
    assert "USAGE: nhacviec <subcommand>" in helptext, helptext
    # The user, the directories and their modes, from sysusers.d and tmpfiles.d.
    assert c.run("getent", "passwd", "nhacviec").stdout.split(":")[6].strip() == "/usr/sbin/nologin"
    stat = c.run("stat", "-c", "%a %U:%G %n", "/etc/nhacviec", "/etc/nhacviec/plans.d", "/etc/nhacviec/nhacviec.yaml",
                 "/var/lib/nhacviec").stdout.splitlines()
    assert stat == ["750 root:nhacviec /etc/nhacviec", "750 root:nhacviec /etc/nhacviec/plans.d",
                    "640 root:nhacviec /etc/nhacviec/nhacviec.yaml", "770 nhacviec:nhacviec /var/lib/nhacviec"], stat
    assert c.run("ls", "-A", "/etc/nhacviec/plans.d").stdout == "", "the package must not put a plan in plans.d"
    assert c.exists("/usr/share/doc/nhacviec/examples/ba-don-2025.yaml")
    for path in ("/usr/share/man/man8/nhacviec.8.gz", "/usr/share/man/man8/nhacviec-run.8.gz",
                 "/usr/share/man/man5/nhacviec.yaml.5.gz", "/usr/share/bash-completion/completions/nhacviec",
                 "/usr/share/zsh/vendor-completions/_nhacviec", "/usr/share/fish/vendor_completions.d/nhacviec.fish",
                 "/usr/share/nhacviec/postfix-local.conf", "/usr/lib/systemd/catalog/nhacviec.catalog"):
        assert c.exists(path), path
    assert c.read("/var/lib/dpkg/info/nhacviec.conffiles").split() == ["/etc/nhacviec/nhacviec.yaml"]
    # Enabled and started on install, and quiet: no plans, no mail, and the journal says why.
    unit = c.run("systemctl", "show", "nhacviec", "--property=FragmentPath,UnitFileState,ExecStart").stdout
    # (/lib is /usr/lib on a merged-/usr bookworm; systemd names the unit by its search path /lib/systemd/system.)
    assert re.search(r"(?m)^FragmentPath=(/usr)?/lib/systemd/system/nhacviec.service$", unit), unit
    assert "UnitFileState=enabled" in unit and "path=/usr/bin/nhacviec" in unit, unit
    wait_active(c, "after apt install", ACTIVE_TIMEOUT)
    said = c.wait_journal("-u", "nhacviec", f"MESSAGE={NO_PLANS}")
    assert len(said) == 1, f"no {NO_PLANS!r} in the journal\n{c.diagnostics()}"
    assert said[0]["PRIORITY"] == "5", said[0]
    assert c.run("nhacviec", "check").returncode == 0
    assert outbox(c) == [] and not c.exists("/var/lib/nhacviec/outbox"), "mail sent before any plan was written"


def test_a_plan_sends_its_reminder_and_the_journal_explains_it(container, installed, timings, tmp_path):
    c = container
    main = c.read("/etc/nhacviec/nhacviec.yaml")
    patched, n = re.subn(r"(?m)^  sendmail: .*$", f"  sendmail: {SENDMAIL} -oi", main)
    assert n == 1, main
    # Long enough for the reminder of the last working day before the longest run of days off (tools/vn_days.py).
    patched, n = re.subn(r"(?m)^catch-up-limit: .*$", f"catch-up-limit: {CATCH_UP_LIMIT}", patched)
    assert n == 1, main
    c.put("/etc/nhacviec/nhacviec.yaml", patched, mode="0640", owner="root:nhacviec")
    # The plan's day from the installed binary over the installed main file: the daemon's own calendar.
    day = WorkingDays(lambda year: c.run("nhacviec", "holidays", str(year), "--format", "json").stdout).reminder_day()
    c.put("/etc/nhacviec/plans.d/e2e.yaml", PLAN.format(hop=day), mode="0640", owner="root:nhacviec")
    check = c.run("nhacviec", "check", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    before = wait_active(c, "before reload", ACTIVE_TIMEOUT)
    t = time.monotonic()
    c.run("systemctl", "reload", "nhacviec")        # what the journal told the admin to do
    deadline = time.monotonic() + 30
    while not (mails := outbox(c)) and time.monotonic() < deadline:
        time.sleep(0.2)
    timings["reminder after reload"] = time.monotonic() - t
    assert len(mails) == 1, f"expected the one reminder due on {day}, got {mails}\n{c.diagnostics()}"
    assert wait_active(c, "after reload", ACTIVE_TIMEOUT)["MainPID"] == before["MainPID"]
    argv, path = mails[0]
    assert argv == ["-oi", "-f", "nhacviec@badon.example.gov.vn", "--", "vp@example.gov.vn"], argv
    mail = fetch_mail(c, path, tmp_path / "m.eml")
    assert "V/v gửi Giấy mời Hội nghị" in mail["Subject"], mail["Subject"]  # the title in lower case after V/v
    assert mail["Message-ID"] == f"<due.{day:%Y%m%d}.giay-moi.e2e@badon.example.gov.vn>", mail["Message-ID"]
    sent = c.wait_journal("-u", "nhacviec", f"MESSAGE_ID={MSG_REMINDER_SENT}", "NHACVIEC_PLAN=e2e")
    assert len(sent) == 1 and sent[0]["NHACVIEC_MAIL_ID"] == mail["Message-ID"], sent
    explained = c.run("journalctl", "--no-pager", "-x", "-u", "nhacviec", f"MESSAGE_ID={MSG_REMINDER_SENT}").stdout
    assert 'Reminder for "giay-moi" sent (due)' in explained, explained
    assert "Support: file:///usr/share/doc/nhacviec/operations.md" in explained, explained
    assert c.exists("/var/lib/nhacviec/state.sqlite")
    # The reload compiled the plan into the unit's CacheDirectory, readable by the service's user alone.
    compiled = c.run("stat", "-c", "%U %a %n", "/var/cache/nhacviec/plans", *c.run(
        "sh", "-c", "ls /var/cache/nhacviec/plans/*.plan").stdout.split()).stdout.splitlines()
    assert compiled[0].startswith("nhacviec 700 ") and len(compiled) == 2, compiled
    assert compiled[1].startswith("nhacviec 600 "), compiled
    assert not c.exists("/var/lib/nhacviec/plan-cache"), "under systemd the cache is not kept beside the state"


def test_reinstall_restarts_and_keeps_the_configuration(container, installed, deb, timings):
    """What an upgrade does: postinst restarts the running daemon with the (new) binary; the main file,
    a conffile the admin changed, and the plans are kept; the ledger keeps the reminder from going out twice."""
    c = container
    before = wait_active(c, "before reinstall", ACTIVE_TIMEOUT)
    apt_install(c, deb, timings, "apt reinstall", "--reinstall")
    after = wait_active(c, "after reinstall", ACTIVE_TIMEOUT)
    assert after["MainPID"] != before["MainPID"], "postinst did not restart the daemon on reinstall"
    assert f"sendmail: {SENDMAIL} -oi" in c.read("/etc/nhacviec/nhacviec.yaml"), "the admin's main file was replaced"
    assert c.exists("/etc/nhacviec/plans.d/e2e.yaml")
    assert c.run("systemctl", "is-enabled", "nhacviec").stdout.strip() == "enabled"
    c.wait_journal("-u", "nhacviec", f"MESSAGE_ID={MSG_DAEMON_STARTED}", f"_SYSTEMD_INVOCATION_ID={after['InvocationID']}")
    time.sleep(1)
    assert len(outbox(c)) == 1, "the reminder went out again after the reinstall"


def test_remove_keeps_configuration_and_state(container, installed, timings):
    c = container
    t = time.monotonic()
    res = c.run("apt-get", "remove", "-y", "nhacviec", env={"DEBIAN_FRONTEND": "noninteractive"}, timeout=120)
    timings["apt remove"] = time.monotonic() - t
    assert not c.exists("/usr/bin/nhacviec"), res.stdout
    assert not c.exists("/usr/lib/systemd/system/nhacviec.service")
    assert c.run("pgrep", "-x", "nhacviec", check=False).returncode == 1, "the daemon still runs after remove"
    load = c.run("systemctl", "show", "nhacviec", "--property=LoadState,ActiveState").stdout
    assert "LoadState=not-found" in load and "ActiveState=inactive" in load, load
    for kept in ("/etc/nhacviec/nhacviec.yaml", "/etc/nhacviec/plans.d/e2e.yaml", "/var/lib/nhacviec/state.sqlite"):
        assert c.exists(kept), f"{kept} removed by apt remove"
    assert c.run("getent", "passwd", "nhacviec", check=False).returncode == 0
    status = c.run("dpkg-query", "-W", "-f=${Status}", "nhacviec").stdout
    assert status == "deinstall ok config-files", status
    catalog = c.run("journalctl", "--no-pager", "--list-catalog", MSG_REMINDER_SENT, check=False).stdout
    assert MSG_REMINDER_SENT not in catalog, "the catalog still knows nhacviec's entries after remove"


def test_purge_leaves_only_what_the_docs_keep(request, container, installed, timings):
    c = container
    t = time.monotonic()
    c.run("apt-get", "purge", "-y", "nhacviec", env={"DEBIAN_FRONTEND": "noninteractive"}, timeout=120)
    timings["apt purge"] = time.monotonic() - t
    assert not c.exists("/etc/nhacviec"), "purge must remove /etc/nhacviec"
    assert c.run("dpkg-query", "-W", "nhacviec", check=False).returncode != 0, "dpkg still knows nhacviec"
    # Kept on purpose (docs/packaging.md): the state and the user.
    assert c.exists("/var/lib/nhacviec/state.sqlite")
    assert c.run("getent", "passwd", "nhacviec", check=False).returncode == 0
    after = files(c)
    loud(request, "test_debian_package: after purge, besides /var/lib/nhacviec: "
                  + (", ".join(sorted(after ^ installed["before"])) or "no file added or removed"))
    added = sorted(after - installed["before"] - USER_BACKUPS)
    removed = sorted(installed["before"] - after)
    assert not added and not removed, f"purge left files behind or removed others:\nadded {added}\nremoved {removed}"
