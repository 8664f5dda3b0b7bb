#!/usr/bin/env bash
# The whole deployment of docs/deployment.md on this machine, on loopback ports: PostgreSQL for the
# scenario store, one app process per core, nginx in front with sticky sessions and websockets.
#
#   deploy/local.sh start [N]    start what is not running (N app processes, each loaded before it listens:
#                                deploy/serve.py; default: one per core), warm each (deploy/warm.py), then nginx
#   deploy/local.sh status       what runs, with PIDs and addresses
#   deploy/local.sh stop         stop everything it started, by the PIDs it wrote
#   deploy/local.sh render [N]   write the nginx configuration only (tests/test_deploy.py checks it)
#
# Everything lives in $OMSTALLNING_DEPLOY_DIR (default var/deploy in the checkout): PID files, logs,
# the database, the generated nginx configuration and the secrets (database password, cookie secret;
# readable only by their owner). Ports: nginx $OMSTALLNING_HTTP_PORT (8080), the app processes from
# $OMSTALLNING_APP_PORT (8501) up, PostgreSQL $OMSTALLNING_PG_PORT (54329); all on 127.0.0.1, none
# privileged. Nothing runs as root that need not: PostgreSQL refuses root and runs as the `postgres`
# user; nginx and the app run as the user who starts the stack (as root, nginx's workers run as nobody).
# Needs Debian's `nginx` and `postgresql` and the app's Python environment (`python` on PATH, or $PYTHON).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${OMSTALLNING_DEPLOY_DIR:-$REPO/var/deploy}
HTTP_PORT=${OMSTALLNING_HTTP_PORT:-8080}
APP_PORT=${OMSTALLNING_APP_PORT:-8501}
PG_PORT=${OMSTALLNING_PG_PORT:-54329}
PYTHON=${PYTHON:-python}
NGINX=${NGINX:-nginx}
DB=omstallning

# shellcheck source=../.ci/postgres.sh
source "$REPO/.ci/postgres.sh" # pg_bindir and _pg_as_owner: the same PostgreSQL handling as CI's

is_root() { [ "$(id -u)" -eq 0 ]; }
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
say() { printf '%s\n' "$*"; }

# A random value kept in a file only its owner can read (made on first use).
secret() {
  [ -s "$1" ] || (umask 077 && "$PYTHON" -c 'import secrets; print(secrets.token_hex(24))' >"$1")
  cat "$1"
}

# Wait until $1 answers "ok" (a health endpoint), at most $2 seconds.
wait_healthy() {
  local deadline=$((SECONDS + $2))
  until [ "$(curl -sf --max-time 2 "$1" 2>/dev/null)" = "ok" ]; do
    [ $SECONDS -lt $deadline ] || { say "no answer from $1 within $2 s" >&2; return 1; }
    sleep 0.3
  done
}

app_ports() {
  local n=$1 i
  for ((i = 0; i < n; i++)); do echo $((APP_PORT + i)); done
}

# The number of app processes asked for, or the one that runs, or one per core.
processes() {
  if [ -n "${1:-}" ]; then echo "$1"; return; fi
  local running
  running=$(find "$STATE" -maxdepth 1 -name 'app-*.pid' 2>/dev/null | wc -l)
  if [ "$running" -gt 0 ]; then echo "$running"; else nproc; fi
}

# --- PostgreSQL ------------------------------------------------------------------------------------

db_url() {
  echo "postgresql+psycopg://$DB:$(secret "$STATE/db-password")@127.0.0.1:$PG_PORT/$DB"
}

pg_up() {
  local bin dir="$STATE/postgres" password pwfile fresh=""
  bin=$(pg_bindir)
  password=$(secret "$STATE/db-password")
  mkdir -p "$dir"
  if is_root; then chown postgres: "$dir" && chmod 700 "$dir"; fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    pwfile="$dir/initdb-password"
    (umask 077 && printf '%s\n' "$(secret "$STATE/db-password")" >"$pwfile")
    if is_root; then chown postgres: "$pwfile"; fi
    (cd "$dir" && _pg_as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$pwfile" \
      --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --no-locale >"$dir/initdb.log") \
      || { rm -f "$pwfile"; cat "$dir/initdb.log" >&2; return 1; }
    rm -f "$pwfile"
    fresh=1
  fi
  if ! (cd "$dir" && _pg_as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1); then
    (cd "$dir" && _pg_as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $dir" start >/dev/null) \
      || { tail -n 20 "$dir/server.log" >&2; return 1; }
  fi
  if [ -n "$fresh" ]; then # the app's own role and database (the superuser stays local-only)
    (cd "$dir" && _pg_as_owner "$bin/psql" -q -h "$dir" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 \
      -c "CREATE ROLE $DB LOGIN PASSWORD '$password'" -c "CREATE DATABASE $DB OWNER $DB") >/dev/null
  fi
  say "PostgreSQL on 127.0.0.1:$PG_PORT (pid $(head -n 1 "$dir/data/postmaster.pid"), data in $dir/data)"
}

pg_down() {
  local bin dir="$STATE/postgres"
  [ -f "$dir/data/postmaster.pid" ] || return 0
  bin=$(pg_bindir)
  # pg_ctl stops the server whose PID is in postmaster.pid, and waits for it.
  (cd "$dir" && _pg_as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null) || true
  say "PostgreSQL stopped"
}

# --- the app processes -------------------------------------------------------------------------------

app_up() {
  local n=$1 port url cookie
  url=$(db_url)
  cookie=$(secret "$STATE/cookie-secret")
  for port in $(app_ports "$n"); do
    alive "$STATE/app-$port.pid" && continue
    (
      cd "$REPO"
      set -a && source "$REPO/deploy/malloc.env" && set +a # the allocator settings of the systemd unit
      export OMSTALLNING_DB_URL="$url" STREAMLIT_SERVER_COOKIE_SECRET="$cookie"
      # Its own session (process group): stop ends the process and its workers together. deploy/serve.py
      # loads the model before the port listens, then runs `streamlit run app.py` with these options.
      exec setsid "$PYTHON" "$REPO/deploy/serve.py" --server.address 127.0.0.1 --server.port "$port" \
        --server.headless true --server.fileWatcherType none --client.showErrorDetails none \
        --server.allowedHosts 127.0.0.1 --server.allowedHosts localhost
    ) >"$STATE/app-$port.log" 2>&1 </dev/null &
    echo $! >"$STATE/app-$port.pid"
  done
  for port in $(app_ports "$n"); do
    wait_healthy "http://127.0.0.1:$port/_stcore/health" 180 || { tail -n 20 "$STATE/app-$port.log" >&2; return 1; }
    say "app on 127.0.0.1:$port (pid $(cat "$STATE/app-$port.pid"))"
  done
  app_warm "$n"
}

# Warm every app process on its own port, all at once, before nginx sends anyone to it: a fresh process's
# first runs of the overview and the uncertainty page take seconds (deploy/warm.py; docs/deployment.md).
app_warm() {
  local n=$1 port failed=""
  declare -A job
  for port in $(app_ports "$n"); do
    "$PYTHON" "$REPO/deploy/warm.py" "http://127.0.0.1:$port" >"$STATE/warm-$port.out" 2>&1 &
    job[$port]=$!
  done
  for port in $(app_ports "$n"); do
    if wait "${job[$port]}"; then
      say "app on 127.0.0.1:$port $(cat "$STATE/warm-$port.out")"
    else
      cat "$STATE/warm-$port.out" >&2
      say "the log of the app on 127.0.0.1:$port:" >&2
      tail -n 20 "$STATE/app-$port.log" >&2
      failed=1
    fi
    rm -f "$STATE/warm-$port.out"
  done
  [ -z "$failed" ]
}

app_down() {
  local pidfile pid deadline
  for pidfile in "$STATE"/app-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid"
      deadline=$((SECONDS + 10))
      while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
      kill -0 "$pid" 2>/dev/null && kill -KILL -- "-$pid" 2>/dev/null
    fi
    rm -f "$pidfile"
    say "app process $pid stopped"
  done
}

# --- nginx ------------------------------------------------------------------------------------------

render() {
  local n=$1 dir="$STATE/nginx" servers="" port
  mkdir -p "$dir/tmp"
  for port in $(app_ports "$n"); do servers+="    server 127.0.0.1:$port;"$'\n'; done
  SERVERS="$servers" LISTEN="127.0.0.1:$HTTP_PORT" "$PYTHON" - "$REPO/deploy/nginx-site.conf.template" \
    >"$dir/site.conf" <<'PY'
import os, sys
text = open(sys.argv[1], encoding="utf-8").read()
for key in ("SERVERS", "LISTEN"):
    text = text.replace(f"@{key}@", os.environ[key].rstrip("\n"))
sys.stdout.write(text.replace("@TLS@\n", ""))
PY
  cat >"$dir/nginx.conf" <<EOF
# Written by deploy/local.sh: nginx run by an ordinary user, everything under $dir.
$(if is_root; then echo "user nobody nogroup;"; fi)
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/site.conf;
}
EOF
  if is_root; then chown -R nobody:nogroup "$dir/tmp"; fi
  echo "$dir/nginx.conf"
}

nginx_run() {
  "$NGINX" -p "$STATE/nginx" -e "$STATE/nginx/error.log" -c "$STATE/nginx/nginx.conf" "$@"
}

nginx_up() {
  local n=$1
  render "$n" >/dev/null
  nginx_run -t -q
  if alive "$STATE/nginx/nginx.pid"; then
    kill -HUP "$(cat "$STATE/nginx/nginx.pid")" # reread the configuration
  else
    nginx_run
  fi
  wait_healthy "http://127.0.0.1:$HTTP_PORT/_stcore/health" 30
  say "nginx on http://127.0.0.1:$HTTP_PORT/ (pid $(cat "$STATE/nginx/nginx.pid")) in front of $n app processes"
}

nginx_down() {
  local pidfile="$STATE/nginx/nginx.pid" pid deadline
  alive "$pidfile" || return 0
  pid=$(cat "$pidfile")
  kill -QUIT "$pid" # graceful: open connections finish
  deadline=$((SECONDS + 10))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -TERM "$pid"
  say "nginx stopped"
}

# --- commands ---------------------------------------------------------------------------------------

status() {
  local pidfile port
  if [ -f "$STATE/postgres/data/postmaster.pid" ] && kill -0 "$(head -n 1 "$STATE/postgres/data/postmaster.pid")" 2>/dev/null; then
    say "postgres  running  pid $(head -n 1 "$STATE/postgres/data/postmaster.pid")  127.0.0.1:$PG_PORT"
  else
    say "postgres  stopped"
  fi
  for pidfile in "$STATE"/app-*.pid; do
    [ -e "$pidfile" ] || continue
    port=${pidfile##*/app-}
    port=${port%.pid}
    if alive "$pidfile"; then say "app       running  pid $(cat "$pidfile")  http://127.0.0.1:$port/"; else say "app       dead     pid $(cat "$pidfile") (stale)"; fi
  done
  if alive "$STATE/nginx/nginx.pid"; then
    say "nginx     running  pid $(cat "$STATE/nginx/nginx.pid")  http://127.0.0.1:$HTTP_PORT/"
  else
    say "nginx     stopped"
  fi
}

main() {
  local command=${1:-status}
  mkdir -p "$STATE"
  case "$command" in
    start)
      local n
      n=$(processes "${2:-}")
      pg_up
      app_up "$n"
      nginx_up "$n"
      ;;
    stop)
      nginx_down
      app_down
      pg_down
      ;;
    status) status ;;
    render) render "$(processes "${2:-}")" ;;
    *) say "usage: $0 start [N] | stop | status | render [N]" >&2; return 2 ;;
  esac
}

main "$@"
