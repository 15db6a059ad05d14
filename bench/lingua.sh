#!/usr/bin/env bash
# lingua-service on this machine: translations a second and latency for cached hits, Apertium misses (a short
#   sentence; a ~2 kB text) and language detection, measured with wrk against one instance, and the service's
#   resident memory with the detector loaded. Callers are anonymous with the anonymous plan opened wide, so the
#   quota script still runs on every request but never refuses.
#   bench/lingua.sh [seconds-per-run]   (CONNECTIONS=32 for cached hits and detection, POOL=2 Apertium
#                                        pipelines, WARMUP=30 s of cached hits first, LINGUA_JAVA_OPTS for the
#                                        service's JVM, XAOS_JAVA_HOME for the JDK)
# Needs PostgreSQL, Redis, Apertium with apertium-eng-spa, and wrk; builds the lingua jar if missing.
# Prints the figures and writes bench/results/lingua.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SECS=${1:-20}
CONNECTIONS=${CONNECTIONS:-32}
POOL=${POOL:-2}
REPORT=${REPORT:-$ROOT/bench/results/lingua.md}
JAVA_HOME_=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JAVA=$JAVA_HOME_/bin/java
JAVA_OPTS=${LINGUA_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}
PORT=18085 DB=xaos_bench_lingua REDIS_DB=6
WORK=$(mktemp -d)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
[ -f /usr/share/apertium/modes/eng-spa.mode ] || { echo "Apertium's eng-spa pair is needed (apt-get install apertium-eng-spa)"; exit 1; }

JAR=$(jar_of lingua-service)

fresh_stores "$DB" "$REDIS_DB"
# shellcheck disable=SC2086
XAOS_DB_NAME=$DB XAOS_REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB XAOS_LINGUA_ANONYMOUS=true \
  "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port=$PORT --xaos.lingua.apertium.pool-size="$POOL" \
  --xaos.lingua.quotas.anonymous.requests-per-minute=1000000000 --xaos.lingua.quotas.anonymous.requests-per-day=1000000000 \
  --xaos.lingua.quotas.anonymous.chars-per-minute=1000000000 --xaos.lingua.quotas.anonymous.chars-per-day=1000000000 \
  >"$WORK/lingua.log" 2>&1 &
PID=$!
await_ready "$PORT" "$WORK/lingua.log"
URL=http://127.0.0.1:$PORT/api/v1/lingua
curl -sf -H 'Content-Type: application/json' -d '{"q":"Hello, my friend.","source":"en","target":"es"}' "$URL/translate"; echo
curl -sf -H 'Content-Type: application/json' -d '{"q":"Me gustan los gatos."}' "$URL/detect" >/dev/null
sleep 5  # the detector's models finish loading in the background
# JIT warm-up (C2 compiles the hot paths within about half a minute of load), not measured.
wrk -t1 -c"$CONNECTIONS" -d"${WARMUP:-30}s" -s "$ROOT/bench/lingua-post.lua" "$URL/translate" -- cached >/dev/null

rss() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status"; }
data_begin lingua "wrk 1 thread, ${SECS} s a run after a JIT warm-up; POST /translate and /detect on lingua-service (${JAVA_OPTS}); Apertium en-es with a pool of $POOL pipelines; everything on the same machine" "$REPORT"
declare -A GOAL=([cached]=">= 5000") ANCHOR=([cached]=gateway:a.rps)
RESULTS=()
measure() {  # $1: key of its figures, then label, path, mode, connections
  local key=$1; shift
  local out rps p50 p99 errors
  wrk -t1 -c"$4" -d5s -s "$ROOT/bench/lingua-post.lua" "$URL$2" -- "$3" >/dev/null
  out=$(wrk -t1 -c"$4" -d"${SECS}s" --latency -s "$ROOT/bench/lingua-post.lua" "$URL$2" -- "$3")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out"); p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(wrk_errors "$out")
  RESULTS+=("$1|$4|$rps|$p50|$p99|$errors")
  figure "$key.rps" "$1: requests/s" "$rps" req/s "${GOAL[$key]:-}" "${ANCHOR[$key]:-}"
  figure "$key.p99_ms" "$1: p99" "$(ms "$p99")" ms
  figure "$key.non_2xx" "$1: non-2xx answers" "$errors" answers "= 0"
  printf '%-44s c=%-3s %10s req/s  p50 %-8s p99 %-8s non-2xx %s\n' "$1" "$4" "$rps" "$p50" "$p99" "$errors"
}
RSS_IDLE=$(rss)
measure cached "cached hit (short sentence)" /translate cached "$CONNECTIONS"
measure apertium_short "Apertium miss, short sentence" /translate short "$((POOL * 2))"
measure apertium_2kb "Apertium miss, ~2 kB text" /translate long "$((POOL * 2))"
measure detect "language detection (one sentence)" /detect detect "$CONNECTIONS"
RSS_AFTER=$(rss)
figure apertium_short_per_pipeline "Apertium short sentences a second, per pipeline" \
  "$(awk -v r="$(cut -d'|' -f3 <<<"${RESULTS[1]}")" -v p="$POOL" 'BEGIN {printf "%.1f", r / p}')" "/s/pipeline" ">= 50"
figure rss_idle_mb "resident memory after start (detector loaded)" "$RSS_IDLE" MiB "<= 512"
figure rss_after_mb "resident memory after the runs" "$RSS_AFTER" MiB "<= 512"
data_end
echo "resident memory: ${RSS_IDLE} MiB after start (detector loaded), ${RSS_AFTER} MiB after the runs"

{
  echo "# lingua-service benchmark"
  echo
  echo "Run by \`bench/lingua.sh $SECS\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load generator on the same machine;"
  echo "JVM: \`$JAVA_OPTS\`, $("$JAVA" -version 2>&1 | head -1); Apertium pool: $POOL pipelines for en-es)."
  echo
  echo "| run | connections | requests/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|---|"
  for r in "${RESULTS[@]}"; do IFS='|' read -r l c rps p50 p99 e <<<"$r"; echo "| $l | $c | $rps | $p50 | $p99 | $e |"; done
  echo
  echo "Resident memory (VmRSS): ${RSS_IDLE} MiB after start with the detector's models loaded, ${RSS_AFTER} MiB after the runs."
  echo
  echo "Goals (issue 8): cached hits ≥ 5,000/s; Apertium short sentences ≥ 50/s per pipeline (the short-sentence"
  echo "row divided by the pool size) without the pool starving (no non-2xx); RSS with detection under 512 MiB."
} >"$REPORT"
echo "report: $REPORT"
