#!/usr/bin/env bash
# The performance report in one command: runs every bench (each writes its figures as data under bench/results/),
# then builds bench/REPORT.md from those figures and the published ones in bench/anchors.tsv (bench/Report.java).
#   bench/report.sh                 all benches, then the report (about 40 minutes on two cores)
#   bench/report.sh blog chat       only those benches, then the report from all figures present
#   bench/report.sh --no-run        only the report, from the figures already measured
# Needs what each bench needs (wrk, nginx-light, node/npm, chromium, apertium-eng-spa, PostgreSQL, Redis).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ALL=(startup account-tokens gateway blog chat lingua payments pages drills jwt-algorithms)
JAVA=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java

if [ "${1:-}" = --no-run ]; then
  benches=()
elif [ $# -gt 0 ]; then
  benches=("$@")
else
  benches=("${ALL[@]}")
fi
for b in "${benches[@]}"; do
  [ -x "bench/$b.sh" ] || { echo "no bench named $b (have: ${ALL[*]})"; exit 2; }
done
failed=()
for b in "${benches[@]}"; do
  echo "== bench/$b.sh"
  # One bench failing keeps its earlier figures (if any) and does not stop the others.
  "bench/$b.sh" || { echo "bench/$b.sh FAILED"; failed+=("$b"); }
  # Benches that start services through the launcher on its default ports leave nothing running for the next one.
  ./xaostech down >/dev/null 2>&1 || true
done
"$JAVA" bench/Report.java bench
[ ${#failed[@]} = 0 ] || { echo "failed: ${failed[*]} (their figures in the report are from earlier runs, if any)"; exit 1; }
