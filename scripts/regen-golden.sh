#!/usr/bin/env bash
# Rewrites the expected/ folders of the golden tests (tests/golden/<case>/expected/) from what
# the current code writes: every case, or only the one named. Builds tst_golden first, then runs
# it with AIP_GOLDEN_UPDATE=1. Review the change with `git diff tests/golden` before committing.
# Usage: scripts/regen-golden.sh [CASE]        (build folder: $AIP_BUILD_DIR, default build/dev)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${AIP_BUILD_DIR:-$root/build/dev}
case_name=${1:-}
if [ -n "$case_name" ] && [ ! -d "$root/tests/golden/$case_name" ]; then
  echo "regen-golden.sh: no case tests/golden/$case_name" >&2
  exit 2
fi
cmake --build "$build" --target tst_golden
AIP_GOLDEN_UPDATE=1 "$build/bin/tst_golden" goldenCase${case_name:+:$case_name}
