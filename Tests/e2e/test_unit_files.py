"""End-to-end checks of nhacviec's systemd integration files and installer.

Covers systemd/nhacviec.service, systemd/postfix-local.conf,
systemd/nhacviec.{sysusers,tmpfiles,catalog}, scripts/install and
scripts/uninstall. Nothing here touches the host's systemd, journal, catalog
database, users or /etc: every command works on a temporary root (--root=,
DESTDIR=) or inside a private mount namespace.

Run (as root, from the repository root):
    python3 -m pytest -v Tests/e2e/test_unit_files.py

Needs: systemd (systemd-analyze, journalctl, systemd-sysusers,
systemd-tmpfiles, systemd-journald), util-linux (unshare, logger), locales
(localedef and the vi_VN source) and bash. A missing tool is a test FAILURE
with a message saying what to install, never a silent skip.

How `systemd-analyze verify` is made to verify cleanly
-----------------------------------------------------
`systemd-analyze verify` exits 0 even for unknown keys and unparsable values
and only warns on stderr, so every verify here demands an EMPTY stderr. But
the unit's ExecStart=/usr/local/bin/nhacviec does not exist on a development
machine, and verify then warns "Command /usr/local/bin/nhacviec is not
executable" (and exits 1). Rather than editing the unit, the tests verify the
unmodified file under a temporary root (`systemd-analyze verify --root=R
nhacviec.service`), where R holds:
  - R/etc/systemd/system/nhacviec.service   the unit, byte for byte;
  - R/etc/systemd/system/nhacviec.service.d/postfix-local.conf   (drop-in test);
  - R/usr/local/bin/nhacviec                a copy of /bin/true (verify only
                                            checks that it is executable);
  - R/usr/bin/kill                          for ExecReload=/bin/kill;
  - R/usr/lib/systemd/system/               a copy of the distribution's units,
                                            so sysinit.target,
                                            network-online.target etc. resolve;
  - R/bin -> usr/bin, R/lib -> usr/lib      (merged /usr, as on Debian 12).
With --root, verify resolves ExecStart= and the drop-in directory inside R,
so the drop-in is applied by systemd's own loader, not by concatenation.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import textwrap
from pathlib import Path

import pytest

# Not rerun under libfaketime by scripts/test: systemd's own tools (systemd-analyze, sysusers, tmpfiles, a journald)
# and the installer on temporary roots read no date of nhacviec's; under a faked clock they would test libfaketime.
pytestmark = pytest.mark.no_faketime("systemd's tools and the installer on temporary roots; no date is read")

REPO = Path(__file__).resolve().parents[2]
SYSTEMD_DIR = REPO / "systemd"
UNIT = SYSTEMD_DIR / "nhacviec.service"
DROPIN = SYSTEMD_DIR / "postfix-local.conf"
SYSUSERS = SYSTEMD_DIR / "nhacviec.sysusers"
TMPFILES = SYSTEMD_DIR / "nhacviec.tmpfiles"
CATALOG = SYSTEMD_DIR / "nhacviec.catalog"
INSTALL = REPO / "scripts" / "install"
UNINSTALL = REPO / "scripts" / "uninstall"

MAX_EXPOSURE = 1.0

MESSAGE_IDS = {
    "reminder-sent": "c23f58e8ab1c416abfd53d32c8d2a7b3",
    "delivery-deferred": "63fb73f3991a41c29692acecf12442a4",
    "delivery-failed": "018abc0aae834a7b854c1101d09e469a",
    "task-overdue": "3e7e8962e7af4763b4fee02a2080e557",
    "escalation-sent": "f7a50d08596e429cb79de0a73b16e100",
    "task-done": "cc3a092e93b14c1d82aa917e37a2693e",
    "config-reloaded": "6bfb60255c6040ec98f356fc32b9ec0e",
    "config-rejected": "54cfc579e69f47048c9177607b96ad48",
    "daemon-started": "4b4423e06dca40f38a3aa895bfca4435",
    "daemon-stopped": "dc7b368b699a49ec9dd71c4fa09da3bf",
    "reminder-skipped": "558f4d8d04104c2bb57fb79af63d706b",
    "task-reopened": "a4ae6a2b74d0411590f08d7f0762ba73",
    "delivery-interrupted": "3acd92e519d449038d4fdfffbd9a3ffe",
    "store-unwritable": "14414299a1ae4d84bf11e7dccb860cfe",
    "copy-sent": "1082efa0a4c74612ab45589ddf5abe30",
    "copy-failed": "7ad489e294034c2a826b3f4919723d3b",
    "inbound-completion": "4db1a0f774b84f258ac5847915884359",
    "inbound-forwarded": "faeaea1c02d9412581a7765d20f516ca",
    "inbound-automatic": "8e2791e4ab444ec399e286e9e2ac6c4a",
    "inbound-unknown": "a4e1280a0e5041a4af42f37464924ede",
    "inbound-deferred": "b3f5511a5ce54570aa333f8bccd7ebeb",
    "store-recovered": "9d4e22ca3d6149abb12240f6df565988",
    "address-undeliverable": "5f0c3e8a9b2d4c71a6e4d2b8c9f01a37",
    "address-delayed": "2c6e9a4b7d1f4e08b3a5c7d9e1f20b46",
    "forward-held": "9a7d3b1e5c2f4a86b0d4e6f8a1c3e527",
    "inbound-stale": "d18b4f7a2e6c4905a3b7c1e9f5d2a864",
    "digest-sent": "7b1e4d9a0c3f4e26a8d5b2c6f9e3a170",
    "digest-skipped": "e4a9c2d7f1b84305b6e0d3a8c5f7b912",
    "digest-deferred": "3f8d6b2a9e1c4a57b0e4f6d8a2c9b135",
    "digest-failed": "a6c1e8f3b9d24d70a5e7c2b4f8d1e069",
}
CATALOG_FIELDS = {
    "NHACVIEC_PLAN", "NHACVIEC_TASK", "NHACVIEC_KIND", "NHACVIEC_DUE",
    "NHACVIEC_RECIPIENTS", "NHACVIEC_MAIL_ID", "NHACVIEC_ATTEMPT",
    "NHACVIEC_DEPARTMENT", "NHACVIEC_STATUS",
}
VI_LETTERS = set("ăâđêôơưạảãàáầấậẩẫằắặẳẵẹẻẽèéềếệểễịỉĩìíọỏõòóồốộổỗờớợởỡụủũùúừứựửữỵỷỹỳý")

# Options that make systemd 252 force NoNewPrivileges=yes on a non-root unit
# (systemd.exec(5), NoNewPrivileges=). postfix's setgid postdrop hangs under
# no_new_privs, so the postfix drop-in must switch every one of them off.
NNP_BOOLEANS = [
    "NoNewPrivileges", "DynamicUser", "LockPersonality", "MemoryDenyWriteExecute",
    "PrivateDevices", "ProtectClock", "ProtectHostname", "ProtectKernelLogs",
    "ProtectKernelModules", "ProtectKernelTunables", "RestrictNamespaces",
    "RestrictRealtime", "RestrictSUIDSGID",
    # Not an NNP trigger, but the postdrop group is unmapped in a private user
    # namespace and the kernel then ignores the setgid bit.
    "PrivateUsers",
]
NNP_LISTS = ["RestrictAddressFamilies", "SystemCallArchitectures", "SystemCallFilter", "SystemCallLog"]
FALSE_VALUES = {"", "no", "false", "0", "off"}


# --------------------------------------------------------------------------- helpers

def need(tool: str, package: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} not found: install {package} (apt-get install {package})", pytrace=False)
    return path


def need_root(why: str) -> None:
    if os.geteuid() != 0:
        pytest.fail(f"must run as root: {why}", pytrace=False)


def run(cmd, **kw) -> subprocess.CompletedProcess:
    kw.setdefault("capture_output", True)
    kw.setdefault("text", True)
    kw.setdefault("timeout", 120)
    return subprocess.run([str(c) for c in cmd], **kw)


def parse_unit(*texts: str) -> dict[str, list[str]]:
    """[Service]/[Unit]/[Install] assignments, later files win like drop-ins:
    each assignment is appended, an empty assignment resets the list."""
    settings: dict[str, list[str]] = {}
    for text in texts:
        for raw in text.splitlines():
            line = raw.strip()
            if not line or line[0] in "#;" or line.startswith("["):
                continue
            key, _, value = line.partition("=")
            key, value = key.strip(), value.strip()
            if value == "":
                settings[key] = []
            else:
                settings.setdefault(key, []).append(value)
    return settings


def last(settings: dict[str, list[str]], key: str) -> str:
    values = settings.get(key, [])
    return values[-1] if values else ""


def exposure(output: str) -> float:
    m = re.search(r"Overall exposure level for .*?: (\d+\.\d+)", output)
    assert m, f"no 'Overall exposure level' line in:\n{output}"
    return float(m.group(1))


def make_root(base: Path, unit_text: str, dropin_text: str | None = None) -> Path:
    """Temporary root in which the unit verifies cleanly (see module docstring)."""
    root = base / "root"
    (root / "usr/bin").mkdir(parents=True)
    (root / "usr/sbin").mkdir(parents=True)
    (root / "usr/lib/systemd").mkdir(parents=True)
    (root / "usr/local/bin").mkdir(parents=True)
    (root / "etc/systemd/system").mkdir(parents=True)
    for link in ("bin", "sbin", "lib"):
        (root / link).symlink_to(f"usr/{link}")
    shutil.copy2(os.path.realpath(need("true", "coreutils")), root / "usr/local/bin/nhacviec")
    shutil.copy2(os.path.realpath(need("kill", "procps")), root / "usr/bin/kill")
    units = Path("/usr/lib/systemd/system")
    if not units.is_dir():
        units = Path("/lib/systemd/system")
    shutil.copytree(units, root / "usr/lib/systemd/system", symlinks=True)
    (root / "etc/systemd/system/nhacviec.service").write_text(unit_text)
    if dropin_text is not None:
        d = root / "etc/systemd/system/nhacviec.service.d"
        d.mkdir()
        (d / "postfix-local.conf").write_text(dropin_text)
    return root


def verify_in_root(root: Path) -> subprocess.CompletedProcess:
    return run([ANALYZE, "verify", "--man=no", f"--root={root}", "nhacviec.service"])


def security(*args) -> tuple[float, str]:
    res = run([ANALYZE, "security", "--offline=true", *args])
    assert res.returncode == 0, res.stderr
    return exposure(res.stdout), res.stdout


ANALYZE = shutil.which("systemd-analyze") or "systemd-analyze"


@pytest.fixture(scope="session", autouse=True)
def _systemd_tools():
    need("systemd-analyze", "systemd")
    need("journalctl", "systemd")


# --------------------------------------------------------------------------- the unit

def test_unit_verifies_clean_in_temp_root(tmp_path):
    root = make_root(tmp_path, UNIT.read_text())
    res = verify_in_root(root)
    assert res.stderr == "", f"systemd-analyze verify warned:\n{res.stderr}"
    assert res.returncode == 0


def test_unit_verify_in_place_only_misses_the_binary():
    """Documents why the temp root is needed: verifying the repo file in place
    warns about nothing but the not-yet-installed ExecStart binary."""
    res = run([ANALYZE, "verify", "--man=no", UNIT])
    lines = [l for l in res.stderr.splitlines() if l.strip()]
    if Path("/usr/local/bin/nhacviec").exists():
        assert lines == [], res.stderr
    else:
        assert lines == [
            "nhacviec.service: Command /usr/local/bin/nhacviec is not executable: No such file or directory"
        ], res.stderr


def test_unit_security_exposure_at_most_1_0():
    score, out = security(UNIT)
    assert score <= MAX_EXPOSURE, f"exposure {score} > {MAX_EXPOSURE}:\n{out}"
    # The figure quoted in the unit's header comment is the measured one.
    m = re.search(r"security --offline=true systemd/nhacviec\.service\s+->\s+(\d+\.\d+)", UNIT.read_text())
    assert m and float(m.group(1)) == score, f"update the header comment of {UNIT.name}: measured {score}"


def test_unit_keeps_what_the_daemon_needs():
    s = parse_unit(UNIT.read_text())
    expected = {
        "Type": "notify", "NotifyAccess": "main",
        "ExecStart": "/usr/local/bin/nhacviec run --config /etc/nhacviec/nhacviec.yaml",
        "ExecReload": "/bin/kill -HUP $MAINPID", "WatchdogSec": "60s",
        "Restart": "on-failure", "RestartSec": "10s", "TimeoutStopSec": "90s",
        "StateDirectory": "nhacviec", "StateDirectoryMode": "0770",
        # The calendar files (calendar-dir): world-readable for the intranet web server that serves them.
        "CacheDirectory": "nhacviec", "CacheDirectoryMode": "0755",
        "ConfigurationDirectory": "nhacviec", "User": "nhacviec", "Group": "nhacviec",
        "UMask": "0007", "ProtectSystem": "strict",
    }
    for key, value in expected.items():
        assert last(s, key) == value, f"{key}={last(s, key)!r}, want {value!r}"
    # msmtp needs INET, journald/sd_notify need UNIX; nothing else.
    families = " ".join(s["RestrictAddressFamilies"]).split()
    assert sorted(families) == ["AF_INET", "AF_INET6", "AF_UNIX"]
    # fork/exec of /usr/sbin/sendmail must stay possible.
    for key in ("NoExecPaths", "ExecPaths", "InaccessiblePaths", "TemporaryFileSystem", "RootDirectory", "RootImage"):
        assert key not in s, f"{key}= would get in the way of exec'ing /usr/sbin/sendmail"
    filters = " ".join(s["SystemCallFilter"]).split()
    assert "@system-service" in filters
    denied = {f.lstrip("~") for f in " ".join(v for v in s["SystemCallFilter"] if v.startswith("~")).split()}
    assert not denied & {"@process", "@system-service", "@file-system", "@network-io", "@basic-io", "@signal"}
    assert last(s, "SystemCallErrorNumber") == "EPERM"
    # /var/lib/nhacviec and /var/cache/nhacviec must stay writable.
    for key in ("ReadOnlyPaths", "InaccessiblePaths"):
        for v in s.get(key, []):
            assert "/var/lib" not in v and "/var/cache" not in v


# --------------------------------------------------------------------------- postfix drop-in

def test_dropin_applied_verifies_clean(tmp_path):
    root = make_root(tmp_path, UNIT.read_text(), DROPIN.read_text())
    res = verify_in_root(root)
    assert res.stderr == "", f"systemd-analyze verify warned:\n{res.stderr}"
    assert res.returncode == 0


def test_dropin_score_is_measured_and_documented(tmp_path):
    base, _ = security(UNIT)
    root = make_root(tmp_path, UNIT.read_text(), DROPIN.read_text())
    with_dropin, out = security(f"--root={root}", "nhacviec.service")
    # Same figure with the drop-in concatenated onto the unit.
    cat = tmp_path / "cat" / "nhacviec.service"
    cat.parent.mkdir()
    cat.write_text(UNIT.read_text() + "\n" + DROPIN.read_text())
    concatenated, _ = security(cat)
    assert with_dropin == concatenated
    assert with_dropin > base, "the drop-in should loosen the sandbox"
    # Still not running as root, still no capabilities, still read-only OS.
    assert "✗ User=/DynamicUser=" not in out
    m = re.search(r"security --offline=true\s+->\s+(\d+\.\d+)\s+\((\d+\.\d+) without it\)", DROPIN.read_text())
    assert m, "postfix-local.conf must quote the measured exposure"
    assert (float(m.group(1)), float(m.group(2))) == (with_dropin, base), \
        f"update postfix-local.conf's comment: measured {with_dropin} (base {base})"
    hdr = re.search(r"With systemd/postfix-local\.conf applied as a drop-in it is (\d+\.\d+)", UNIT.read_text())
    assert hdr and float(hdr.group(1)) == with_dropin, f"update the unit's header comment: {with_dropin}"


def test_dropin_turns_off_everything_that_forces_no_new_privileges():
    merged = parse_unit(UNIT.read_text(), DROPIN.read_text())
    for key in NNP_BOOLEANS:
        assert last(merged, key).lower() in FALSE_VALUES, f"{key}= still on with the drop-in"
    for key in NNP_LISTS:
        assert merged.get(key, []) == [], f"{key}= still set with the drop-in"
    assert "/var/spool/postfix/maildrop" in " ".join(merged.get("ReadWritePaths", []))
    # And nothing beyond that is loosened.
    for key in ("ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateMounts", "ProtectProc",
                "ProcSubset", "ProtectControlGroups", "PrivateIPC", "UMask", "User",
                "CapabilityBoundingSet", "IPAddressDeny", "DevicePolicy"):
        assert merged.get(key) == parse_unit(UNIT.read_text()).get(key), f"drop-in changed {key}="


# --------------------------------------------------------------------------- sysusers / tmpfiles

def test_sysusers_and_tmpfiles_apply_to_a_temp_root(tmp_path):
    need("systemd-sysusers", "systemd")
    need("systemd-tmpfiles", "systemd")
    need_root("systemd-tmpfiles must chown inside the temporary root")
    root = tmp_path / "root"
    (root / "etc").mkdir(parents=True)
    for f in ("passwd", "group", "shadow", "gshadow"):
        (root / "etc" / f).touch()
    res = run(["systemd-sysusers", f"--root={root}", SYSUSERS])
    assert res.returncode == 0, res.stderr
    passwd = (root / "etc/passwd").read_text().splitlines()
    entry = [l for l in passwd if l.startswith("nhacviec:")]
    assert len(entry) == 1, passwd
    _, _, uid, gid, _, home, shell = entry[0].split(":")
    assert int(uid) < 1000 and home == "/var/lib/nhacviec" and shell.endswith("nologin")
    assert any(l.startswith(f"nhacviec:x:{gid}:") for l in (root / "etc/group").read_text().splitlines())

    # A config file as a staged install leaves it: root-owned.
    (root / "etc/nhacviec/plans.d").mkdir(parents=True)
    (root / "etc/nhacviec/nhacviec.yaml").write_text("x: 1\n")
    (root / "etc/nhacviec/nhacviec.yaml").chmod(0o640)
    res = run(["systemd-tmpfiles", f"--root={root}", "--create", TMPFILES])
    assert res.returncode == 0 and res.stderr == "", res.stderr

    def st(p):
        s = (root / p).stat()
        return oct(stat.S_IMODE(s.st_mode)), s.st_uid, s.st_gid
    assert st("etc/nhacviec") == ("0o750", 0, int(gid))
    assert st("etc/nhacviec/plans.d") == ("0o750", 0, int(gid))
    assert st("etc/nhacviec/nhacviec.yaml") == ("0o640", 0, int(gid))
    assert st("var/lib/nhacviec") == ("0o770", int(uid), int(gid))


# --------------------------------------------------------------------------- catalog

def parse_catalog(text: str) -> dict[tuple[str, str], dict]:
    """{(id, lang or ''): {"headers": {...}, "body": str}} from a catalog file."""
    entries: dict[tuple[str, str], dict] = {}
    current = None
    for line in text.splitlines():
        m = re.match(r"^-- ([0-9a-f]{32})(?: ([A-Za-z_@]+))?\s*$", line)
        if m:
            key = (m.group(1), m.group(2) or "")
            assert key not in entries, f"duplicate catalog entry {key}"
            current = entries[key] = {"lines": []}
            continue
        if line.startswith("#"):
            continue
        assert current is not None or not line.strip(), f"text outside an entry: {line!r}"
        if current is not None:
            current["lines"].append(line)
    for key, e in entries.items():
        lines = e.pop("lines")
        headers = {}
        while lines and re.match(r"^[A-Za-z-]+: ", lines[0]):
            k, _, v = lines.pop(0).partition(": ")
            headers[k] = v
        e["headers"] = headers
        e["body"] = "\n".join(lines).strip()
    return entries


def test_catalog_structure():
    text = CATALOG.read_text(encoding="utf-8")
    entries = parse_catalog(text)
    ids = set(MESSAGE_IDS.values())
    assert {i for i, _ in entries} == ids
    assert set(entries) == {(i, lang) for i in ids for lang in ("", "vi")}
    for (mid, lang), e in entries.items():
        h = e["headers"]
        assert h.get("Subject"), (mid, lang)
        assert h.get("Defined-By") == "nhacviec", (mid, lang)
        if "Support" in h:
            assert re.match(r"^(file://|man:|https?://)", h["Support"]) and "example" not in h["Support"]
        assert len(e["body"]) > 80, (mid, lang)
        used = set(re.findall(r"@([A-Za-z0-9_]+)@", h["Subject"] + e["body"]))
        assert used <= CATALOG_FIELDS, f"{mid} {lang}: unknown fields {used - CATALOG_FIELDS}"
    for mid in ids:
        vi, en = entries[(mid, "vi")], entries[(mid, "")]
        assert set(vi["headers"]["Subject"] + vi["body"]) & VI_LETTERS, f"{mid}: vi entry lacks diacritics"
        assert vi["headers"]["Subject"] != en["headers"]["Subject"]
        # Both languages use the same fields.
        f = lambda e: set(re.findall(r"@([A-Z0-9_]+)@", e["headers"]["Subject"] + e["body"]))
        assert f(vi) == f(en), f"{mid}: fields differ between vi and en"
    for name in ("delivery-deferred", "delivery-failed"):
        assert "@NHACVIEC_ATTEMPT@" in entries[(MESSAGE_IDS[name], "")]["body"]


@pytest.fixture(scope="module")
def vi_locale(tmp_path_factory):
    """(env additions) for a working vi_VN.UTF-8 locale, compiled into a temp
    LOCPATH if the system does not have it (the host is left alone)."""
    have = run(["locale", "-a"]).stdout.lower().split()
    if "vi_vn.utf8" in have:
        return {}
    need("localedef", "locales")
    if not Path("/usr/share/i18n/locales/vi_VN").exists():
        pytest.fail("no vi_VN locale source: install locales (apt-get install locales)", pytrace=False)
    locpath = tmp_path_factory.mktemp("locale")
    res = run(["localedef", "-i", "vi_VN", "-f", "UTF-8", locpath / "vi_VN.UTF-8"])
    assert res.returncode == 0, res.stderr
    return {"LOCPATH": str(locpath)}


def lang_env(extra: dict, lang: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")}
    env.update(extra)
    env["LANG"] = lang
    return env


def test_catalog_update_in_temp_root(tmp_path, vi_locale):
    root = tmp_path / "root"
    (root / "usr/lib/systemd/catalog").mkdir(parents=True)
    shutil.copy(CATALOG, root / "usr/lib/systemd/catalog/nhacviec.catalog")
    res = run(["journalctl", f"--root={root}", "--update-catalog"])
    assert res.returncode == 0 and res.stderr == "", res.stderr
    assert (root / "var/lib/systemd/catalog/database").stat().st_size > 0

    entries = parse_catalog(CATALOG.read_text(encoding="utf-8"))
    for lang, key in (("C.UTF-8", ""), ("vi_VN.UTF-8", "vi")):
        env = lang_env(vi_locale if key == "vi" else {}, lang)
        res = run(["journalctl", f"--root={root}", "--list-catalog"], env=env)
        assert res.returncode == 0 and res.stderr == "", res.stderr
        listed = dict(l.split(" ", 1) for l in res.stdout.splitlines())
        assert set(listed) == set(MESSAGE_IDS.values())
        for mid, line in listed.items():
            assert line == "nhacviec: " + entries[(mid, key)]["headers"]["Subject"], (lang, mid)


def test_catalog_fills_fields_in_journal(tmp_path, vi_locale):
    """A real journald in a private mount namespace (tmpfs over /run,
    /var/log/journal and both catalog directories), one entry sent with
    `logger --journald`, and `journalctl -x` in English and Vietnamese."""
    need_root("unshare -m and systemd-journald")
    need("unshare", "util-linux")
    need("logger", "bsdutils")
    journald = next((p for p in ("/usr/lib/systemd/systemd-journald", "/lib/systemd/systemd-journald")
                     if os.access(p, os.X_OK)), None)
    if journald is None:
        pytest.fail("systemd-journald not found: install systemd", pytrace=False)
    if not Path("/etc/machine-id").exists():
        pytest.fail("/etc/machine-id is missing (systemd-journald needs it): run systemd-machine-id-setup",
                    pytrace=False)
    mid = MESSAGE_IDS["delivery-failed"]
    script = tmp_path / "journal.sh"
    script.write_text(textwrap.dedent(f"""\
        #!/bin/bash
        set -euo pipefail
        mount -t tmpfs tmpfs /run
        for d in /var/log/journal /var/lib/systemd/catalog /usr/lib/systemd/catalog; do
            if [ -d "$d" ]; then mount -t tmpfs tmpfs "$d"; fi
        done
        mkdir -p /run/systemd/journal /var/lib/systemd/catalog /usr/lib/systemd/catalog
        cp {CATALOG} /usr/lib/systemd/catalog/nhacviec.catalog
        journalctl --update-catalog
        {journald} >{tmp_path}/journald.log 2>&1 &
        JPID=$!
        trap 'kill $JPID; wait $JPID || true' EXIT
        for i in $(seq 250); do [ -S /run/systemd/journal/socket ] && break; sleep 0.02; done
        [ -S /run/systemd/journal/socket ]
        logger --journald <<EOF
        MESSAGE_ID={mid}
        MESSAGE=test: 550 5.1.1 unknown user
        SYSLOG_IDENTIFIER=nhacviec-e2e
        NHACVIEC_TASK=Báo cáo tuần
        NHACVIEC_PLAN=van-phong
        NHACVIEC_DEPARTMENT=Tư pháp
        NHACVIEC_DUE=2025-03-07 16:00
        NHACVIEC_RECIPIENTS=tuphap@badon.example.gov.vn
        NHACVIEC_MAIL_ID=<e2e@nhacviec>
        NHACVIEC_ATTEMPT=1
        EOF
        for i in $(seq 100); do
            journalctl -q --no-pager -o cat MESSAGE_ID={mid} | grep -q . && break; sleep 0.05
        done
        echo '=== en'
        LANG=C.UTF-8 journalctl --no-pager -x MESSAGE_ID={mid}
        echo '=== vi'
        LANG=vi_VN.UTF-8 journalctl --no-pager -x MESSAGE_ID={mid}
    """))
    script.chmod(0o755)
    env = lang_env(vi_locale, "C.UTF-8")
    res = run(["unshare", "-m", "--propagation", "private", script], env=env, timeout=60)
    assert res.returncode == 0, f"{res.stdout}\n{res.stderr}\n{(tmp_path / 'journald.log').read_text()}"
    en, _, vi = res.stdout.partition("=== vi")
    assert 'Reminder for "Báo cáo tuần" could not be delivered' in en
    assert "department Tư pháp, due 2025-03-07 16:00" in en
    assert "Message-ID: <e2e@nhacviec>" in en
    assert 'Không gửi được thư nhắc việc "Báo cáo tuần"' in vi
    assert "bộ phận Tư pháp" in vi and "tuphap@badon.example.gov.vn" in vi
    for out in (en, vi):
        assert "@NHACVIEC_" not in out


# --------------------------------------------------------------------------- installer

@pytest.fixture
def source_tree(tmp_path):
    """A copy of the repository's install inputs with known example files, so
    the test does not depend on what config/ and docs/ hold today."""
    src = tmp_path / "src"
    shutil.copytree(REPO / "scripts", src / "scripts")
    shutil.copytree(SYSTEMD_DIR, src / "systemd")
    shutil.copytree(REPO / "packaging", src / "packaging")    # the manifest the installer reads
    shutil.copy2(REPO / "LICENSE", src / "LICENSE")
    (src / "config/plans.d").mkdir(parents=True)
    (src / "config/examples").mkdir()
    (src / "config/examples/kien-nghi.csv").write_text("số,nội dung\n1,ví dụ\n")
    (src / "config/nhacviec.yaml").write_text("# example main configuration\n")
    (src / "config/plans.d/van-phong.yaml").write_text("# example plan: văn phòng\n")
    (src / "config/plans.d/tu-phap.yaml").write_text("# example plan: tư pháp\n")
    (src / "docs").mkdir()
    (src / "docs/operations.md").write_text("# Vận hành\n")
    (src / "docs/README.md").write_text("# nhacviec\n")
    return src


def install(src: Path, destdir: Path, **env) -> subprocess.CompletedProcess:
    e = dict(os.environ, DESTDIR=str(destdir), NHACVIEC_BINARY=os.path.realpath(need("true", "coreutils")))
    e.pop("PREFIX", None)
    e.update(env)
    res = run([need("bash", "bash"), src / "scripts/install"], env=e)
    assert res.returncode == 0, f"install failed:\n{res.stdout}\n{res.stderr}"
    return res


def uninstall(src: Path, destdir: Path, **env) -> subprocess.CompletedProcess:
    e = dict(os.environ, DESTDIR=str(destdir))
    e.pop("PREFIX", None)
    e.update(env)
    res = run([need("bash", "bash"), src / "scripts/uninstall"], env=e)
    assert res.returncode == 0, f"uninstall failed:\n{res.stdout}\n{res.stderr}"
    return res


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_install_lays_out_files(tmp_path, source_tree):
    dest = tmp_path / "dest"
    res = install(source_tree, dest)
    true_bin = Path(os.path.realpath(shutil.which("true")))
    layout = {
        "usr/local/bin/nhacviec": 0o755,
        "etc/systemd/system/nhacviec.service": 0o644,
        "usr/lib/sysusers.d/nhacviec.conf": 0o644,
        "usr/lib/tmpfiles.d/nhacviec.conf": 0o644,
        "usr/lib/systemd/catalog/nhacviec.catalog": 0o644,
        "usr/local/share/doc/nhacviec/operations.md": 0o644,
        "usr/local/share/doc/nhacviec/README.md": 0o644,
        "usr/local/share/nhacviec/postfix-local.conf": 0o644,
        "etc/nhacviec/nhacviec.yaml": 0o640,
        "etc/nhacviec/plans.d/van-phong.yaml": 0o640,
        "etc/nhacviec/plans.d/tu-phap.yaml": 0o640,
    }
    for rel, m in layout.items():
        p = dest / rel
        assert p.is_file(), f"missing {rel}\n{res.stdout}"
        assert mode(p) == m, f"{rel}: mode {oct(mode(p))}, want {oct(m)}"
    assert mode(dest / "etc/nhacviec") == 0o750
    assert mode(dest / "etc/nhacviec/plans.d") == 0o750
    assert (dest / "usr/local/bin/nhacviec").read_bytes() == true_bin.read_bytes()
    # Default PREFIX: files are installed as they are in the repository.
    assert (dest / "etc/systemd/system/nhacviec.service").read_text() == UNIT.read_text()
    assert (dest / "usr/lib/systemd/catalog/nhacviec.catalog").read_text() == CATALOG.read_text()
    assert (dest / "usr/lib/sysusers.d/nhacviec.conf").read_text() == SYSUSERS.read_text()
    assert (dest / "usr/lib/tmpfiles.d/nhacviec.conf").read_text() == TMPFILES.read_text()
    # The postfix drop-in is only shipped, never enabled.
    assert not (dest / "etc/systemd/system/nhacviec.service.d").exists()
    # DESTDIR install: no user creation, catalog update or daemon-reload on the host.
    assert "+ systemd-sysusers" not in res.stdout and "+ systemctl" not in res.stdout
    assert "+ journalctl" not in res.stdout

    # The installed tree is a valid root for systemd-analyze verify once it has
    # /bin/kill and the distribution's units.
    (dest / "usr/bin").mkdir(parents=True, exist_ok=True)
    shutil.copy2(os.path.realpath(need("kill", "procps")), dest / "usr/bin/kill")
    for link in ("bin", "lib"):
        (dest / link).symlink_to(f"usr/{link}")
    units = Path("/usr/lib/systemd/system")
    shutil.copytree(units if units.is_dir() else Path("/lib/systemd/system"),
                    dest / "usr/lib/systemd/system", symlinks=True)
    v = verify_in_root(dest)
    assert v.stderr == "" and v.returncode == 0, v.stderr


def test_install_with_prefix_rewrites_paths(tmp_path, source_tree):
    dest = tmp_path / "dest"
    install(source_tree, dest, PREFIX="/opt/nhacviec")
    unit = (dest / "etc/systemd/system/nhacviec.service").read_text()
    assert "ExecStart=/opt/nhacviec/bin/nhacviec run --config /etc/nhacviec/nhacviec.yaml" in unit
    assert "Documentation=file:/opt/nhacviec/share/doc/nhacviec/operations.md" in unit
    assert not re.search(r"^(ExecStart|Documentation)=.*/usr/local", unit, re.M)
    catalog = (dest / "usr/lib/systemd/catalog/nhacviec.catalog").read_text()
    assert "Support: file:///opt/nhacviec/share/doc/nhacviec/operations.md" in catalog
    assert "/usr/local" not in "".join(l for l in catalog.splitlines() if l.startswith("Support:"))
    assert (dest / "opt/nhacviec/bin/nhacviec").is_file()
    assert (dest / "opt/nhacviec/share/nhacviec/postfix-local.conf").is_file()
    assert (dest / "opt/nhacviec/share/doc/nhacviec/operations.md").is_file()
    assert not (dest / "usr/local").exists()
    # systemd's own locations do not move with PREFIX.
    assert (dest / "usr/lib/sysusers.d/nhacviec.conf").is_file()


def test_second_install_keeps_modified_config(tmp_path, source_tree):
    dest = tmp_path / "dest"
    install(source_tree, dest)
    main = dest / "etc/nhacviec/nhacviec.yaml"
    plan = dest / "etc/nhacviec/plans.d/van-phong.yaml"
    main.write_text("# edited by the administrator\n")
    plan.write_text("# edited plan\n")
    (dest / "etc/nhacviec/plans.d/tu-phap.yaml").unlink()       # removed on purpose by the office
    (source_tree / "config/plans.d/moi.yaml").write_text("# new example plan\n")
    res = install(source_tree, dest)
    assert main.read_text() == "# edited by the administrator\n"
    assert plan.read_text() == "# edited plan\n"
    # An upgrade never adds example plans to a live configuration, nor brings back a deleted one.
    assert not (dest / "etc/nhacviec/plans.d/moi.yaml").exists()
    assert not (dest / "etc/nhacviec/plans.d/tu-phap.yaml").exists()
    assert "example plans not (re)installed" in res.stdout, res.stdout
    kept = [l for l in res.stdout.splitlines() if "kept existing" in l]
    assert len(kept) == 1 and str(main) in kept[0], res.stdout


def test_uninstall_removes_program_and_keeps_config(tmp_path, source_tree):
    dest = tmp_path / "dest"
    install(source_tree, dest)
    (dest / "etc/nhacviec/nhacviec.yaml").write_text("# edited\n")
    (dest / "var/lib/nhacviec").mkdir(parents=True)
    (dest / "var/lib/nhacviec/state.sqlite").write_bytes(b"SQLite format 3\0")
    res = uninstall(source_tree, dest)
    for rel in ("usr/local/bin/nhacviec", "etc/systemd/system/nhacviec.service",
                "usr/lib/sysusers.d/nhacviec.conf", "usr/lib/tmpfiles.d/nhacviec.conf",
                "usr/lib/systemd/catalog/nhacviec.catalog", "usr/local/share/doc/nhacviec",
                "usr/local/share/nhacviec"):
        assert not (dest / rel).exists(), f"{rel} still there"
    assert (dest / "etc/nhacviec/nhacviec.yaml").read_text() == "# edited\n"
    assert (dest / "etc/nhacviec/plans.d/van-phong.yaml").is_file()
    assert (dest / "var/lib/nhacviec/state.sqlite").is_file()
    assert re.search(r"left the configuration .*/etc/nhacviec alone", res.stdout)
    assert re.search(r"left the state directory .*/var/lib/nhacviec", res.stdout)
    assert "+ systemctl" not in res.stdout and "+ journalctl" not in res.stdout
    # A second uninstall is harmless.
    uninstall(source_tree, dest)


def test_install_rejects_a_missing_binary(tmp_path, source_tree):
    e = dict(os.environ, DESTDIR=str(tmp_path / "dest"), NHACVIEC_BINARY=str(tmp_path / "nope"))
    res = run(["bash", source_tree / "scripts/install"], env=e)
    assert res.returncode != 0 and "NHACVIEC_BINARY" in res.stderr


def test_repository_installer_into_destdir(tmp_path):
    """The real scripts/install from the repository (not a copy), with
    whatever config/ and docs/ the repository holds today."""
    dest = tmp_path / "dest"
    install(REPO, dest)
    for rel in ("usr/local/bin/nhacviec", "etc/systemd/system/nhacviec.service",
                "usr/lib/sysusers.d/nhacviec.conf", "usr/lib/tmpfiles.d/nhacviec.conf",
                "usr/lib/systemd/catalog/nhacviec.catalog", "usr/local/share/nhacviec/postfix-local.conf"):
        assert (dest / rel).is_file(), rel
    if (REPO / "config/nhacviec.yaml").is_file():
        assert (dest / "etc/nhacviec/nhacviec.yaml").read_bytes() == (REPO / "config/nhacviec.yaml").read_bytes()
    for plan in (REPO / "config/plans.d").glob("*.yaml"):
        assert (dest / "etc/nhacviec/plans.d" / plan.name).is_file()
    for doc in (REPO / "docs").glob("*.md"):
        assert (dest / "usr/local/share/doc/nhacviec" / doc.name).is_file()
    uninstall(REPO, dest)
    assert not (dest / "usr/local/bin/nhacviec").exists()
