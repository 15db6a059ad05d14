#!/usr/bin/env bash
# Reading the blog on this machine: GET of a published post and of the first list page,
#   directly from blog-service with the Redis cache (hits; anonymous and signed in), directly with the cache off
#   (every read from PostgreSQL), and through the gateway (Redis rate limit, blog's cache on).
# Closed loop with wrk after a warm-up. Needs wrk, PostgreSQL and Redis; builds the blog and gateway jars if
# missing; runs S3Proxy (fetched as the launcher does) and a static key set for the tokens.
#   bench/blog.sh [seconds-per-run]          (WARMUP=seconds per service start, default 90)
# Prints the figures and writes bench/results/blog.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
SECS=${1:-15}
CONNECTIONS=${CONNECTIONS:-50}
WARMUP=${WARMUP:-90}
REPORT=${REPORT:-$ROOT/bench/results/blog.md}
JAVA=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java
BLOG=18082 GATEWAY=18080 MANAGEMENT=18090 KEYS=18501 S3=18900
ISSUER=http://bench.local/auth
DB=xaos_bench_blog REDIS_DB=4
WORK=$(mktemp -d)
PIDS=()

command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)"; exit 1; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

BLOG_JAR=$(jar_of blog-service)
GATEWAY_JAR=$(jar_of api-gateway)

S3JAR=$(ls "$ROOT/var/lib/s3proxy.jar" "$ROOT/system-tests/target/smoke-var/lib/s3proxy.jar" 2>/dev/null | head -1 || true)
if [ -z "$S3JAR" ]; then
  version=$(sed -n 's:.*<s3proxy.version>\(.*\)</s3proxy.version>.*:\1:p' "$ROOT/pom.xml")
  (cd "$ROOT" && mvn -B -q dependency:copy -Dartifact="org.gaul:s3proxy:$version:jar:jar-with-dependencies" \
    -DoutputDirectory="$WORK" -Dmdep.stripVersion=true -Dmdep.stripClassifier=true)
  S3JAR=$(ls "$WORK"/s3proxy*.jar)
fi
cat >"$WORK/s3proxy.properties" <<S3P
s3proxy.endpoint=http://127.0.0.1:$S3
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=bench-access
s3proxy.credential=bench-secret
jclouds.provider=transient
jclouds.identity=bench-access
jclouds.credential=bench-secret
S3P
"$JAVA" -Xmx96m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$S3JAR" --properties "$WORK/s3proxy.properties" \
  >"$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)

"$JAVA" "$ROOT/bench/GatewayKeys.java" keys "$WORK" "$ISSUER"
TOKEN=$(cat "$WORK/token.txt")
mkdir -p "$WORK/www/oauth2" && cp "$WORK/jwks.json" "$WORK/www/oauth2/jwks"
python3 -m http.server "$KEYS" --bind 127.0.0.1 --directory "$WORK/www" >/dev/null 2>&1 &
PIDS+=($!)

psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
redis-cli -n "$REDIS_DB" flushdb >/dev/null

service_env=(XAOS_DB_NAME=$DB XAOS_REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB XAOS_ACCOUNT_ISSUER=$ISSUER
  XAOS_S3_ENDPOINT=http://127.0.0.1:$S3 XAOS_S3_ACCESS_KEY=bench-access XAOS_S3_SECRET_KEY=bench-secret
  XAOS_SERVICES_ACCOUNT_URL=http://127.0.0.1:$KEYS XAOS_SERVICES_BLOG_URL=http://127.0.0.1:$BLOG
  XAOS_GATEWAY_MANAGEMENT_PORT=$MANAGEMENT)

wait_ready() {  # $1: port, $2: log
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ] && return; sleep 0.5
  done
  echo "nothing ready on $1; see its log:"; tail -30 "$2"; exit 1
}
BLOG_PID=""
start_blog() {  # $1: cache on (true/false)
  env "${service_env[@]}" "$JAVA" -Xms256m -Xmx512m -XX:+UseParallelGC -jar "$BLOG_JAR" --server.port=$BLOG \
    --xaos.blog.cache.enabled="$1" >"$WORK/blog.log" 2>&1 &
  BLOG_PID=$!; PIDS+=("$BLOG_PID")
  wait_ready $BLOG "$WORK/blog.log"
}
stop_blog() { kill "$BLOG_PID"; wait "$BLOG_PID" 2>/dev/null || true; }

data_begin blog "wrk 1 thread, $CONNECTIONS connections, ${SECS} s after a warm-up; 30 published posts of about 4 KB of Markdown, read by slug, and the first list page of 10; anonymous readers unless signed in; blog-service and the gateway with -Xmx512m, ParallelGC; everything on the same machine" "$REPORT"
declare -A GOAL=([post_direct_cached]=">= 5000") ANCHOR=([post_direct_cached]=gateway:a.rps [post_gateway_cached]=gateway:e.rps)
RESULTS=()
measure() {  # $1: key of its figures, then label, url, warm-up seconds, token (empty: an anonymous reader)
  local key=$1; shift
  local out rps p50 p99 status errors header=()
  [ -n "${4:-}" ] && header=(-H "Authorization: Bearer $4")
  status=$(curl -s -o /dev/null -w '%{http_code}' "${header[@]}" "$2")
  [ "$status" = 200 ] || { echo "$1: $2 answered $status"; exit 1; }
  wrk -t1 -c"$CONNECTIONS" -d"$3s" "${header[@]}" "$2" >/dev/null
  out=$(wrk -t1 -c"$CONNECTIONS" -d"${SECS}s" --latency "${header[@]}" "$2")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out"); p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(wrk_errors "$out")
  RESULTS+=("$1|$rps|$p50|$p99|$errors")
  figure "$key.rps" "$1: requests/s" "$rps" req/s "${GOAL[$key]:-}" "${ANCHOR[$key]:-}"
  figure "$key.p99_ms" "$1: p99" "$(ms "$p99")" ms
  figure "$key.non_2xx" "$1: non-2xx answers" "$errors" answers
  printf '%-50s %10s req/s  p50 %-8s p99 %-8s non-2xx %s\n' "$1" "$rps" "$p50" "$p99" "$errors"
}

start_blog true
BODY=$(python3 - <<'PY'
import json
para = "A paragraph of a typical post, with *emphasis*, `code` and a [link](https://example.com). " * 6
print(json.dumps("# Heading\n\n" + "\n\n".join([para] * 8) + "\n\n```java\nclass Example {}\n```\n"))
PY
)
for i in $(seq 1 30); do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Benchmark post $i\",\"slug\":\"bench-$i\",\"bodyMarkdown\":$BODY,\"tags\":[\"bench\"],\"status\":\"PUBLISHED\"}" \
    "http://127.0.0.1:$BLOG/api/v1/blog/admin/posts"
done
POST=/api/v1/blog/posts/bench-30
LIST="/api/v1/blog/posts?limit=10"
echo "post size: $(curl -s "http://127.0.0.1:$BLOG$POST" | wc -c) bytes, list size: $(curl -s "http://127.0.0.1:$BLOG$LIST" | wc -c) bytes"

measure post_direct_cached "post, direct, cache hit" "http://127.0.0.1:$BLOG$POST" "$WARMUP"
measure list_direct_cached "first list page, direct, cache hit" "http://127.0.0.1:$BLOG$LIST" 10
measure post_direct_signed_in "post, direct, cache hit, signed-in reader" "http://127.0.0.1:$BLOG$POST" 10 "$TOKEN"

# Readers are anonymous: the gateway's anonymous plan is opened wide here so that it measures, not limits.
XAOS_GATEWAY_ARGS=(--server.port=$GATEWAY --xaos.gateway.rate-limits.enabled=true
  '--xaos.gateway.rate-limits.policies.api.plans.anonymous[0].name=burst'
  '--xaos.gateway.rate-limits.policies.api.plans.anonymous[0].rate=1000000'
  '--xaos.gateway.rate-limits.policies.api.plans.anonymous[0].per=1s'
  '--xaos.gateway.rate-limits.policies.api.plans.anonymous[1].name=daily'
  '--xaos.gateway.rate-limits.policies.api.plans.anonymous[1].rate=1000000000000'
  '--xaos.gateway.rate-limits.policies.api.plans.anonymous[1].per=1d')
env "${service_env[@]}" "$JAVA" -Xms256m -Xmx512m -XX:+UseParallelGC -jar "$GATEWAY_JAR" "${XAOS_GATEWAY_ARGS[@]}" \
  >"$WORK/gateway.log" 2>&1 &
GATEWAY_PID=$!; PIDS+=("$GATEWAY_PID")
wait_ready $GATEWAY "$WORK/gateway.log"
measure post_gateway_cached "post, through the gateway, cache hit" "http://127.0.0.1:$GATEWAY$POST" "$WARMUP"
measure list_gateway_cached "first list page, through the gateway, cache hit" "http://127.0.0.1:$GATEWAY$LIST" 10
kill "$GATEWAY_PID"; wait "$GATEWAY_PID" 2>/dev/null || true

stop_blog
start_blog false
measure post_direct_db "post, direct, no cache (PostgreSQL)" "http://127.0.0.1:$BLOG$POST" "$WARMUP"
measure list_direct_db "first list page, direct, no cache (PostgreSQL)" "http://127.0.0.1:$BLOG$LIST" 10
stop_blog

data_end
mkdir -p "$(dirname "$REPORT")"
{
  echo "# Reading the blog"
  echo
  echo "Measured by \`bench/blog.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$("$JAVA" -version 2>&1 | head -1), services with \`-Xmx512m -XX:+UseParallelGC\`."
  echo "One machine: wrk, blog-service, the gateway, PostgreSQL and Redis share the two cores."
  echo "wrk, 1 thread, $CONNECTIONS connections, ${SECS} s after a warm-up ($WARMUP s after each service start)."
  echo "30 published posts of about 4 KB of Markdown; the post is read by slug, the list is the first page of 10."
  echo "Requests are anonymous (as blog readers are) but for the signed-in row; the gateway applies its Redis rate"
  echo "limit with the anonymous plan set high, and the services share the machine with it. Non-2xx answers are"
  echo "counted, not hidden: through the gateway on this saturated machine they are its protection (Redis limit"
  echo "timeouts, circuit breakers) answering 503."
  echo
  echo "| read | req/s | p50 | p99 | non-2xx |"
  echo "|---|---|---|---|---|"
  for r in "${RESULTS[@]}"; do IFS='|' read -r label rps p50 p99 errors <<<"$r"; echo "| $label | $rps | $p50 | $p99 | $errors |"; done
  echo
  echo "Goal (issue 5): a cached post at ≥ 5,000 req/s directly; through the gateway no more cost than"
  echo "bench/results/gateway.md shows for the gateway itself."
} >"$REPORT"
echo "report: $REPORT"
