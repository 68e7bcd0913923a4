#!/usr/bin/env bash
# benchmarks/compare --idle-rss BINARY [RUNS]: the daemon's VmRSS at idle with the shipped Ba Đồn plan, median of RUNS (3).
# Each run copies config/ to a temporary folder (ledger there, sendmail /bin/true), starts `BINARY run`, waits
# 8 s for start-up, the catch-up and the release of start-up memory, reads /proc/PID/status, and stops it.
# Measure the binary users install: dpkg-deb -x nhacviec_*.deb DIR, then benchmarks/compare --idle-rss DIR/usr/bin/nhacviec.
set -euo pipefail
bin=$(readlink -f "$1"); runs=${2:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
for _ in $(seq "$runs"); do
    work=$(mktemp -d)
    cp -r "$root/config" "$work/"
    sed -i -e "s#^state: .*#state: $work/state.sqlite#" -e "s#^  sendmail: .*#  sendmail: /bin/true#" "$work/config/nhacviec.yaml"
    NHACVIEC_LOG=stderr "$bin" run --config "$work/config/nhacviec.yaml" >"$work/log" 2>&1 &
    pid=$!
    sleep 8
    awk '/^VmRSS/ {print $2}' "/proc/$pid/status"
    kill "$pid"; wait "$pid" 2>/dev/null || true
    rm -rf "$work"
done | sort -n | awk '{v[NR] = $1} END {printf "VmRSS median of %d runs: %.1f MB\n", NR, v[int((NR + 1) / 2)] / 1024}'
