#!/usr/bin/env bash
# The fault drills (system-tests' FaultDrillsIT: Redis killed under load, PostgreSQL restarted under load, a
# service killed during an erasure, a chat instance killed under connected clients, a 10× burst at the gateway)
# on a platform of their own, and their figures as data for bench/REPORT.md. `mvn -B verify` runs the same drills
# (with every other system test); this runs only them. Needs root (it restarts PostgreSQL with pg_ctlcluster),
# redis-server, and the modules installed (mvn -B install -DskipTests).
#   bench/drills.sh
# Writes bench/results/drills.tsv.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
FIGURES=$ROOT/system-tests/target/drills/figures.tsv
rm -f "$FIGURES"
mvn -B -q verify -pl system-tests -Dit.test=FaultDrillsIT -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false
SERVICES_JAVA=$(services_java "$ROOT/system-tests/target/smoke-var/log/api-gateway.log")
data_begin drills "system-tests' FaultDrillsIT against the whole platform started by ./xaostech up (fat jars, C1 only), its own Redis server, PostgreSQL and the load client on the same machine; load: 3 signed-in users each reading the blog list, reading their account and sending a chat message, 6 requests a second each" system-tests/src/test/java/io/xaostech/system/FaultDrillsIT.java
cat "$FIGURES" >>"$DATA.part"
data_end
