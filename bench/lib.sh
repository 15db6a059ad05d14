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
