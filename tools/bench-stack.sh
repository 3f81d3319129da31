#!/usr/bin/env bash
# One run, alone on the machine: the same page served six ways under the same load.
#   1. nginx serving a static file of the page's size          (the ceiling of this machine)
#   2. a stock Wagtail 8 project (`wagtail start`, 200 child pages, SQLite), same gunicorn
#   3. this project, page cache off (PAGECACHE_ENABLED=0)       ("uncached": every request renders)
#   4. this project, its Redis page cache (straight to gunicorn)
#   5. this project through its HTTP cache (Varnish of `make stack`, straight)
#   6. this project as visitors reach it (`make stack`'s nginx: the static mirror, else Varnish)
# then the "a publication is visible through the cache within 2 s" check, through nginx.
# gunicorn: GUNICORN_WORKERS × GUNICORN_THREADS (2 × 4, gthread) for 2–4; wrk: BENCH_CONNECTIONS
# (32) connections, 2 threads, BENCH_DURATION (30 s) per run; the load average is printed
# before each run (a busy machine makes the figures worthless: run it alone).
# Needs `make stack` (started here if it is not running). Smoke check:
#   BENCH_DURATION=5 BENCH_CONNECTIONS=2 tools/bench-stack.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=$ROOT/.venv/bin
WORK=$ROOT/var/bench-stack
DURATION=${BENCH_DURATION:-30}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
WORKERS=${GUNICORN_WORKERS:-2}
THREADS=${GUNICORN_THREADS:-4}
STACK_PORT=${STACK_PORT:-8080}
STACK_CACHE_PORT=${STACK_CACHE_PORT:-6081}
HOST=${BENCH_HOST:-fgw.localhost}
NGINX_PORT=18081 STOCK_PORT=18082 UNCACHED_PORT=18083 CACHED_PORT=18084
PIDS=()

log() { printf '[bench] %s\n' "$*" >&2; }
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_http() {  # wait_http URL HOST
    for _ in $(seq 120); do
        curl -fsS -o /dev/null -H "Host: $2" "$1" && return 0
        sleep 0.5
    done
    log "ERROR: $1 did not answer"; exit 1
}

run_wrk() {  # run_wrk LABEL URL HOST
    local load
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    curl -fsS -o /dev/null -H "Host: $3" "$2"  # warm: the first request fills the caches
    local out
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Host: $3" "$2")
    local rps p50 p99 errors
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" | tr -s ' ' | paste -sd';' || true)
    printf '%-38s %10s %9s %9s  load %s %s\n' "$1" "$rps" "$p50" "$p99" "$load" "${errors:-}"
}

gunicorn_on() {  # gunicorn_on PORT APP [ENV...]: a gunicorn like the stack's
    # shellcheck disable=SC2086  # $2 may carry --chdir
    env "${@:3}" "$BIN/gunicorn" $2 --bind "127.0.0.1:$1" --workers "$WORKERS" \
        --threads "$THREADS" --worker-class gthread --timeout 60 --log-level warning \
        >>"$WORK/gunicorn-$1.log" 2>&1 &
    PIDS+=($!)
}

stock_wagtail() {  # the stock project, created once under var/
    local project=$WORK/stock
    if [[ ! -e $project/.ready ]]; then
        log "creating the stock Wagtail project in $project"
        rm -rf "$project" && mkdir -p "$project"
        env -u DJANGO_SETTINGS_MODULE "$BIN/wagtail" start stocksite "$project" >/dev/null
        # This project's `search` app is installed in the same virtualenv and would shadow the
        # stock project's one: rename the stock app (nothing else changes).
        mv "$project/search" "$project/stocksearch"
        sed -i 's/^    "search",$/    "stocksearch",/' "$project/stocksite/settings/base.py"
        sed -i 's/^from search import views/from stocksearch import views/' "$project/stocksite/urls.py"
        # production.py of the template reads local.py: the two values it lacks
        printf 'SECRET_KEY = "bench"\nALLOWED_HOSTS = ["*"]\n' >"$project/stocksite/settings/local.py"
        (cd "$project" && DJANGO_SETTINGS_MODULE=stocksite.settings.production \
            "$BIN/python" manage.py migrate --noinput >/dev/null)
        (cd "$project" && DJANGO_SETTINGS_MODULE=stocksite.settings.dev "$BIN/python" manage.py shell -c "
from home.models import HomePage
home = HomePage.objects.get(depth=2)
for n in range(1, 201):
    home.add_child(instance=HomePage(title=f'Child page {n}', slug=f'child-{n}'))
print(home.get_children().count(), 'child pages')
")
        (cd "$project" && DJANGO_SETTINGS_MODULE=stocksite.settings.production \
            "$BIN/python" manage.py collectstatic --noinput >/dev/null)
        touch "$project/.ready"
    fi
    # not in a subshell: the cleanup must know its process id
    gunicorn_on "$STOCK_PORT" "stocksite.wsgi --chdir $project" \
        DJANGO_SETTINGS_MODULE=stocksite.settings.production
}

nginx_static() {  # nginx serving a file of the page's size
    local body=$1
    mkdir -p "$WORK/nginx/html"
    cp "$body" "$WORK/nginx/html/page.html"
    cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    open_file_cache max=1000 inactive=60s;  # as the stack's nginx serves the mirror
    open_file_cache_valid 1s;
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/nginx/html; }
}
CONF
    nginx -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
    PIDS+=($!)
}

main() {
    bash "$ROOT/tools/system-packages.sh" wrk nginx curl
    mkdir -p "$WORK"
    bash "$ROOT/tools/stack.sh" status >/dev/null || bash "$ROOT/tools/stack.sh" up
    eval "$(bash "$ROOT/tools/stack.sh" env)"
    cd "$ROOT"
    local item
    item=$("$BIN/python" manage.py shell -c "
from catalog.models import DisclosureItemPage
from wagtail.models import Site
site = Site.objects.get(hostname='$HOST')
page = DisclosureItemPage.objects.live().descendant_of(site.root_page).order_by('pk').first()
print(page.url_path.removeprefix(site.root_page.url_path.rstrip('/')))" | tail -n 1)
    local page="${BENCH_PATH:-$item}"
    curl -fsS -H "Host: $HOST" "http://127.0.0.1:$STACK_PORT$page" -o "$WORK/page.html"
    log "page $HOST$page, $(stat -c %s "$WORK/page.html") bytes; wrk ${CONNECTIONS} connections, ${DURATION} s each"

    nginx_static "$WORK/page.html"
    stock_wagtail
    gunicorn_on "$UNCACHED_PORT" cluster.wsgi PAGECACHE_ENABLED=false
    gunicorn_on "$CACHED_PORT" cluster.wsgi
    wait_http "http://127.0.0.1:$NGINX_PORT/page.html" localhost
    wait_http "http://127.0.0.1:$STOCK_PORT/child-100/" localhost
    wait_http "http://127.0.0.1:$UNCACHED_PORT/healthz" localhost
    wait_http "http://127.0.0.1:$CACHED_PORT/healthz" localhost

    printf '%-38s %10s %9s %9s\n' "server" "req/s" "p50" "p99"
    run_wrk "nginx static file (same size)" "http://127.0.0.1:$NGINX_PORT/page.html" localhost
    run_wrk "stock Wagtail 8, child page" "http://127.0.0.1:$STOCK_PORT/child-100/" localhost
    run_wrk "this project, uncached" "http://127.0.0.1:$UNCACHED_PORT$page" "$HOST"
    run_wrk "this project, Redis page cache" "http://127.0.0.1:$CACHED_PORT$page" "$HOST"
    run_wrk "this project, through Varnish" "http://127.0.0.1:$STACK_CACHE_PORT$page" "$HOST"
    run_wrk "this project, nginx + static mirror" "http://127.0.0.1:$STACK_PORT$page" "$HOST"

    log "publish visible through the cache within 2 s?"
    "$BIN/python" "$ROOT/tools/publish_visible.py" --host "$HOST" --port "$STACK_PORT"
}

main "$@"
