#!/usr/bin/env bash
# harness/petitions.sh BINARY: 5,000 petitions, imported into the shipped Ba Đồn plan and checked; run by
# `benchmarks/compare --petitions` (which builds BINARY, or takes NHACVIEC_BIN). Prints one Markdown table (median
# of BENCH_RUNS runs, wall time and peak memory from /usr/bin/time); progress goes to standard error.
#
# Knobs: BENCH_PETITIONS (5000), BENCH_RUNS (3), BENCH_KEEP=1 (keep the temporary directory).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
count=${BENCH_PETITIONS:-5000}
runs=${BENCH_RUNS:-3}
say() { printf '%s\n' "$*" >&2; }
[[ -x /usr/bin/time ]] || { say "installing GNU time"; apt-get install -y -q time >&2; }
bin=${1:?usage: harness/petitions.sh BINARY}
work=$(mktemp -d /tmp/nhacviec-bench-petitions.XXXXXX)
[[ ${BENCH_KEEP:-} == 1 ]] || trap 'rm -rf "$work"' EXIT
cp -r "$root/config" "$work/"
cfg=$work/config/nhacviec.yaml
sed -i "s#^state: .*#state: $work/state.sqlite#" "$cfg"
"$bin" event --config "$cfg" ba-don-2025 conclusion 2025-12-26 >/dev/null

python3 - "$count" "$work" <<'PY'
import csv, random, sys
count, work = int(sys.argv[1]), sys.argv[2]
random.seed(5000)
departments = ["van-phong", "vhxh", "kinh-te", "hanh-chinh-cong", "dich-vu", "cong-an", "quan-su"]
subjects = ["Đề nghị nâng cấp tuyến đường", "Mương thoát nước bị tắc, gây ngập úng", "Đề nghị lắp đèn chiếu sáng",
            "Hồ sơ cấp Giấy chứng nhận quyền sử dụng đất chậm giải quyết", "Đề nghị xét trợ cấp xã hội",
            "Tăng cường tuần tra, bảo đảm an ninh trật tự", "Thu gom rác thải chưa đúng giờ"]
deadlines = ["conclusion + 10wd", "conclusion + 15wd", "2026-01-30", "2026-02-06"]
for name, variant in (("a", 0), ("b", 1)):
    with open(f"{work}/kien-nghi-{name}.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["Số TT", "Nội dung kiến nghị", "Người kiến nghị", "Đơn vị trả lời", "Hạn trả lời"])
        for n in range(1, count + 1):
            text = f"{random.choice(subjects)} tại TDP {n % 40 + 1}, khu vực số {n}" + (", đã sửa" if variant and n % 2 else "")
            w.writerow([n, text, f"Ông Nguyễn Văn {n}, TDP {n % 40 + 1}", departments[n % 7], deadlines[n % 4]])
PY

# One run of a command after a setup command: prints "seconds peak-KB"; the command's output is discarded.
once() {
    local setup=$1; shift
    eval "$setup"
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    cat "$work/time"
}
# The median of BENCH_RUNS runs.
measure() {
    local label=$1 setup=$2; shift 2
    local i results=()
    for ((i = 0; i < runs; i++)); do
        results+=("$(once "$setup" "$@")")
        say "$label: ${results[-1]}"
    done
    printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}
target=$work/config/plans.d/ba-don-2025.kien-nghi.yaml
import=(petitions import --config "$cfg" ba-don-2025)
read -r import_s import_kb < <(measure "import, new file" "rm -f $target" "$bin" "${import[@]}" "$work/kien-nghi-a.csv")
cp "$target" "$work/a.yaml"
read -r update_s update_kb < <(measure "re-import, half changed" "cp $work/a.yaml $target" "$bin" "${import[@]}" "$work/kien-nghi-b.csv")
read -r dry_s dry_kb < <(measure "re-import --dry-run" "cp $work/a.yaml $target" "$bin" "${import[@]}" "$work/kien-nghi-b.csv" --dry-run)
read -r check_s check_kb < <(measure "check" ":" "$bin" check --config "$cfg")
read -r report_s report_kb < <(measure "report csv" ":" "$bin" petitions report --config "$cfg" ba-don-2025 --format csv --as-of 2026-02-28)
tasks=$("$bin" check --config "$cfg" 2>/dev/null | sed -n 's/.*OK: 1 plan, \([0-9]*\) tasks.*/\1/p')

echo "| $count petitions (plan ba-don-2025, $tasks tasks), median of $runs | wall | peak memory | target |"
echo "|---|---|---|---|"
echo "| \`petitions import\` into a new file | ${import_s} s | $((import_kb / 1024)) MB | < 2 s |"
echo "| \`petitions import\` again, 2,500 changed | ${update_s} s | $((update_kb / 1024)) MB | < 2 s |"
echo "| \`petitions import --dry-run\` | ${dry_s} s | $((dry_kb / 1024)) MB | |"
echo "| \`check\` | ${check_s} s | $((check_kb / 1024)) MB | < 2 s |"
echo "| \`petitions report --format csv\` | ${report_s} s | $((report_kb / 1024)) MB | |"
