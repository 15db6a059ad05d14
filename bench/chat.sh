#!/usr/bin/env bash
# Live chat on this machine: 1,000 WebSocket clients (one user each) in 50 rooms, on one chat-service instance and
#   then on two sharing the same PostgreSQL and Redis; a steady rate of sends spread over all users; every client
#   follows its room. Reports connections held, messages delivered to clients a second, send-to-receive latency
#   (p50/p99, measured in the load client, bench/ChatLoad.java), and the heap an idle connection costs (after a
#   full GC, before and after connecting everyone; the resident size says nothing here, the heap being committed
#   up front).
#   bench/chat.sh [seconds-per-run]   (CLIENTS=1000 ROOMS=50 RATE=300 sends/s, WARMUP=20 s of sending first,
#                                      INSTANCES="1 2" the runs, CHAT_JAVA_OPTS added to the chat JVMs' options)
# Needs PostgreSQL and Redis; builds the chat jar if missing; serves a static key set for the tokens.
# Prints the figures and writes bench/results/chat.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECS=${1:-30}
CLIENTS=${CLIENTS:-1000}
ROOMS=${ROOMS:-50}
RATE=${RATE:-300}
WARMUP=${WARMUP:-20}
REPORT=${REPORT:-$ROOT/bench/results/chat.md}
JAVA_HOME_=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JAVA=$JAVA_HOME_/bin/java
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
CHAT_PORTS=(18083 18084) KEYS=18502
ISSUER=http://bench.local/auth
DB=xaos_bench_chat REDIS_DB=5
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

JAR=$(ls "$ROOT"/chat-service/target/chat-service-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl chat-service -am)
  JAR=$(ls "$ROOT"/chat-service/target/chat-service-*.jar | grep -v plain | head -1)
fi

"$JAVA" "$ROOT/bench/GatewayKeys.java" keys "$WORK" "$ISSUER" "$CLIENTS"
mkdir -p "$WORK/www/oauth2" && cp "$WORK/jwks.json" "$WORK/www/oauth2/jwks"
python3 -m http.server "$KEYS" --bind 127.0.0.1 --directory "$WORK/www" >/dev/null 2>&1 &
PIDS+=($!)

wait_ready() {  # $1: port, $2: log
  for _ in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ] && return; sleep 0.5
  done
  echo "nothing ready on $1; see its log:"; tail -30 "$2"; exit 1
}
# Heap in use (KB) of a JVM after a full collection.
heap() {
  "$JAVA_HOME_/bin/jcmd" "$1" GC.run >/dev/null
  "$JAVA_HOME_/bin/jstat" -gc "$1" | awk 'NR==2 {printf "%.0f", $3 + $4 + $6 + $8}'
}

RESULTS=()
run() {  # $1: number of instances
  local ports=() pids=() i
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
  redis-cli -n "$REDIS_DB" flushdb >/dev/null
  for i in $(seq 0 $(($1 - 1))); do
    env XAOS_DB_NAME=$DB XAOS_REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB XAOS_ACCOUNT_ISSUER=$ISSUER \
      XAOS_SERVICES_ACCOUNT_URL=http://127.0.0.1:$KEYS \
      "$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC ${CHAT_JAVA_OPTS:-} -jar "$JAR" --server.port="${CHAT_PORTS[$i]}" \
      --management.server.port=$((CHAT_PORTS[i] + 100)) --xaos.chat.messages-per-window=1000 \
      >"$WORK/chat-$i.log" 2>&1 &
    pids+=($!); PIDS+=($!); ports+=("${CHAT_PORTS[$i]}")
  done
  for i in $(seq 0 $(($1 - 1))); do wait_ready "${ports[$i]}" "$WORK/chat-$i.log"; done
  local before
  local sync="$WORK/sync-$1"; mkdir -p "$sync"
  local portlist; portlist=$(IFS=,; echo "${ports[*]}")
  # A warm-up run first (JIT), then the measured one on fresh connections.
  "$JAVA" -Xmx1g "$ROOT/bench/ChatLoad.java" "$portlist" "$WORK/users.txt" "$ROOMS" "$RATE" "$WARMUP" "$sync-w" \
    >"$WORK/warmup-$1.log" 2>&1 &
  local warm=$!
  mkdir -p "$sync-w"; until [ -e "$sync-w/connected" ]; do sleep 0.5; kill -0 $warm 2>/dev/null || { cat "$WORK/warmup-$1.log"; exit 1; }; done
  touch "$sync-w/measured"; wait $warm || { cat "$WORK/warmup-$1.log"; exit 1; }
  sleep 2
  before=$(heap "${pids[0]}")
  "$JAVA" -Xmx1g "$ROOT/bench/ChatLoad.java" "$portlist" "$WORK/users.txt" "$ROOMS" "$RATE" "$SECS" "$sync" \
    >"$WORK/load-$1.log" 2>&1 &
  local load=$!
  until [ -e "$sync/connected" ]; do sleep 0.5; kill -0 $load 2>/dev/null || { cat "$WORK/load-$1.log"; exit 1; }; done
  sleep 2
  local after; after=$(heap "${pids[0]}")
  touch "$sync/measured"
  wait $load || { cat "$WORK/load-$1.log"; exit 1; }
  cat "$WORK/load-$1.log"
  local per_conn_heap on_first
  on_first=$(( (CLIENTS + $1 - 1) / $1 ))
  per_conn_heap=$(awk -v b="$before" -v a="$after" -v n="$on_first" 'BEGIN {printf "%.1f", (a - b) / n}')
  echo "idle connection on instance 1 ($on_first connections): heap +$per_conn_heap KB each"
  RESULTS+=("$1|$(grep '^RESULT' "$WORK/load-$1.log" | cut -d'|' -f2-)|$per_conn_heap")
  local connections offered delivered p50 p99 errors closed one=""
  IFS='|' read -r _ connections offered delivered p50 p99 errors closed <<<"$(grep '^RESULT' "$WORK/load-$1.log")"
  [ "$1" = 1 ] && one=1
  figure "i$1.delivered_per_s" "$1 instance(s), $connections connections: messages delivered a second" "$delivered" msgs/s "${one:+>= 5000}"
  figure "i$1.delivered_per_core" "$1 instance(s): messages delivered a second per core of this machine" \
    "$(awk -v d="$delivered" -v n="$(nproc)" 'BEGIN {printf "%.0f", d / n}')" msgs/s/core "" "${one:+published.centrifugo_per_cpu}"
  figure "i$1.p99_ms" "$1 instance(s): send-to-receive p99" "$p99" ms "${one:+<= 50}"
  figure "i$1.lost" "$1 instance(s): error frames and connections closed by the server" "$((errors + closed))" count "= 0"
  figure "i$1.heap_per_idle_connection_kb" "$1 instance(s): heap per idle connection" "$per_conn_heap" KB "" \
    "${one:+published.centrifugo_kb_per_connection}"
  for pid in "${pids[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
}

data_begin chat "$CLIENTS users, one WebSocket each, in $ROOMS public rooms; $RATE sends a second spread over all users for ${SECS} s after a ${WARMUP} s warm-up; latency from send to arrival at each receiver; chat-service -Xmx512m ParallelGC; load client, PostgreSQL and Redis on the same machine" "$REPORT"
for n in ${INSTANCES:-1 2}; do run "$n"; done
data_end

mkdir -p "$(dirname "$REPORT")"
{
  echo "# Live chat"
  echo
  echo "Measured by \`bench/chat.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$("$JAVA" -version 2>&1 | head -1), chat-service with \`-Xmx512m -XX:+UseParallelGC\`."
  echo "One machine: the load client (bench/ChatLoad.java, java.net.http WebSockets), the chat instance(s),"
  echo "PostgreSQL and Redis share the two cores. $CLIENTS users, one WebSocket each, in $ROOMS public rooms (so each"
  echo "message goes to $((CLIENTS / ROOMS)) clients, its sender included); $RATE sends a second spread over all users"
  echo "for ${SECS} s, after a ${WARMUP} s warm-up run. Each send is stored in PostgreSQL with its room's next number,"
  echo "acknowledged, put on the Redis fan-out stream and delivered by every instance to its subscribers."
  echo "Latency is from the send leaving the client to the message arriving at each receiving client."
  echo "With two instances, clients alternate between them and the heap figures are the first instance's. Two JVMs"
  echo "on two cores compete with each other, the client, PostgreSQL and Redis: that row shows the instances acting"
  echo "as one (every message reaches every client, once, in order), not what a second machine would add."
  echo "The heap an idle connection costs is mostly Tomcat's fixed per-connection WebSocket buffers (read, write,"
  echo "encoder: 8 KB each) and the 4 K-character text buffer chat configures."
  echo
  echo "| instances | connections | sends/s offered | delivered msgs/s | p50 ms | p99 ms | error frames | closed | heap per idle connection KB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  for r in "${RESULTS[@]}"; do echo "| ${r//|/ | } |"; done
  echo
  echo "Goal (issue 6): ≥ 5,000 delivered messages/s with p99 < 50 ms on one instance, memory per idle connection reported."
} >"$REPORT"
echo "report: $REPORT"
