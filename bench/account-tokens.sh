#!/usr/bin/env bash
# Token endpoint and sign-in throughput of account-service on this machine, compared with Keycloak's published
# sizing (about 120 client-credentials grants/s and 15 password logins/s per vCPU). Starts account-service
# through ./xaostech if it is not running, prints the figures and writes bench/results/account-tokens.md.
#   bench/account-tokens.sh [seconds-per-phase] [workers]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SECONDS_PER_PHASE=${1:-15}
WORKERS=${2:-8}
REPORT=${REPORT:-$ROOT/bench/results/account-tokens.md}
PORT=$((8081 + ${XAOS_PORT_OFFSET:-0}))
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
JAVA=${XAOS_JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}/bin/java

"$ROOT/xaostech" up account-service >/dev/null
SERVICES_JAVA=$(services_java "${XAOS_VAR_DIR:-$ROOT/var}/log/account-service.log")
OUT=$("$JAVA" "$ROOT/bench/AccountTokens.java" "http://127.0.0.1:$PORT" "$SECONDS_PER_PHASE" "$WORKERS")
echo "$OUT"
result() { sed -n "s/^RESULT.* $1=\([0-9.]*\).*/\1/p" <<<"$OUT"; }
per_core() { awk -v v="$(result "$1")" -v n="$(nproc)" 'BEGIN {printf "%.1f", v / n}'; }
data_begin account-tokens "$WORKERS concurrent clients on the same machine against account-service (JVM flags: ${XAOS_JAVA_OPTS:-launcher default, C1 only}), $SECONDS_PER_PHASE s a phase after a warm-up; per core = total / $(nproc)" "$REPORT"
figure client_credentials_per_core "client_credentials grants a second, per core" "$(per_core client_credentials_per_s)" "/s/core" "" keycloak.client_credentials_per_vcpu
figure logins_per_core "password sign-ins (Argon2id) a second, per core" "$(per_core logins_per_s)" "/s/core" "" keycloak.logins_per_vcpu
figure refresh_per_core "refresh_token grants (rotation) a second, per core" "$(per_core refresh_per_s)" "/s/core" "" keycloak.refresh_per_vcpu
data_end
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
  echo
  echo "Earlier runs with the C2 compiler, and what measuring found: [account-tokens-notes.md](account-tokens-notes.md)."
} >"$REPORT"
echo "report: $REPORT"
