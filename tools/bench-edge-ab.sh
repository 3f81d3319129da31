#!/usr/bin/env bash
# The HTTP cache against nginx serving the same bytes as a static file, page by page. Run alone,
# after `make stack`. For each page (BENCH_PAGES: "host path" pairs; the portal home, a catalog
# list and an item page by default) and each round (BENCH_ROUNDS, 3), every server is measured
# in turn with wrk (2 threads, 32 connections, BENCH_DURATION s, 10 by default), so the servers
# share the machine's ups and downs; the summary gives each page's median ratio over the rounds.
#   nginx-tuned     : 2 workers, sendfile, open file cache, no access log (the static-file
#                     limit; the open file cache as the stack's nginx has it)
#   nginx-debian    : Debian's shipped nginx.conf settings (access log, gzip, tcp_nopush)
#   stack-mirror    : the stack's front, as visitors reach it: nginx (deploy/nginx/govcms.conf)
#                     answering from the static mirror the application wrote
#   varnish-stack   : the stack's varnishd (deploy/varnish/default.vcl), straight
#   varnish-builtin : a second varnishd with default parameters and the builtin VCL in front
#                     of the stack's gunicorn (is a gap our VCL's or the engine's?)
#   nginx-cache     : nginx's own proxy cache (2 workers, no access log) in front of the stack's
#                     gunicorn, keyed by host and URL (what another engine's hit costs)
# Smoke check: BENCH_DURATION=1 BENCH_ROUNDS=1.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACK_PORT=${STACK_PORT:-8080}
STACK_CACHE_PORT=${STACK_CACHE_PORT:-6081}
STACK_APP_PORT=${STACK_APP_PORT:-8000}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-10}
PAGES=${BENCH_PAGES:-"localhost / fgw.localhost /xxgk/fdzdgknr/ fgw.localhost /xxgk/fdzdgknr/qtzdgk/gkyd/"}
WORK=$ROOT/var/bench-edge-ab
rm -rf "$WORK" && mkdir -p "$WORK/html"
bash "$ROOT/tools/system-packages.sh" wrk nginx curl varnish
cat >"$WORK/tuned.conf" <<CONF
worker_processes 2;
pid $WORK/tuned.pid;
error_log $WORK/tuned-error.log;
events { worker_connections 1024; }
http {
    access_log off; sendfile on;
    open_file_cache max=1000 inactive=60s; open_file_cache_valid 1s;
    server { listen 127.0.0.1:18091; root $WORK/html; }
}
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
cat >"$WORK/cache.conf" <<CONF
worker_processes 2;
pid $WORK/cache.pid;
error_log $WORK/cache-error.log;
events { worker_connections 1024; }
http {
    access_log off; sendfile on;
    proxy_cache_path $WORK/nginx-cache levels=1:2 keys_zone=pages:10m inactive=1h use_temp_path=off;
    upstream app { server 127.0.0.1:$STACK_APP_PORT; keepalive 8; }
    server {
        listen 127.0.0.1:18093;
        location / {
            proxy_pass http://app; proxy_http_version 1.1;
            proxy_set_header Connection ""; proxy_set_header Host \$host;
            proxy_cache pages; proxy_cache_key \$host\$request_uri; proxy_cache_valid 200 1h;
            proxy_ignore_headers Cache-Control Expires Vary; proxy_hide_header xkey;
        }
    }
}
CONF
nginx -c "$WORK/tuned.conf"
nginx -c "$WORK/cache.conf"
nginx -c "$WORK/debian.conf"
varnishd -n "$WORK/varnish" -P "$WORK/varnish.pid" -a 127.0.0.1:6091 -T 127.0.0.1:6092 \
    -b "127.0.0.1:$STACK_APP_PORT" -s malloc,256m
trap 'kill $(cat "$WORK"/*.pid) 2>/dev/null || true' EXIT
sleep 3

rate() {  # rate HOST URL: wrk's requests/s
    wrk -t2 -c32 -d"${DURATION}s" -H "Host: $1" "$2" | awk '/Requests\/sec/ {print $2}'
}
set -- $PAGES
n=0
while [ $# -ge 2 ]; do
    host=$1 path=$2; shift 2; n=$((n + 1))
    curl -fsS -H "Host: $host" "http://127.0.0.1:$STACK_PORT$path" -o "$WORK/html/$n.html"
    # warm each server: the first request fills it, the second is a hit
    for url in "$STACK_PORT$path" "$STACK_CACHE_PORT$path" "6091$path" "18093$path"; do
        curl -fsS -o /dev/null -H "Host: $host" "http://127.0.0.1:$url"
        curl -fsS -o /dev/null -H "Host: $host" "http://127.0.0.1:$url"
    done
    echo "page $n: $host$path, $(stat -c %s "$WORK/html/$n.html") bytes"
    echo "$n $host $path" >>"$WORK/pages"
done
for round in $(seq "$ROUNDS"); do
    while read -r n host path; do
        for line in "nginx-tuned 18091/$n.html" "nginx-debian 18092/$n.html" \
            "stack-mirror $STACK_PORT$path" \
            "varnish-stack $STACK_CACHE_PORT$path" "varnish-builtin 6091$path" \
            "nginx-cache 18093$path"; do
            set -- $line
            load=$(cut -d' ' -f1-3 /proc/loadavg)  # before the run
            rps=$(rate "$host" "http://127.0.0.1:$2")
            echo "round $round page $n $1 load $load: $rps requests/s"
            echo "$n $round $1 $rps" >>"$WORK/rates"
        done
    done <"$WORK/pages"
done
echo "== median over $ROUNDS rounds of each page's ratio to nginx-tuned (same round)"
python3 - "$WORK/rates" "$WORK/pages" <<'PY'
import statistics, sys
rates = {}
for line in open(sys.argv[1]):
    page, rnd, server, rps = line.split()
    rates[page, rnd, server] = float(rps)
for line in open(sys.argv[2]):
    page, host, path = line.split()
    rounds = sorted({r for p, r, _ in rates if p == page})
    cells = []
    for server in ("nginx-debian", "stack-mirror", "varnish-stack", "varnish-builtin", "nginx-cache"):
        ratios = [rates[page, r, server] / rates[page, r, "nginx-tuned"] for r in rounds]
        cells.append(f"{server} {100 * statistics.median(ratios):.1f} %")
    nginx = statistics.median(rates[page, r, "nginx-tuned"] for r in rounds)
    print(f"{host}{path}: nginx-tuned {nginx:,.0f}/s; " + "; ".join(cells))
PY
