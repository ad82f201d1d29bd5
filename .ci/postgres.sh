#!/usr/bin/env bash
# Install (Debian's postgresql, if missing) and start a throwaway PostgreSQL server on loopback for the
# tests, then print the URL the tests read from NARRASCOPE_TEST_POSTGRES. Usage:
#   export NARRASCOPE_TEST_POSTGRES=$(bash .ci/postgres.sh)
set -euo pipefail
PORT="${NARRASCOPE_PG_PORT:-54329}"
DATA="${NARRASCOPE_PG_DATA:-/tmp/narrascope-pg}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq postgresql >/dev/null
fi
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! as_postgres "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    rm -rf "$DATA"
    mkdir -p "$DATA"
    [ "$(id -u)" = 0 ] && chown postgres: "$DATA"
    as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
        -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
fi
as_postgres "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'narrascope_test'" | grep -q 1 \
    || as_postgres "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres narrascope_test
echo "postgresql://postgres@127.0.0.1:$PORT/narrascope_test"
