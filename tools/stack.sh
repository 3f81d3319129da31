#!/usr/bin/env bash
# The production stack on this machine, on loopback: PostgreSQL, Redis and Elasticsearch
# (tools/services.sh), gunicorn, a Celery worker and beat, Varnish in front of gunicorn and nginx
# in front of Varnish (the static mirror, deploy/nginx/govcms.conf), serving the demo cluster at
# http://127.0.0.1:8080/ (fgw.localhost:8080 etc., as `make demo`).
#
# Usage: tools/stack.sh up|down|status|env
#   up      install what is missing (Debian packages nginx, varnish, varnish-modules; the
#           services), create and fill the database govcms_stack with the demo once, then start
#           everything
#   down    stop gunicorn, the Celery worker and beat, Varnish and nginx (the shared services
#           stay: `make services-down` stops them)
#   status  one line per process
#   env     the environment the stack runs with (eval "$(tools/stack.sh env)" to use manage.py)
#
# Overrides: STACK_PORT (8080, nginx: what visitors use), STACK_CACHE_PORT (6081, Varnish),
# STACK_APP_PORT (8000, gunicorn), STACK_ADMIN_PORT (6082, varnishadm), STACK_DB (govcms_stack),
# GUNICORN_WORKERS (2), GUNICORN_THREADS (4), VARNISH_MEMORY (256m).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=$ROOT/var/stack
BIN=$ROOT/.venv/bin
STACK_PORT=${STACK_PORT:-8080}
STACK_CACHE_PORT=${STACK_CACHE_PORT:-6081}
STACK_APP_PORT=${STACK_APP_PORT:-8000}
STACK_ADMIN_PORT=${STACK_ADMIN_PORT:-6082}
STACK_DB=${STACK_DB:-govcms_stack}
VARNISH_NAME=$STATE/varnish

log() { printf '[stack] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

stack_env() {
    mkdir -p "$STATE"
    [[ -s $STATE/secret ]] || head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$STATE/secret"
    cat <<ENV
export DJANGO_SETTINGS_MODULE=cluster.settings.production
export DJANGO_SECRET_KEY=$(cat "$STATE/secret")
export DJANGO_ALLOWED_HOSTS=.localhost,localhost,127.0.0.1
export DJANGO_CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$STACK_PORT,http://localhost:$STACK_PORT,http://*.localhost:$STACK_PORT
export DJANGO_SECURE_SSL_REDIRECT=false
export DJANGO_SECURE_COOKIES=false
export DJANGO_HSTS_SECONDS=0
export DJANGO_TRUSTED_PROXIES=127.0.0.1
export DJANGO_MEDIA_ROOT=$STATE/media
export DJANGO_STATIC_ROOT=$STATE/static
export DATABASE_URL=postgres://govcms:govcms@127.0.0.1:5432/$STACK_DB
export CELERY_BROKER_URL=redis://127.0.0.1:6379/12
export CELERY_RESULT_BACKEND=redis://127.0.0.1:6379/12
export REDIS_URL=redis://127.0.0.1:6379/13
export ELASTICSEARCH_URL=http://127.0.0.1:9200
export SEARCH_INDEX_PREFIX=govcms-stack
export HTTP_CACHE_NODES=http://127.0.0.1:$STACK_CACHE_PORT
export STATIC_MIRROR_ROOT=$STATE/mirror
export WAGTAILADMIN_BASE_URL=http://127.0.0.1:$STACK_PORT
export EMAIL_URL=consolemail://
ENV
}

pid_alive() { [[ -s $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

wait_http() {  # wait_http URL SECONDS
    local deadline=$((SECONDS + $2))
    until curl -fs -o /dev/null -H "Host: localhost" "$1"; do
        ((SECONDS < deadline)) || die "$1 did not answer within $2 s"
        sleep 1
    done
}

prepare_database() {
    if ! PGPASSWORD=govcms psql -X -h 127.0.0.1 -U govcms -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$STACK_DB'" | grep -q 1; then
        log "creating database $STACK_DB"
        PGPASSWORD=govcms createdb -h 127.0.0.1 -U govcms -E UTF8 -T template0 "$STACK_DB"
    fi
    "$BIN/python" manage.py migrate --noinput >"$STATE/migrate.log"
    # The sites carry the port visitors use (the cache's): links between sites and absolute
    # URLs are built from it, and the application's own port would bypass the cache.
    if [[ $(cat "$STATE/demo-loaded" 2>/dev/null) != "$STACK_PORT" ]]; then
        log "loading the demo cluster into $STACK_DB for port $STACK_PORT (a few minutes the first time)"
        "$BIN/python" manage.py load_demo --port "$STACK_PORT" >"$STATE/load_demo.log"
        "$BIN/python" manage.py clear_pagecache >/dev/null
        echo "$STACK_PORT" >"$STATE/demo-loaded"
    fi
    "$BIN/python" manage.py collectstatic --noinput >/dev/null
}

write_backends() {
    sed -e "s/\.port = \"8000\"/.port = \"$STACK_APP_PORT\"/" \
        "$ROOT/deploy/varnish/backends.vcl" >"$STATE/backends.vcl"
}

start_app() {
    pid_alive "$STATE/gunicorn.pid" && { log "gunicorn already runs"; return; }
    "$BIN/gunicorn" cluster.wsgi --bind "127.0.0.1:$STACK_APP_PORT" \
        --workers "${GUNICORN_WORKERS:-2}" --threads "${GUNICORN_THREADS:-4}" \
        --worker-class gthread --timeout 60 --daemon --pid "$STATE/gunicorn.pid" \
        --access-logfile "$STATE/access.log" --error-logfile "$STATE/gunicorn.log"
    wait_http "http://127.0.0.1:$STACK_APP_PORT/healthz" 60
}

start_celery() {
    pid_alive "$STATE/worker.pid" || "$BIN/celery" -A cluster worker --detach --loglevel=INFO \
        --concurrency 2 --pidfile "$STATE/worker.pid" --logfile "$STATE/worker.log"
    pid_alive "$STATE/beat.pid" || "$BIN/celery" -A cluster beat --detach --loglevel=INFO \
        --pidfile "$STATE/beat.pid" --logfile "$STATE/beat.log" \
        --schedule "$STATE/celerybeat-schedule"
}

start_varnish() {
    pid_alive "$STATE/varnishd.pid" && { log "varnish already runs"; return; }
    write_backends
    varnishd -n "$VARNISH_NAME" -P "$STATE/varnishd.pid" \
        -a "127.0.0.1:$STACK_CACHE_PORT" -T "127.0.0.1:$STACK_ADMIN_PORT" \
        -p "vcl_path=$STATE:$ROOT/deploy/varnish" -f "$ROOT/deploy/varnish/default.vcl" \
        -s "malloc,${VARNISH_MEMORY:-256m}"
    wait_http "http://127.0.0.1:$STACK_CACHE_PORT/healthz" 30
}

# nginx in front: deploy/nginx/govcms.conf with this machine's paths and ports, the headers
# the application sends with public pages, and the application's time zone (the mirror's
# hour directories are named in it).
start_nginx() {
    pid_alive "$STATE/nginx.pid" && { log "nginx already runs"; return; }
    mkdir -p "$STATE/mirror"
    "$BIN/python" manage.py static_mirror_headers >"$STATE/mirror-headers.conf"
    sed -e "s|listen 80;|listen 127.0.0.1:$STACK_PORT;|" \
        -e "s|server 127.0.0.1:6081;|server 127.0.0.1:$STACK_CACHE_PORT;|" \
        -e "s|/srv/govcms/mirror-headers.conf|$STATE/mirror-headers.conf|" \
        -e "s|/srv/govcms/mirror;|$STATE/mirror;|" \
        -e "s|/srv/govcms/deploy/nginx|$ROOT/deploy/nginx|" \
        "$ROOT/deploy/nginx/govcms.conf" >"$STATE/govcms.conf"
    cat >"$STATE/nginx.conf" <<CONF
worker_processes 2;
pcre_jit on;
pid $STATE/nginx.pid;
error_log $STATE/nginx-error.log;
events { worker_connections 1024; }
http {
    sendfile on;
    tcp_nopush on;
    access_log $STATE/nginx-access.log combined buffer=64k flush=5s;
    include $STATE/govcms.conf;
}
CONF
    TZ=$("$BIN/python" -c 'from django.conf import settings; print(settings.TIME_ZONE)') \
        nginx -c "$STATE/nginx.conf"
    wait_http "http://127.0.0.1:$STACK_PORT/healthz" 30
}

up() {
    [[ $EUID -eq 0 ]] || die "'up' needs root (apt-get), as tools/services.sh"
    bash "$ROOT/tools/services.sh" up
    bash "$ROOT/tools/system-packages.sh" nginx varnish varnish-modules curl
    [[ -x $BIN/python ]] || make -C "$ROOT" install
    eval "$(stack_env)"
    cd "$ROOT"
    prepare_database
    start_app
    start_celery
    start_varnish
    start_nginx
    # A freshly started Elasticsearch answers its first faceted searches slowly: ask it the
    # most frequent ones before visitors do (search.warmup). Not fatal: search still works.
    "$BIN/python" manage.py search_warmup --no-progress || log "search warm-up failed (search still works)"
    log "serving the demo cluster at http://127.0.0.1:$STACK_PORT/ (fgw.localhost:$STACK_PORT …)"
    log "logs and process ids: $STATE"
}

stop_pid() {  # stop_pid NAME PIDFILE
    if pid_alive "$2"; then
        local pid
        pid=$(cat "$2")  # read once: the process removes its pid file as it exits
        log "stopping $1"
        kill "$pid"
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    rm -f "$2"
}

down() {
    stop_pid nginx "$STATE/nginx.pid"
    stop_pid varnish "$STATE/varnishd.pid"
    stop_pid "celery beat" "$STATE/beat.pid"
    stop_pid "celery worker" "$STATE/worker.pid"
    stop_pid gunicorn "$STATE/gunicorn.pid"
}

status() {
    local name rc=0
    for name in gunicorn worker beat varnishd nginx; do
        if pid_alive "$STATE/$name.pid"; then echo "$name: up (pid $(cat "$STATE/$name.pid"))"
        else echo "$name: down"; rc=1; fi
    done
    return $rc
}

case ${1:-} in
    up) up ;;
    down) down ;;
    status) status ;;
    env) stack_env ;;
    *) die "usage: $0 up|down|status|env" ;;
esac
