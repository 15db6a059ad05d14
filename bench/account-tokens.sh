#!/usr/bin/env bash
# Token endpoint and sign-in throughput of account-service on this machine, compared with Keycloak's published
# sizing (about 120 client-credentials grants/s and 15 password logins/s per vCPU). Starts account-service
# through ./xaostech if it is not running, prints the figures and writes bench/reports/account-tokens.md.
#   bench/account-tokens.sh [seconds-per-phase] [workers]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_PHASE=${1:-15}
WORKERS=${2:-8}
REPORT=${REPORT:-$ROOT/bench/reports/account-tokens.md}
PORT=$((8081 + ${XAOS_PORT_OFFSET:-0}))
JAVA=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java

"$ROOT/xaostech" up account-service >/dev/null
OUT=$("$JAVA" "$ROOT/bench/AccountTokens.java" "http://127.0.0.1:$PORT" "$SECONDS_PER_PHASE" "$WORKERS")
echo "$OUT"
mkdir -p "$(dirname "$REPORT")"
{
  echo "# account-service token endpoint and sign-in throughput"
  echo
  echo "Measured by \`bench/account-tokens.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, against account-service"
  echo "started by \`./xaostech\` with JVM flags \`${XAOS_JAVA_OPTS:-launcher default: C1 only, serial GC}\`"
  echo "(PostgreSQL and Redis on the same machine), $WORKERS concurrent"
  echo "clients on the same machine, $SECONDS_PER_PHASE s per phase after a warm-up."
  echo
  echo '```'
  echo "$OUT"
  echo '```'
  echo
  echo "Keycloak's sizing guide: about 120 client-credentials grants/s and 15 password logins/s per vCPU."
  echo "Ratios above 1 mean more than Keycloak's figure per core. Password sign-ins are bound by Argon2id"
  echo "(19 MiB, 2 iterations) by design; refresh grants include rotation and reuse bookkeeping."
} >"$REPORT"
echo "report: $REPORT"
