#!/usr/bin/env bash
# Gateway overhead on this machine, against one tiny backend (nginx answering a fixed JSON):
#   (a) the backend directly, (b) through an nginx reverse proxy, (c) through our gateway with no credentials
#   and no rate limit, (d) with JWT validation, (e) with JWT validation and the Redis rate limit.
# Each is measured closed-loop with wrk (throughput, latency) and at a fixed rate with wrk paced by
# bench/paced.lua (few connections, each waiting between requests; wrk's latency distribution).
# The gateway gets a long warm-up: on two busy cores C2 needs two minutes or more of load to settle.
# Needs nginx and wrk (Debian: nginx-light wrk), PostgreSQL and Redis; builds the gateway jar if missing.
#   bench/gateway.sh [seconds-per-run] [fixed-rate]     (WARMUP=seconds for the gateway, default 120)
# Prints the figures and writes bench/results/gateway.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECS=${1:-15}
RATE=${2:-2000}
CONNECTIONS=${CONNECTIONS:-50}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-20}
WARMUP=${WARMUP:-120}
REPORT=${REPORT:-$ROOT/bench/results/gateway.md}
JAVA=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
data_begin gateway "one tiny backend (nginx, fixed JSON) behind nothing, nginx, and the gateway (-Xmx512m, ParallelGC, C2); wrk 1 thread, $CONNECTIONS connections, ${SECS} s after a warm-up ($WARMUP s for the gateway); paced: $PACED_CONNECTIONS connections aiming at $RATE req/s; everything on the same machine" "$REPORT"
BACKEND=18500 PROXY=18501 GATEWAY=18080 MANAGEMENT=18090
ISSUER=http://bench.local/auth
WORK=$(mktemp -d)
chmod 755 "$WORK"   # nginx's workers (not root) read the key set from here
GW_PID=""

for tool in nginx wrk; do command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install nginx-light wrk)"; exit 1; }; done
cleanup() {
  [ -n "$GW_PID" ] && kill "$GW_PID" 2>/dev/null && wait "$GW_PID" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

JAR=$(ls "$ROOT"/api-gateway/target/api-gateway-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ]; then (cd "$ROOT" && mvn -B -q -DskipTests package -pl api-gateway -am); JAR=$(ls "$ROOT"/api-gateway/target/api-gateway-*.jar | head -1); fi

"$JAVA" "$ROOT/bench/GatewayKeys.java" keys "$WORK" "$ISSUER"
chmod 644 "$WORK"/*
TOKEN=$(cat "$WORK/token.txt")
mkdir -p "$WORK/logs"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  upstream backend { server 127.0.0.1:$BACKEND; keepalive 64; }
  server {
    listen 127.0.0.1:$BACKEND;
    location = /oauth2/jwks { default_type application/json; alias $WORK/jwks.json; }
    location / { default_type application/json; return 200 '{"ok":true}'; }
  }
  server {
    listen 127.0.0.1:$PROXY;
    location / { proxy_pass http://backend; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
NGINX
nginx -p "$WORK" -c "$WORK/nginx.conf"

psql -h 127.0.0.1 -U postgres -tAc "select 1 from pg_database where datname = 'xaos_bench'" | grep -q 1 \
  || psql -h 127.0.0.1 -U postgres -qc "create database xaos_bench" >/dev/null

start_gateway() {  # $1: rate limits on (true/false)
  if curl -s -o /dev/null "http://127.0.0.1:$GATEWAY/readyz"; then
    echo "port $GATEWAY is taken (an earlier gateway still running?)"; exit 1
  fi
  XAOS_DB_NAME=xaos_bench XAOS_REDIS_URL=redis://127.0.0.1:6379/3 XAOS_ACCOUNT_ISSUER=$ISSUER \
  XAOS_SERVICES_BLOG_URL=http://127.0.0.1:$BACKEND XAOS_SERVICES_ACCOUNT_URL=http://127.0.0.1:$BACKEND \
  XAOS_GATEWAY_MANAGEMENT_PORT=$MANAGEMENT \
    "$JAVA" -Xms256m -Xmx512m -XX:+UseParallelGC -jar "$JAR" --server.port=$GATEWAY \
      --xaos.gateway.rate-limits.enabled="$1" \
      '--xaos.gateway.rate-limits.policies.api.plans.user[0].name=burst' \
      '--xaos.gateway.rate-limits.policies.api.plans.user[0].rate=1000000' \
      '--xaos.gateway.rate-limits.policies.api.plans.user[0].per=1s' \
      '--xaos.gateway.rate-limits.policies.api.plans.user[1].name=daily' \
      '--xaos.gateway.rate-limits.policies.api.plans.user[1].rate=1000000000000' \
      '--xaos.gateway.rate-limits.policies.api.plans.user[1].per=1d' \
      >"$WORK/logs/gateway.log" 2>&1 &
  GW_PID=$!
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$GATEWAY/readyz")" = 200 ] && return; sleep 0.5
  done
  echo "gateway did not start; see its log:"; tail -30 "$WORK/logs/gateway.log"; exit 1
}
stop_gateway() { kill "$GW_PID"; wait "$GW_PID" 2>/dev/null || true; GW_PID=""; }

# The gateway's user + system CPU time so far, in clock ticks.
cpu_ticks() { if [ -n "$GW_PID" ]; then awk '{print $14 + $15}' "/proc/$GW_PID/stat"; else echo 0; fi; }
# A run is only a measurement if every request got an answer below 400 (wrk counts the others) and no socket
# failed: error answers (an open breaker's 503, a 429) are cheaper than proxying and would flatter the figures.
all_ok() {
  local errors sockets
  errors=$(wrk_errors "$2")
  [ "$errors" = 0 ] || { echo "$1: $errors answers were errors; not a valid measurement"; exit 1; }
  sockets=$(awk '/Socket errors/' <<<"$2")
  [ -z "$sockets" ] || { echo "$1: $sockets; not a valid measurement"; exit 1; }
}

RESULTS=()
measure() {  # $1: label, $2: url, $3: token or empty, $4: warm-up seconds, $5: anchor of req/s, $6: goal of paced p99
  local header=() out rps p50 p99 paced fixed
  [ -n "$3" ] && header=(-H "Authorization: Bearer $3")
  local status; status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$2")
  [ "$status" = 200 ] || { echo "$1: $2 answered $status"; exit 1; }
  wrk -t1 -c"$CONNECTIONS" -d"$4s" "${header[@]}" "$2" >/dev/null    # warm-up (JIT, connection pools)
  local cpu_before; cpu_before=$(cpu_ticks)
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${SECS}s" --latency "${header[@]}" "$2")
  local cpu_after; cpu_after=$(cpu_ticks)
  all_ok "$1" "$out"
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out"); p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  paced=$(wrk -t1 -c"$PACED_CONNECTIONS" -d"${SECS}s" --latency -s "$ROOT/bench/paced.lua" "$2" -- "$RATE" "$PACED_CONNECTIONS" ${3:+"$3"})
  all_ok "$1 (paced)" "$paced"
  fixed="$(awk '/Requests\/sec/ {printf "%.0f req/s", $2}' <<<"$paced"): p50 $(awk '$1 == "50%" {print $2}' <<<"$paced"), p99 $(awk '$1 == "99%" {print $2}' <<<"$paced")"
  local key=${1:1:1} name=${1:4}
  figure "$key.rps" "$name: requests/s, closed loop" "$rps" req/s "" "${5:-}"
  figure "$key.p99_ms" "$name: p99, closed loop" "$(ms "$p99")" ms
  figure "$key.paced_p99_ms" "$name: p99 at $RATE req/s offered" "$(ms "$(awk '$1 == "99%" {print $2}' <<<"$paced")")" ms "${6:-}"
  local cpu="-"
  if [ -n "$GW_PID" ]; then
    cpu=$(awk -v a="$cpu_before" -v b="$cpu_after" -v n="$(awk '/requests in/ {print $1}' <<<"$out")" \
      -v hz="$(getconf CLK_TCK)" 'BEGIN { if (n > 0) printf "%.0f", (b - a) * 1000000 / hz / n; else print "-" }')
    figure "$key.cpu_us_per_request" "$name: gateway CPU time per request, closed loop" "$cpu" us
  fi
  RESULTS+=("$1|$rps|$p50|$p99|$fixed|$cpu")
  printf '%-44s %10s req/s  p50 %-8s p99 %-8s cpu/request %5s us | paced: %s\n' "$1" "$rps" "$p50" "$p99" "$cpu" "$fixed"
}

URL_PATH=/api/v1/blog/posts
measure "(a) backend directly" "http://127.0.0.1:$BACKEND$URL_PATH" "" 5 published.nginx_rps
measure "(b) nginx reverse proxy" "http://127.0.0.1:$PROXY$URL_PATH" "" 5 published.kong_rps
start_gateway false
measure "(c) gateway, no credentials, no rate limit" "http://127.0.0.1:$GATEWAY$URL_PATH" "" "$WARMUP" published.scg_rps
measure "(d) gateway + JWT validation" "http://127.0.0.1:$GATEWAY$URL_PATH" "$TOKEN" 15
stop_gateway
start_gateway true
measure "(e) gateway + JWT + Redis rate limit" "http://127.0.0.1:$GATEWAY$URL_PATH" "$TOKEN" "$WARMUP" published.tyk_rps "<= 30"
stop_gateway

rps_of() { for r in "${RESULTS[@]}"; do [[ $r == "($1)"* ]] && cut -d'|' -f2 <<<"$r"; done; }
ratio() { awk -v x="$(rps_of "$1")" -v y="$(rps_of "$2")" 'BEGIN { printf "%.2f", x / y }'; }
RATIOS="c/b $(ratio c b), e/b $(ratio e b), e/a $(ratio e a)"
echo "ratios: $RATIOS"
p99_of() { for r in "${RESULTS[@]}"; do [[ $r == "($1)"* ]] && ms "$(cut -d'|' -f5 <<<"$r" | sed 's/.*p99 //')"; done; }
figure e_over_b "full gateway (e) throughput / nginx proxy (b) throughput" "$(ratio e b)" ratio ">= 0.5"
figure added_paced_p99_ms "p99 the full gateway adds to nginx's at $RATE req/s" \
  "$(awk -v e="$(p99_of e)" -v b="$(p99_of b)" 'BEGIN {printf "%.2f", e - b}')" ms "<= 2"
data_end

mkdir -p "$(dirname "$REPORT")"
{
  echo "# Gateway overhead"
  echo
  echo "Measured by \`bench/gateway.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$("$JAVA" -version 2>&1 | head -1), gateway with \`-Xmx512m -XX:+UseParallelGC\` (C2), nginx 1 worker."
  echo "Everything on one machine: load generator, gateway, backend (nginx returning a fixed JSON), PostgreSQL"
  echo "(request log) and Redis share the two cores."
  echo "Closed loop: wrk, 1 thread, $CONNECTIONS connections, ${SECS} s after a warm-up (5 s for nginx, $WARMUP s for the"
  echo "gateway, whose C2 compiler needs that long here). Paced: wrk with $PACED_CONNECTIONS connections each waiting"
  echo "between requests so that together they aim at $RATE req/s (bench/paced.lua), ${SECS} s, wrk's latency distribution."
  echo
  echo "| setup | wrk req/s | wrk p50 | wrk p99 | gateway CPU per request | paced at $RATE req/s |"
  echo "|---|---|---|---|---|---|"
  for r in "${RESULTS[@]}"; do
    IFS='|' read -r label rps p50 p99 fixed cpu <<<"$r"
    echo "| $label | $rps | $p50 | $p99 | $cpu$([ "$cpu" = - ] || echo " µs") | $fixed |"
  done
  echo
  echo "Ratios of throughput: $RATIOS."
  echo
  echo "Goal (issue 4): (e) at least 50 % of nginx's throughput (e/b ≥ 0.5), at most 2 ms added p99 at"
  echo "$RATE req/s, and p99 ≤ 30 ms end to end at that rate."
} >"$REPORT"
echo "report: $REPORT"
