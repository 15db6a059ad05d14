#!/usr/bin/env bash
# payments-service on this machine: Stripe webhook events a second, each signed as Stripe signs it, checked on the
#   raw bytes and stored in PostgreSQL (the answer), then processed into the ledger (the effect); and 100 concurrent
#   deliveries of one event, repeated, counting the effects (must be exactly one per event).
#   bench/payments.sh [seconds]   (CONNECTIONS=32 delivering workers, ROUNDS=20 duplicate rounds of CONCURRENT=100,
#                                  PAYMENTS_JAVA_OPTS for the service's JVM, XAOS_JAVA_HOME for the JDK)
# Needs PostgreSQL and Redis; builds the payments jar if missing; the load client is bench/StripeWebhookLoad.java.
# Prints the figures and writes bench/results/payments.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECS=${1:-20}
CONNECTIONS=${CONNECTIONS:-32}
ROUNDS=${ROUNDS:-20}
CONCURRENT=${CONCURRENT:-100}
REPORT=${REPORT:-$ROOT/bench/results/payments.md}
JAVA_HOME_=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
JAVA=$JAVA_HOME_/bin/java
JAVA_OPTS=${PAYMENTS_JAVA_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}
PORT=18086 DB=xaos_bench_payments REDIS_DB=7 SECRET=whsec_bench
WORK=$(mktemp -d)
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

JAR=$(ls "$ROOT"/payments-service/target/payments-service-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl payments-service -am)
  JAR=$(ls "$ROOT"/payments-service/target/payments-service-*.jar | grep -v plain | head -1)
fi
psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -c "create database $DB" >/dev/null
redis-cli -n "$REDIS_DB" flushdb >/dev/null
# shellcheck disable=SC2086
XAOS_DB_NAME=$DB XAOS_REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB XAOS_STRIPE_WEBHOOK_SECRET=$SECRET \
  "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port=$PORT >"$WORK/payments.log" 2>&1 &
PID=$!
for _ in $(seq 1 240); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" = 200 ] && break; sleep 0.5
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" = 200 ] || { tail -30 "$WORK/payments.log"; exit 1; }
URL=http://127.0.0.1:$PORT/webhooks/stripe
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }
load() { "$JAVA" -Xmx512m "$ROOT/bench/StripeWebhookLoad.java" "$URL" "$SECRET" "$@"; }
awaitProcessed() {
  for _ in $(seq 1 600); do [ "$(sql "select count(*) from payments.stripe_events where processed_at is null")" = 0 ] && return; sleep 0.2; done
  echo "events still unprocessed after 2 minutes"; exit 1
}

load 10 "$CONNECTIONS" unique >/dev/null   # JIT warm-up, not measured
awaitProcessed
sql "select 1" >/dev/null
BEFORE=$(sql "select count(*) from payments.stripe_events")
MARK=$(sql "select now()")
UNIQUE=$(load "$SECS" "$CONNECTIONS" unique)
echo "webhook answers:   $UNIQUE"
awaitProcessed
read -r PROCESSED PROCESSED_RATE <<<"$(sql "select count(*), round(count(*) / extract(epoch from max(processed_at) - min(received_at))) \
  from payments.stripe_events where received_at >= '$MARK'" | tr '|' ' ')"
LEDGER=$(sql "select count(*) from payments.ledger_entries l join payments.stripe_events e on e.id = l.stripe_event_id where e.received_at >= '$MARK'")
echo "processed:         $PROCESSED events at $PROCESSED_RATE events/s (first received to last processed); ledger rows $LEDGER"

DUPES=$(load "$ROUNDS" "$CONCURRENT" duplicates)
awaitProcessed
EFFECTS=$(sql "select count(*) from payments.ledger_entries") ; EVENTS=$(sql "select count(*) from payments.stripe_events")
echo "duplicates:        $DUPES; ledger rows $EFFECTS for $EVENTS events"
RSS=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")

get() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
{
  echo "# payments-service webhook benchmark"
  echo
  echo "Run by \`bench/payments.sh $SECS\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load client on the same machine;"
  echo "JVM: \`$JAVA_OPTS\`, $("$JAVA" -version 2>&1 | head -1)). Each event is a distinct one-off payment"
  echo "(\`checkout.session.completed\`) signed with HMAC-SHA256 as Stripe signs it, delivered by $CONNECTIONS workers."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| webhook answers (verified, stored, 200) | $(get rps "$UNIQUE") events/s, p50 $(get p50 "$UNIQUE") ms, p99 $(get p99 "$UNIQUE") ms, errors $(get errors "$UNIQUE") |"
  echo "| processed into the ledger | $PROCESSED events at $PROCESSED_RATE events/s, first received to last processed; $LEDGER ledger rows |"
  echo "| $CONCURRENT concurrent deliveries of one event × $ROUNDS | $(get firsts "$DUPES") stored as new, $(get duplicates "$DUPES") answered as duplicates, $(get errors "$DUPES") errors |"
  echo "| effects in total | $EFFECTS ledger rows for $EVENTS distinct events (must be equal) |"
  echo "| resident memory after the runs | $RSS MiB |"
  echo
  echo "Goal (issue 9): ≥ 500 events/s with the signature check and a real database; zero duplicate effects."
} >"$REPORT"
echo "report: $REPORT"
[ "$EFFECTS" = "$EVENTS" ] || { echo "DUPLICATE OR MISSING EFFECTS: $EFFECTS ledger rows for $EVENTS events"; exit 1; }
