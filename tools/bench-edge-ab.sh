#!/usr/bin/env bash
# Is the gap between the HTTP cache and nginx our VCL's or the engine's? Run alone, after
# `make stack`: the same page, BENCH_DURATION (20 s) of wrk (2 threads, 32 connections) per
# line, two rounds (smoke check: BENCH_DURATION=2):
#   nginx-tuned     : as in tools/bench-stack.sh (2 workers, sendfile, no access log)
#   nginx-debian    : Debian's shipped nginx.conf settings (access log, gzip, tcp_nopush)
#   varnish-stack   : the stack's varnishd (deploy/varnish/default.vcl)
#   varnish-builtin : a second varnishd with default parameters and the builtin VCL in front
#                     of the stack's gunicorn
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PAGE=${BENCH_PATH:-/xxgk/fdzdgknr/qtzdgk/gkyd/}
HOST=${BENCH_HOST:-fgw.localhost}
STACK_PORT=${STACK_PORT:-8080}
STACK_APP_PORT=${STACK_APP_PORT:-8000}
WORK=$ROOT/var/bench-edge-ab
rm -rf "$WORK" && mkdir -p "$WORK/html"
bash "$ROOT/tools/system-packages.sh" wrk nginx curl varnish
curl -fsS -H "Host: $HOST" "http://127.0.0.1:$STACK_PORT$PAGE" -o "$WORK/html/page.html"
cat >"$WORK/tuned.conf" <<CONF
worker_processes 2;
pid $WORK/tuned.pid;
error_log $WORK/tuned-error.log;
events { worker_connections 1024; }
http { access_log off; sendfile on; server { listen 127.0.0.1:18091; root $WORK/html; } }
CONF
cat >"$WORK/debian.conf" <<CONF
worker_processes auto;
pid $WORK/debian.pid;
error_log $WORK/debian-error.log;
events { worker_connections 768; }
http {
    sendfile on; tcp_nopush on; types_hash_max_size 2048;
    include /etc/nginx/mime.types; default_type application/octet-stream;
    access_log $WORK/access.log; gzip on;
    server { listen 127.0.0.1:18092; root $WORK/html; }
}
CONF
nginx -c "$WORK/tuned.conf"
nginx -c "$WORK/debian.conf"
varnishd -n "$WORK/varnish" -P "$WORK/varnish.pid" -a 127.0.0.1:6091 -T 127.0.0.1:6092 \
    -b "127.0.0.1:$STACK_APP_PORT" -s malloc,256m
trap 'kill $(cat "$WORK"/*.pid) 2>/dev/null || true' EXIT
sleep 3
LINES=("nginx-tuned 18091/page.html" "nginx-debian 18092/page.html"
    "varnish-stack $STACK_PORT$PAGE" "varnish-builtin 6091$PAGE")
for line in "${LINES[@]}"; do  # warm: the second request of each is a hit
    set -- $line
    curl -fsS -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$2"
    curl -fsS -o /dev/null -H "Host: $HOST" "http://127.0.0.1:$2"
done
echo "page $HOST$PAGE, $(stat -c %s "$WORK/html/page.html") bytes"
for round in 1 2; do
    for line in "${LINES[@]}"; do
        set -- $line
        load=$(cut -d' ' -f1-3 /proc/loadavg)  # before the run
        rps=$(wrk -t2 -c32 -d"${BENCH_DURATION:-20}s" -H "Host: $HOST" "http://127.0.0.1:$2" | awk '/Requests\/sec/ {print $2}')
        echo "round $round $1 load $load: $rps requests/s"
    done
done
