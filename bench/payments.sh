#!/usr/bin/env bash
# payments-service on this machine: Stripe webhook events a second, each signed as Stripe signs it, checked on the
#   raw bytes and stored in PostgreSQL (the answer), then processed into the ledger (the effect); and 100 concurrent
#   deliveries of one event, repeated, counting the effects (must be exactly one per event).
#   bench/payments.sh [seconds]   (CONNECTIONS=32 wrk connections, ROUNDS=20 duplicate rounds of CONCURRENT=100,
#                                  PAYMENTS_JAVA_OPTS for the service's JVM, XAOS_JAVA_HOME for the JDK)
# Needs PostgreSQL, Redis and wrk; builds the payments jar if missing. bench/StripeWebhookLoad.java signs the
# events beforehand (so the load generator spends nothing on them) and sends the concurrent duplicates.
# Prints the figures and writes bench/results/payments.md.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
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
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }

JAR=$(jar_of payments-service)
fresh_stores "$DB" "$REDIS_DB"
# shellcheck disable=SC2086
XAOS_DB_NAME=$DB XAOS_REDIS_URL=redis://127.0.0.1:6379/$REDIS_DB XAOS_STRIPE_WEBHOOK_SECRET=$SECRET \
  "$JAVA" $JAVA_OPTS -jar "$JAR" --server.port=$PORT >"$WORK/payments.log" 2>&1 &
PID=$!
await_ready "$PORT" "$WORK/payments.log"
URL=http://127.0.0.1:$PORT/webhooks/stripe
sql() { psql -h 127.0.0.1 -U postgres -d "$DB" -Atc "$1"; }
tool() { "$JAVA" -Xmx512m "$ROOT/bench/StripeWebhookLoad.java" "$@"; }
# Distinct events, signed now (Stripe's 300 s tolerance outlasts the runs), more than the runs can deliver.
tool sign "$SECRET" 15000 "$WORK/warmup.tsv"
tool sign "$SECRET" $((SECS * 2500)) "$WORK/events.tsv"
deliver() {  # $1: seconds, $2: events file
  wrk -t1 -c"$CONNECTIONS" -d"$1s" --latency -s "$ROOT/bench/payments-post.lua" "$URL" -- "$2"
}
awaitProcessed() {
  for _ in $(seq 1 600); do [ "$(sql "select count(*) from payments.stripe_events where processed_at is null")" = 0 ] && return; sleep 0.2; done
  echo "events still unprocessed after 2 minutes"; exit 1
}

deliver 10 "$WORK/warmup.tsv" >/dev/null   # JIT warm-up, not measured
awaitProcessed
sql "select 1" >/dev/null
BEFORE=$(sql "select count(*) from payments.stripe_events")
MARK=$(sql "select now()")
OUT=$(deliver "$SECS" "$WORK/events.tsv")
RPS=$(awk '/Requests\/sec/ {print $2}' <<<"$OUT")
P50=$(awk '$1 == "50%" {print $2}' <<<"$OUT"); P99=$(awk '$1 == "99%" {print $2}' <<<"$OUT")
ERRORS=$(wrk_errors "$OUT")
echo "webhook answers:   $RPS events/s, p50 $P50, p99 $P99, non-2xx $ERRORS"
awaitProcessed
read -r PROCESSED PROCESSED_RATE <<<"$(sql "select count(*), round(count(*) / extract(epoch from max(processed_at) - min(received_at))) \
  from payments.stripe_events where received_at >= '$MARK'" | tr '|' ' ')"
LEDGER=$(sql "select count(*) from payments.ledger_entries l join payments.stripe_events e on e.id = l.stripe_event_id where e.received_at >= '$MARK'")
echo "processed:         $PROCESSED events at $PROCESSED_RATE events/s (first received to last processed); ledger rows $LEDGER"

DUPES=$(tool duplicates "$URL" "$SECRET" "$ROUNDS" "$CONCURRENT")
awaitProcessed
EFFECTS=$(sql "select count(*) from payments.ledger_entries") ; EVENTS=$(sql "select count(*) from payments.stripe_events")
echo "duplicates:        $DUPES; ledger rows $EFFECTS for $EVENTS events"
RSS=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$PID/status")

data_begin payments "distinct signed checkout.session.completed events delivered by wrk over $CONNECTIONS connections for ${SECS} s to payments-service ($JAVA_OPTS), PostgreSQL on the same machine; then $CONCURRENT concurrent deliveries of one event, $ROUNDS times" "$REPORT"
figure webhook_per_s "webhook events verified, stored and answered a second" "$RPS" events/s ">= 500"
figure webhook_p99_ms "webhook answer p99" "$(ms "$P99")" ms
figure webhook_non_2xx "webhook non-2xx answers" "$ERRORS" answers "= 0"
figure processed_per_s "events processed into the ledger a second" "$PROCESSED_RATE" events/s ">= 500"
figure duplicate_effects "ledger rows beyond one per distinct event" "$((EFFECTS - EVENTS))" rows "= 0"
data_end
get() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
{
  echo "# payments-service webhook benchmark"
  echo
  echo "Run by \`bench/payments.sh $SECS\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load client on the same machine;"
  echo "JVM: \`$JAVA_OPTS\`, $("$JAVA" -version 2>&1 | head -1)). Each event is a distinct one-off payment"
  echo "(\`checkout.session.completed\`) signed with HMAC-SHA256 as Stripe signs it (beforehand), delivered by wrk"
  echo "over $CONNECTIONS connections; each answer means the signature was verified and the event stored and processed."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| webhook answers (verified, stored, processed, 200) | $RPS events/s, p50 $P50, p99 $P99, non-2xx $ERRORS |"
  echo "| processed into the ledger | $PROCESSED events at $PROCESSED_RATE events/s, first received to last processed; $LEDGER ledger rows |"
  echo "| $CONCURRENT concurrent deliveries of one event × $ROUNDS | $(get firsts "$DUPES") stored as new, $(get duplicates "$DUPES") answered as duplicates, $(get errors "$DUPES") errors |"
  echo "| effects in total | $EFFECTS ledger rows for $EVENTS distinct events (must be equal) |"
  echo "| resident memory after the runs | $RSS MiB |"
  echo
  echo "Goal (issue 9): ≥ 500 events/s with the signature check and a real database; zero duplicate effects."
  echo
  echo "Measured against the service itself. Through the gateway the webhook route is limited per client address"
  echo "(\`xaos.gateway.rate-limits.webhook\`, 50/s with a burst of 100 by default): raise it for Stripe's addresses"
  echo "if a deployment receives more; Stripe retries what is refused."
} >"$REPORT"
echo "report: $REPORT"
[ "$EFFECTS" = "$EVENTS" ] || { echo "DUPLICATE OR MISSING EFFECTS: $EFFECTS ledger rows for $EVENTS events"; exit 1; }
[ "$(get firsts "$DUPES")" = "$ROUNDS" ] || { echo "EXPECTED ONE NEW DELIVERY PER EVENT: $DUPES"; exit 1; }
