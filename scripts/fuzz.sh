#!/usr/bin/env bash
# Long fuzzing campaigns with libFuzzer: configures and builds the `fuzz` preset, then fuzzes
# every target (or the one named) for SECONDS each (default 600), AIP_FUZZ_JOBS targets at a
# time (default 1). Each target keeps its work corpus in build/fuzz/corpus/<target> (it grows
# from run to run; the seeds and fuzz/regressions/<target> are read too) and writes crash, leak,
# timeout and out-of-memory inputs to build/fuzz/artifacts/<target>/. Prints, per target, the
# executions, the coverage (cov: and ft: of libFuzzer's last status line) and the findings, then
# a table of all targets; exits 1 when a target found something.
# Usage: scripts/fuzz.sh [TARGET|all] [SECONDS]      e.g. AIP_FUZZ_JOBS=2 scripts/fuzz.sh all 600
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build/fuzz
only=${1:-all}
seconds=${2:-600}
jobs=${AIP_FUZZ_JOBS:-1}

cd "$root"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
list=$build/fuzz/targets.txt
if [ "$only" != all ] && ! grep -q "^$only " "$list"; then
  echo "fuzz.sh: no target '$only'; targets: $(cut -d' ' -f1 "$list" | tr '\n' ' ')" >&2
  exit 2
fi

# One campaign: libFuzzer's output goes to build/fuzz/logs/<target>.log.
run_target() {
  local name=$1 max_len=$2
  shift 2
  local corpus=$build/corpus/$name artifacts=$build/artifacts/$name/
  mkdir -p "$corpus" "$artifacts"
  "$build/bin/fuzz_$name" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 \
    -timeout=25 -artifact_prefix="$artifacts" -print_final_stats=1 "$corpus" "$@" \
    >"$build/logs/$name.log" 2>&1 || true
}

# executions, cov, ft, exec/s, corpus size and findings of a finished campaign, tab-separated.
summarize() {
  local name=$1 log=$build/logs/$1.log
  local execs cov ft speed corpus findings
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
  corpus=$(find "$build/corpus/$name" -type f | wc -l)
  findings=$(find "$build/artifacts/$name" -type f -newer "$stamp" \
    \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "${execs:-?}" "${cov:-?}" "${ft:-?}" \
    "${speed:-?}" "$corpus" "$findings"
}

# Artifacts of earlier campaigns stay until someone looks at them: count this campaign's only.
stamp=$build/logs/.campaign-started
mkdir -p "$build/logs"
touch "$stamp"
names=()
while read -r name max_len folders; do
  if [ "$only" != all ] && [ "$only" != "$name" ]; then
    continue
  fi
  names+=("$name")
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n
  done
  echo "fuzz_$name: ${seconds}s, log build/fuzz/logs/$name.log"
  # shellcheck disable=SC2086  # the folders are one word each
  run_target "$name" "$max_len" $folders &
done <"$list"
wait

status=0
table=$(printf 'target\texecutions\tcov\tft\texec/s\tcorpus\tfindings\n'
  for name in "${names[@]}"; do summarize "$name"; done)
for name in "${names[@]}"; do
  if grep -q -E 'ERROR: (libFuzzer|AddressSanitizer|LeakSanitizer)|runtime error:|SUMMARY:' \
    "$build/logs/$name.log"; then
    status=1
    echo "== fuzz_$name found a problem (build/fuzz/logs/$name.log):"
    grep -E 'ERROR: |runtime error:|SUMMARY:|Test unit written to' "$build/logs/$name.log" |
      head -n 5
  fi
done
echo
echo "$table" | column -t -s $'\t'
exit $status
