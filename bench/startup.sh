#!/usr/bin/env bash
# Start-up time and resident memory of each service alone and of the whole suite, through ./xaostech.
# Prints the figures and writes bench/results/startup.md. Stops everything it started.
#   bench/startup.sh            (uses the launcher's defaults: JDK 25 + AOT cache when installed)
#   XAOS_AOT=0 bench/startup.sh (fat-jar start, no AOT cache, for comparison)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
REPORT=${REPORT:-$ROOT/bench/results/startup.md}
mkdir -p "$(dirname "$REPORT")"
VAR=${XAOS_VAR_DIR:-$ROOT/var}
MODULES=(account-service blog-service chat-service data-service lingua-service payments-service portfolio-site webfront-site api-gateway)

now() { date +%s.%N; }
rss_mb() { ps -o rss= -p "$1" | awk '{printf "%.0f", $1/1024}'; }
pid_of() { cat "$VAR/run/$1.pid"; }
started_in() { grep -h -o 'Started [A-Za-z]* in [0-9.]* seconds' "$VAR/log/$1.log" | tail -1 | awk '{print $4}'; }

./xaostech down >/dev/null
./xaostech up account-service >/dev/null   # builds, trains AOT caches and starts S3Proxy outside the timings
./xaostech up >/dev/null
SERVICES_JAVA=$(services_java "$VAR/log/api-gateway.log")   # the JDK the launcher chose, for the machine line
./xaostech down >/dev/null

rows=()
data_begin startup "./xaostech up NAME to readiness, each service alone (stores already running), then all nine at once; AOT cache: ${XAOS_AOT:-auto}, JVM flags: ${XAOS_JAVA_OPTS:-launcher default}" "$REPORT"
printf '%-18s %10s %12s %8s\n' service ready_s spring_s rss_mb
for m in "${MODULES[@]}"; do
  t0=$(now)
  ./xaostech up "$m" >/dev/null
  t=$(awk -v a="$(now)" -v b="$t0" 'BEGIN{print a-b}')
  sleep 2  # let the JVM settle before reading its resident memory
  r=$(rss_mb "$(pid_of "$m")")
  s=$(started_in "$m")
  printf '%-18s %10.2f %12s %8s\n' "$m" "$t" "$s" "$r"
  rows+=("| $m | $(printf '%.2f' "$t") | $s | $r |")
  figure "$m.ready_s" "$m ready, started alone" "$(printf '%.2f' "$t")" s "<= 8"
  figure "$m.rss_mb" "$m resident memory" "$r" MB "" "$([ "$m" = account-service ] && echo keycloak.memory_base_mb)"
  ./xaostech down >/dev/null
done

t0=$(now)
./xaostech up >/dev/null
suite=$(awk -v a="$(now)" -v b="$t0" 'BEGIN{print a-b}')
sleep 3
total=0
for m in "${MODULES[@]}" s3proxy; do total=$((total + $(rss_mb "$(pid_of "$m")"))); done
services_total=$((total - $(rss_mb "$(pid_of s3proxy)")))
printf 'whole suite: ready in %.2f s, RSS of the nine services %s MB (with S3Proxy %s MB)\n' "$suite" "$services_total" "$total"
./xaostech down >/dev/null
figure suite.ready_s "whole platform ready (./xaostech up, nine services)" "$(printf '%.2f' "$suite")" s "<= 60"
figure suite.rss_mb "whole platform resident memory (nine JVMs)" "$services_total" MB "<= 4096"
data_end

java_line=$(grep -h -o 'using Java [0-9.]*' "$VAR/log/api-gateway.log" | tail -1)
{
  echo "# Start-up and memory"
  echo
  echo "Measured by \`bench/startup.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB,"
  echo "$java_line, AOT cache: ${XAOS_AOT:-auto (on for JDK 25+)}. JVM flags: \`${XAOS_JAVA_OPTS:-launcher default}\`."
  echo "\"ready\" is wall time from \`./xaostech up NAME\` to its readiness endpoint answering UP (one service"
  echo "started alone, PostgreSQL/Redis/S3Proxy already running); \"spring\" is what Spring Boot logs as its start time."
  echo
  echo "| service | ready (s) | spring (s) | RSS (MB) |"
  echo "|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Whole suite, all nine started at once by \`./xaostech up\`: ready in $(printf '%.2f' "$suite") s;"
  echo "resident memory of the nine services together: $services_total MB (with S3Proxy: $total MB)."
} >"$REPORT"
echo "report: $REPORT"
