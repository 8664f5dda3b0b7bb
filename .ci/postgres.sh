# A throwaway PostgreSQL server for the store's tests; sourced by .ci/run.
#
#   source .ci/postgres.sh
#   pg_start          # initdb in a temp dir, start on a free 127.0.0.1 port,
#                     # create a database, export OMSTALLNING_TEST_PG_URL
#   trap pg_stop EXIT # stop the server by its data dir and remove the dir
#
# Needs Debian's `postgresql` package (initdb and pg_ctl live in
# /usr/lib/postgresql/<version>/bin, not on PATH). PostgreSQL refuses to run as
# root: as root the server runs as the package's `postgres` system user (via
# runuser); as anyone else it runs as that user.

PG_DB=omstallning_test
PG_DIR=""

# The newest installed PostgreSQL's bin folder.
pg_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/pg_ctl" ]; then
    echo "postgres.sh: no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)" >&2
    return 1
  fi
  echo "$dir"
}

# Run a command as the unprivileged user that owns the server.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

_pg_free_port() {
  python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_start() {
  local bin port password attempt
  bin=$(pg_bindir) || return 1
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/omstallning-pg.XXXXXX")
  password=$(python -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$password" >"$PG_DIR/pwfile"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$PG_DIR"
  fi
  # The unix socket (owner only, trust) lives in the private temp dir; TCP on
  # loopback needs the random password.
  (cd "$PG_DIR" && _pg_as_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$PG_DIR/initdb.log") \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  rm -f "$PG_DIR/pwfile"
  # A free port can be taken between the probe and the bind: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(_pg_free_port)
    # fsync off: a test database that is thrown away needs no durability on disk.
    if (cd "$PG_DIR" && _pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off" start >/dev/null); then
      break
    fi
    port=""
  done
  if [ -z "$port" ]; then
    echo "postgres.sh: the server did not start:" >&2
    cat "$PG_DIR/server.log" >&2
    return 1
  fi
  (cd "$PG_DIR" && _pg_as_owner "$bin/createdb" -h "$PG_DIR" -p "$port" -U postgres "$PG_DB") || return 1
  export OMSTALLNING_TEST_PG_URL="postgresql+psycopg://postgres:$password@127.0.0.1:$port/$PG_DB"
  echo "PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port (data in $PG_DIR)"
}

# Stop the server (if it runs) and remove its data dir; safe to call twice.
pg_stop() {
  local bin
  [ -n "$PG_DIR" ] && [ -d "$PG_DIR" ] || return 0
  bin=$(pg_bindir) || return 0
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    (cd "$PG_DIR" && _pg_as_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w -t 60 stop >/dev/null) || true
  fi
  rm -rf "$PG_DIR"
  PG_DIR=""
  unset OMSTALLNING_TEST_PG_URL
}
