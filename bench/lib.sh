# Shared by the bench scripts (source it after setting ROOT): finding or building a service's jar, fresh stores,
# and waiting for a service to be ready.

# The executable jar of a module, built first if there is none.
jar_of() {
  local jar; jar=$(ls "$ROOT/$1"/target/"$1"-*.jar 2>/dev/null | grep -v plain | head -1 || true)
  if [ -z "$jar" ]; then (cd "$ROOT" && mvn -B -q -DskipTests package -pl "$1" -am); jar=$(ls "$ROOT/$1"/target/"$1"-*.jar | grep -v plain | head -1); fi
  echo "$jar"
}

# An empty PostgreSQL database $1 and an empty Redis database $2.
fresh_stores() {
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists $1" -c "create database $1" >/dev/null
  redis-cli -n "$2" flushdb >/dev/null
}

# Waits up to two minutes for the service on port $1 to be ready; on failure shows the end of log $2 and fails.
await_ready() {
  for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/readyz")" = 200 ] && return 0; sleep 0.5
  done
  tail -30 "$2"; return 1
}

# Figures as data. Every bench writes bench/results/NAME.tsv (bench/report.sh turns them all into bench/REPORT.md):
# header lines "#field<TAB>text" (bench, date, machine, setup, details), then one figure a line:
#   key <TAB> label <TAB> value <TAB> unit <TAB> goal (">= 5000", "<= 50" or empty) <TAB> anchor (an id in
#   bench/anchors.tsv, or "bench:key" for a figure another bench measured, or empty)
# data_begin NAME "how it was measured" [details-file]; figure KEY LABEL VALUE UNIT [GOAL] [ANCHOR]; data_end
data_begin() {
  DATA=${RESULTS_DIR:-$ROOT/bench/results}/$1.tsv
  mkdir -p "$(dirname "$DATA")"
  {
    printf '#bench\t%s\n#date\t%s\n#machine\t%s\n#setup\t%s\n' "$1" "$(date -u +%Y-%m-%dT%H:%MZ)" "$(machine)" "$2"
    [ -z "${3:-}" ] || printf '#details\t%s\n' "${3#"$ROOT"/}"
  } >"$DATA.part"
}
figure() { printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "${5:-}" "${6:-}" >>"$DATA.part"; }
data_end() { mv "$DATA.part" "$DATA"; echo "data: $DATA"; }

# The machine in one line: cores, CPU model, memory, and the JDK the bench runs services on ($JAVA, or
# $SERVICES_JAVA when the launcher chose it: see services_java).
machine() {
  local cpu java=${JAVA:-java}
  cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
  printf '%s cores (%s), %s GiB, %s' "$(nproc)" "${cpu:-unknown CPU}" "$(free -g | awk '/Mem:/ {print $2}')" \
    "${SERVICES_JAVA:-$("$java" -version 2>&1 | head -1)}"
}

# The Java the launcher ran the services with, from a service's log in $1 ("Java 25.0.3").
services_java() { { grep -h -o 'using Java [0-9.]*' "$1" 2>/dev/null || true; } | tail -1 | sed 's/using //'; }

# How many answers in wrk's output $1 were errors (wrk's "Non-2xx or 3xx responses": statuses of 400 and up); 0 if none.
wrk_errors() { awk '/Non-2xx/ {s += $NF} END {print s + 0}' <<<"$1"; }

# A wrk latency ("306.00us", "1.68ms", "1.20s", "1.00m") in milliseconds; nothing for nothing (not measured).
ms() {
  [ -n "$1" ] || return 0
  awk -v v="$1" 'BEGIN { n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}
