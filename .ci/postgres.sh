#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite and prints the
# `export CLAIMWATCH_TEST_POSTGRES_URL=…` line to eval. Installs Debian's postgresql package
# when no server binaries are present. The cluster lives under $PGROOT (default
# /tmp/claimwatch-ci-pg) and is recreated on every run.
set -euo pipefail

PORT="${PGPORT_CI:-54330}"
PGROOT="${PGROOT:-/tmp/claimwatch-ci-pg}"
PASSWORD="ci-$(date +%s)-$RANDOM"

find_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

if ! BIN=$(find_bin); then
  echo "installing postgresql from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
  BIN=$(find_bin)
fi

as_pg() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if [ -f "$PGROOT/data/postmaster.pid" ]; then
  as_pg "$BIN/pg_ctl" -D "$PGROOT/data" -m immediate stop >&2 || true
fi
while port_busy "$PORT"; do PORT=$((PORT + 1)); done
rm -rf "$PGROOT"
mkdir -p "$PGROOT"
trap 'rm -f "$PGROOT/pw"' EXIT
[ "$(id -u)" = 0 ] && chown postgres "$PGROOT"
printf '%s\n' "$PASSWORD" > "$PGROOT/pw"
[ "$(id -u)" = 0 ] && chown postgres "$PGROOT/pw"
as_pg "$BIN/initdb" -D "$PGROOT/data" -U postgres -A scram-sha-256 --pwfile="$PGROOT/pw" >"$PGROOT/initdb.log" 2>&1
as_pg "$BIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w \
  -o "-p $PORT -k $PGROOT -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >&2
rm -f "$PGROOT/pw"
echo "export CLAIMWATCH_TEST_POSTGRES_URL=postgres://postgres:${PASSWORD}@127.0.0.1:${PORT}/postgres"
