#!/usr/bin/env bash
# What verifying an access token's signature costs with each JWS algorithm (SECURITY-CHECKLIST 4: RS256 for
# tokens verified on every request), on one thread of this machine with the JDK's own providers.
# Prints the figures and writes bench/results/jwt-algorithms.tsv.
#   bench/jwt-algorithms.sh            (3 s an algorithm)
#   SECONDS_EACH=10 bench/jwt-algorithms.sh
#   XAOS_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/jwt-algorithms.sh   (the JDK the launcher runs services on)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
# The JDK the services run on when XAOS_JAVA_HOME names it (the launcher's choice), else the java on the PATH.
JAVA=${JAVA:-${XAOS_JAVA_HOME:+$XAOS_JAVA_HOME/bin/java}}
JAVA=${JAVA:-java}

out=$("$JAVA" "$ROOT/bench/JwtAlgorithms.java" "${SECONDS_EACH:-3}")
echo "$out"
rs256=$(awk '$1 == "RS256" {print $2}' <<<"$out")
[ -n "$rs256" ] || { echo "no RS256 figure in the output" >&2; exit 1; }
data_begin jwt-algorithms "one thread verifies the same token-sized JWS (2048-bit RSA, P-256, Ed25519) for ${SECONDS_EACH:-3} s an algorithm after a warm-up, JDK providers"
while read -r alg micros; do
  figure "$alg.verify_us" "$alg: one signature verified" "$micros" µs "" "$([ "$alg" = RS256 ] && echo checklist.rs256_verify_us)"
  # The checklist's claim: elliptic-curve signatures cost more to verify than RS256 (PS256 is RSA too).
  [ "$alg" = RS256 ] || figure "$alg.vs_rs256" "$alg: cost relative to RS256" \
    "$(awk -v a="$micros" -v b="$rs256" 'BEGIN {printf "%.1f", a / b}')" "×" "$([ "$alg" = PS256 ] || echo '>= 1')"
done <<<"$out"
data_end
