#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on loopback for the tests and prints its URL.
# Installs Debian's postgresql package first when the server binaries are missing.
# Usage: eval "$(bash .ci/postgres.sh start)"   ...   bash .ci/postgres.sh stop
#        bash .ci/postgres.sh pause | resume   (the chaos suite: the server goes away and comes back, data kept)
set -euo pipefail
PORT="${KEYPOST_PG_PORT:-54329}"
DIR="${KEYPOST_PG_DIR:-/tmp/keypost-pg-$PORT}"

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  return 1
}

case "${1:-start}" in
  start)
    if ! BIN=$(find_bin); then
      echo "installing postgresql from Debian packages…" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2
      apt-get install -y -qq postgresql >&2
      BIN=$(find_bin)
    fi
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    if [ -f "$DIR/postmaster.pid" ]; then "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m immediate stop >&2 || true; fi
    rm -rf "$DIR"; mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    "${RUN_AS[@]}" "$BIN/initdb" -D "$DIR" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" -w start >&2
    echo "export KEYPOST_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/postgres"
    ;;
  stop)
    BIN=$(find_bin) || exit 0
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    [ -f "$DIR/postmaster.pid" ] && "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast stop >&2
    rm -rf "$DIR"
    ;;
  pause)
    BIN=$(find_bin)
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >&2
    ;;
  resume)
    BIN=$(find_bin)
    RUN_AS=()
    if [ "$(id -u)" = 0 ]; then RUN_AS=(runuser -u postgres --); fi
    "${RUN_AS[@]}" "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=200" -w start >&2
    ;;
  *) echo "usage: $0 start|stop|pause|resume" >&2; exit 2 ;;
esac
