#!/usr/bin/env bash
# harness/quick.sh BINARY: the quick self-check, run by `benchmarks/compare --quick` (which builds BINARY, or takes
# NHACVIEC_BIN). Generates a large data set and measures check, schedule and the daemon's start-up and idle
# behaviour. Prints one Markdown table on standard output; progress and the raw figures of every run go to
# standard error.
#
# Knobs (environment): BENCH_PLANS (2000), BENCH_TASKS (100), BENCH_RUNS (3; the median is reported),
# BENCH_IDLE (60: seconds of the idle window), BENCH_KEEP=1 (keep the temporary directory).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
plans=${BENCH_PLANS:-2000}
tasks=${BENCH_TASKS:-100}
runs=${BENCH_RUNS:-3}
idle=${BENCH_IDLE:-60}

say() { printf '%s\n' "$*" >&2; }
die() { say "benchmarks/compare --quick: $*"; exit 1; }

# --- tools -------------------------------------------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
    say "installing GNU time (/usr/bin/time)"
    if [[ $(id -u) -eq 0 ]]; then apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; }
    else sudo apt-get install -y -q time >&2; fi
fi
command -v python3 >/dev/null || die "python3 is required"

# --- binary ------------------------------------------------------------------------------------------
bin=${1:?usage: harness/quick.sh BINARY}
[[ -x $bin ]] || die "$bin is not an executable"
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# --- data set ----------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/nhacviec-bench.XXXXXX")
cleanup() { if [[ ${BENCH_KEEP:-0} == 1 ]]; then say "kept $work"; else rm -rf "$work"; fi; }
trap cleanup EXIT
data=$work/data
python3 "$here/../gen_plans.py" "$data" --plans "$plans" --tasks "$tasks" >&2
config=$data/nhacviec.yaml
say "data set: $(du -sh "$data/plans.d" | cut -f1) of YAML in $(ls "$data/plans.d" | wc -l) files"

# --- helpers -----------------------------------------------------------------------------------------
# wall seconds and max RSS (MB) from a `/usr/bin/time -v` report
wall_of() {
    awk -F': ' '/Elapsed \(wall clock\) time/ {
        n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; printf "%.2f\n", s }' "$1"
}
cpu_of() { awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ { s += $2 } END { printf "%.2f\n", s }' "$1"; }
rss_of() { awk -F': ' '/Maximum resident set size/ { printf "%.0f\n", $2 / 1024 }' "$1"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
# "yes" when every "value limit" pair has value < limit
below() { awk -v v="$1" -v l="$2" 'BEGIN { print (v + 0 < l + 0) ? "yes" : "no" }'; }

load_start=$(cut -d' ' -f1-3 /proc/loadavg)
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [[ -n $(git -C "$root" status --porcelain --untracked-files=no -- Sources Package.swift 2>/dev/null) ]]; then
    commit="$commit + uncommitted changes in Sources"
fi
[[ -n ${NHACVIEC_BIN:-} ]] && commit="NHACVIEC_BIN=$bin (tree at $commit)"

# --- (a) check ---------------------------------------------------------------------------------------
check_wall=(); check_rss=(); check_cpu=()
for i in $(seq "$runs"); do
    set +e
    /usr/bin/time -v -o "$work/check.$i.time" "$bin" check --config "$config" >"$work/check.$i.out" 2>"$work/check.$i.err"
    rc=$?
    set -e
    [[ $rc -eq 0 ]] || { tail -5 "$work/check.$i.err" >&2; die "check exited $rc"; }
    check_wall+=("$(wall_of "$work/check.$i.time")"); check_rss+=("$(rss_of "$work/check.$i.time")")
    check_cpu+=("$(cpu_of "$work/check.$i.time")")
    say "check run $i: ${check_wall[-1]} s wall, ${check_cpu[-1]} s CPU, ${check_rss[-1]} MB; $(cat "$work/check.$i.out")"
done
check_warnings=$(grep -c ': warning: ' "$work/check.1.err" || true)

# --- (b) schedule --------------------------------------------------------------------------------------
sched_wall=(); sched_rss=(); sched_cpu=()
for i in $(seq "$runs"); do
    set +e
    /usr/bin/time -v -o "$work/schedule.$i.time" "$bin" schedule --config "$config" \
        --from 2027-01-01 --to 2028-12-31 --format json >/dev/null 2>"$work/schedule.$i.err"
    rc=$?
    set -e
    [[ $rc -eq 0 ]] || { tail -5 "$work/schedule.$i.err" >&2; die "schedule exited $rc"; }
    sched_wall+=("$(wall_of "$work/schedule.$i.time")"); sched_rss+=("$(rss_of "$work/schedule.$i.time")")
    sched_cpu+=("$(cpu_of "$work/schedule.$i.time")")
    say "schedule run $i: ${sched_wall[-1]} s wall, ${sched_cpu[-1]} s CPU, ${sched_rss[-1]} MB"
done
# one more, untimed run to count the lines (the timed ones write to /dev/null)
sched_lines=$("$bin" schedule --config "$config" --from 2027-01-01 --to 2028-12-31 --format json 2>/dev/null | wc -l)
say "schedule: $sched_lines lines"

# --- (c) + (d) daemon --------------------------------------------------------------------------------
ready=(); started=(); srss=(); drss=(); dhwm=(); wake=(); wake_live=(); wake_raw=(); exits=(); texit=()
for i in $(seq "$runs"); do
    # A first start each run: the ledger and its marker (without the marker a lost ledger is refused, exit 78).
    rm -f "$data"/state.sqlite* "$data"/.state.sqlite.created
    set +e
    json=$(python3 "$here/daemon_probe.py" --bin "$bin" --config "$config" --log "$work/daemon.$i.log" --idle "$idle")
    rc=$?
    set -e
    say "daemon run $i: $json"
    [[ $rc -eq 0 ]] || { tail -5 "$work/daemon.$i.log" >&2; die "daemon probe failed (exit $rc)"; }
    read -r s r srs rss hwm w wl wr x te < <(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(
        "%s %.2f %s %.0f %.0f %d %d %d %d %d" % ("nan" if d["started_s"] is None else "%.2f" % d["started_s"], d["ready_s"],
        "nan" if d.get("rss_at_started_kb") is None else "%.0f" % (d["rss_at_started_kb"]/1024), d["rss_kb"]/1024, d["hwm_kb"]/1024,
        d["wakeups"], d["wakeups_live_threads"], d["wakeups_raw_sum_diff"], d["exit_code"], len(d["threads_exited"])))' "$json")
    started+=("$s"); ready+=("$r"); srss+=("$srs"); drss+=("$rss"); dhwm+=("$hwm"); wake+=("$w"); wake_live+=("$wl"); wake_raw+=("$wr")
    exits+=("$x"); texit+=("$te")
done

# --- table -------------------------------------------------------------------------------------------
m_cw=$(median "${check_wall[@]}"); m_cr=$(median "${check_rss[@]}"); m_cc=$(median "${check_cpu[@]}")
m_sw=$(median "${sched_wall[@]}"); m_sr=$(median "${sched_rss[@]}"); m_sc=$(median "${sched_cpu[@]}")
m_st=$(median "${started[@]}"); m_rd=$(median "${ready[@]}")
m_srss=$(median "${srss[@]}"); m_rss=$(median "${drss[@]}"); m_hwm=$(median "${dhwm[@]}")
m_wk=$(median "${wake[@]}"); m_wl=$(median "${wake_live[@]}"); m_wr=$(median "${wake_raw[@]}")
m_te=$(median "${texit[@]}")
all_exit0=yes; for x in "${exits[@]}"; do [[ $x -eq 0 ]] || all_exit0=no; done
range() { printf '%s' "$(printf '%s\n' "$@" | sort -g | head -1)–$(printf '%s\n' "$@" | sort -g | tail -1)"; }
wk_zero=$(awk -v v="$m_wk" 'BEGIN { print (v == 0) ? "yes" : "no" }')

cat <<EOF

Binary: $commit. Data set: $plans plans x $tasks tasks ($((plans * tasks)) tasks), $sched_lines reminder lines in 2027-01-01..2028-12-31; \`check\` prints $check_warnings warnings (provisional 2027 holidays). Median of $runs runs (range in brackets); $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg).

| measure | figure | target | met |
|---|---|---|---|
| \`check\` wall time | $m_cw s ($(range "${check_wall[@]}")) | < 2 s | $(below "$m_cw" 2) |
| \`check\` CPU time (user + sys) | $m_cc s ($(range "${check_cpu[@]}")) | – | – |
| \`check\` max RSS | $m_cr MB ($(range "${check_rss[@]}")) | < 200 MB | $(below "$m_cr" 200) |
| \`schedule --format json\` 2027–2028 wall time | $m_sw s ($(range "${sched_wall[@]}")) | < 2 s | $(below "$m_sw" 2) |
| \`schedule\` CPU time (user + sys) | $m_sc s ($(range "${sched_cpu[@]}")) | – | – |
| \`schedule --format json\` max RSS | $m_sr MB ($(range "${sched_rss[@]}")) | < 200 MB | $(below "$m_sr" 200) |
| \`schedule\` lines | $sched_lines | ~1,000,000 | – |
| daemon spawn to "nhacviec started" log line | $m_st s ($(range "${started[@]}")) | – | – |
| daemon start-to-armed (spawn to READY=1) | $m_rd s ($(range "${ready[@]}")) | < 3 s | $(below "$m_rd" 3) |
| daemon VmRSS when "started" is logged (configuration loaded) | $m_srss MB ($(range "${srss[@]}")) | – | – |
| daemon VmRSS at READY | $m_rss MB ($(range "${drss[@]}")) | < 150 MB | $(below "$m_rss" 150) |
| daemon VmHWM (peak RSS) at READY | $m_hwm MB ($(range "${dhwm[@]}")) | – | – |
| idle wake-ups over ${idle} s (all threads) | $m_wk ($(range "${wake[@]}")), of which $m_te thread exit(s); plain sum difference $m_wr | 0 | $wk_zero |
| idle wake-ups over ${idle} s, threads alive throughout | $m_wl ($(range "${wake_live[@]}")) | 0 | $(awk -v v="$m_wl" 'BEGIN { print (v == 0) ? "yes" : "no" }') |
| exit status after SIGTERM | $(printf '%s ' "${exits[@]}" | sed 's/ $//') | 0 | $all_exit0 |
EOF
