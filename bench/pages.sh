#!/usr/bin/env bash
# The websites on this machine: the home page and a project page.
#   - server time: wrk over one connection (each request alone: p50/p99 are the site's own time plus loopback),
#     then requests/s over CONNECTIONS connections, straight to the site and through the gateway; the home page both
#     as a first-time visitor (consent banner, form token) and as one who has decided;
#   - in Chromium, as a first-time visitor: page weight without images, LCP and CLS (bench/page-timings.mjs).
# Starts the whole platform with ./xaostech on ports +30000 (its own database xaos_bench_pages, Redis database 8 and
# var directory) and stops it at the end. Needs wrk, node and npm (playwright-core is installed under bench/.node
# the first time), chromium, PostgreSQL and Redis.
#   bench/pages.sh [seconds-per-run]        (CONNECTIONS=16, RUNS=5 browser loads per page)
# Prints the figures and writes bench/results/pages.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SECS=${1:-15}
CONNECTIONS=${CONNECTIONS:-16}
RUNS=${RUNS:-5}
REPORT=${REPORT:-$ROOT/bench/results/pages.md}
OFFSET=30000
PROJECT=/portfolio/projects/api-gateway
PLAYWRIGHT_VERSION=1.65.1
for tool in wrk node npm; do command -v $tool >/dev/null || { echo "needs $tool"; exit 1; }; done
WORK=$(mktemp -d)
# The gateway's page limit (30/s per caller) would cap one load client: in shadow mode it is still counted in
# Redis on every request (its cost is measured) but refuses nothing.
export XAOS_PORT_OFFSET=$OFFSET XAOS_VAR_DIR=$WORK/var XAOS_DB_NAME=xaos_bench_pages \
  XAOS_REDIS_URL=redis://127.0.0.1:6379/8 XAOS_AOT=${XAOS_AOT:-0} XAOS_RATE_LIMIT_SHADOW=true
cleanup() {
  bash "$ROOT/xaostech" down >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

NODE_DIR=$ROOT/bench/.node
if [ ! -d "$NODE_DIR/node_modules/playwright-core" ]; then
  npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null
fi
fresh_stores xaos_bench_pages 8
bash "$ROOT/xaostech" up | tail -3
SITE=http://localhost:$((8080 + OFFSET))
WEBFRONT=http://127.0.0.1:$((8088 + OFFSET))
PORTFOLIO=http://127.0.0.1:$((8087 + OFFSET))

# A visitor who has decided on the banner: their consent cookie, as the site set it.
JAR=$WORK/cookies
HOME_HTML=$(curl -s -c "$JAR" -b "$JAR" -H 'Accept: text/html' "$SITE/")
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' <<<"$HOME_HTML" | head -1 | sed 's/.*value="//; s/"$//')
curl -s -o /dev/null -c "$JAR" -b "$JAR" -H 'Content-Type: application/x-www-form-urlencoded' \
  --data "all=reject&returnTo=/&_csrf=$CSRF" "$SITE/privacy/consents"
CONSENT=$(awk '$6 == "XAOS_CONSENT" {print $7}' "$JAR")
[ -n "$CONSENT" ] || { echo "the consent banner did not set its cookie"; exit 1; }
DECIDED=(-H "Cookie: XAOS_CONSENT=$CONSENT")

# $1: key of its figures, $2: label, $3: URL, then extra wrk arguments. One connection (server time), then CONNECTIONS (throughput).
SERVICES_JAVA=$(services_java "$WORK/var/log/api-gateway.log")
data_begin pages "wrk 1 thread: one connection for server time (${SECS} s), $CONNECTIONS for requests/s; Chromium headless, fresh profile per load, medians of $RUNS loads through the gateway; the platform as ./xaostech up starts it, everything on the same machine" "$REPORT"
declare -A ANCHOR=([project]=gateway:a.rps)
ROWS=()
measure() {
  local key=$1; shift
  local label=$1 url=$2; shift 2
  wrk -t1 -c"$CONNECTIONS" -d5s -H 'Accept: text/html' "$@" "$url" >/dev/null   # warm-up, not measured
  local one many
  one=$(wrk -t1 -c1 -d"${SECS}s" --latency -H 'Accept: text/html' "$@" "$url")
  many=$(wrk -t1 -c"$CONNECTIONS" -d"${SECS}s" --latency -H 'Accept: text/html' "$@" "$url")
  local p50 p99 rps errors
  p50=$(awk '$1 == "50%" {print $2}' <<<"$one"); p99=$(awk '$1 == "99%" {print $2}' <<<"$one")
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$many")
  errors=$(( $(wrk_errors "$one") + $(wrk_errors "$many") ))
  printf '%-48s p50 %8s  p99 %8s  %6s req/s  non-2xx %s\n' "$label" "$p50" "$p99" "$rps" "$errors"
  ROWS+=("| $label | $p50 | $p99 | $rps | $errors |")
  figure "$key.p99_ms" "$label: server time p99, one connection" "$(ms "$p99")" ms "<= 50"
  figure "$key.rps" "$label: requests/s, $CONNECTIONS connections" "$rps" req/s "" "${ANCHOR[$key]:-}"
  figure "$key.non_2xx" "$label: non-2xx answers" "$errors" answers "= 0"
}
measure home_first "home, first visit, webfront" "$WEBFRONT/"
measure home_decided "home, decided visitor, webfront" "$WEBFRONT/" "${DECIDED[@]}"
measure home_gateway "home, decided visitor, through the gateway" "$SITE/" "${DECIDED[@]}"
measure project "project page, portfolio" "$PORTFOLIO$PROJECT"
measure project_gateway "project page, through the gateway" "$SITE$PROJECT"

TIMINGS=$(PLAYWRIGHT_HOME=$NODE_DIR node "$ROOT/bench/page-timings.mjs" "$SITE" "$RUNS" / "$PROJECT")
echo "$TIMINGS"
field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p" <<<"$2"; }
BROWSER_ROWS=()
while read -r line; do
  BROWSER_ROWS+=("| \`$(field path "$line" | tr -d '"')\` | $(field lcpMs "$line") ms | $(field cls "$line") | $(field ttfbMs "$line") ms | $(( $(field weightBytes "$line") / 1024 )) kB | $(( $(field imageBytes "$line") / 1024 )) kB | $(field requests "$line") |")
  page=$(field path "$line" | tr -d '"'); key=page${page//\//_}; [ "$page" = / ] && key=page_home
  figure "$key.lcp_ms" "$page in Chromium: largest contentful paint" "$(field lcpMs "$line")" ms "<= 1000"
  figure "$key.cls" "$page in Chromium: cumulative layout shift" "$(field cls "$line")" score "<= 0.1"
  figure "$key.weight_kb" "$page in Chromium: weight without images" "$(( $(field weightBytes "$line") / 1024 ))" kB "<= 200"
done <<<"$TIMINGS"
data_end

{
  echo "# Website pages benchmark"
  echo
  echo "Run by \`bench/pages.sh $SECS\` on $(date -u +%Y-%m-%d) ($(nproc) cores; the platform, wrk and Chromium on"
  echo "the same machine; services as \`./xaostech up\` starts them). Server time is wrk over one connection"
  echo "(each request alone, so the figure is the site's own time plus loopback); requests/s over $CONNECTIONS"
  echo "connections. A first visit gets the consent banner (and a form token); a decided visitor sends the site's"
  echo "consent cookie. The gateway's rate limits run in shadow mode (counted in Redis, nothing refused)."
  echo
  echo "| page | p50 | p99 | requests/s ($CONNECTIONS connections) | non-2xx |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "In Chromium (headless, 1280×800, a fresh profile per load: nothing cached), medians of $RUNS loads through the"
  echo "gateway. Weight is bytes on the wire of the HTML, styles and scripts; images apart."
  echo
  echo "| page | LCP | CLS | time to first byte | weight without images | images | requests |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${BROWSER_ROWS[@]}"
  echo
  echo "Goals (issue 10): HTML under 50 ms server time at p99, page weight under 200 kB before images, LCP under 1 s"
  echo "locally, CLS \"good\" (under 0.1)."
} >"$REPORT"
echo "report: $REPORT"
