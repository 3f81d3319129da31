#!/usr/bin/env bash
# CPU time a server spends per request, from its own processes' counters: less sensitive to a
# busy machine than a rate. Used to ask where the cache tier's gap to nginx is (BENCHMARKS.md).
#   tools/bench-cpu-per-request.sh LABEL URL HOST PID...
# PID: the server's processes (their direct children are added: varnishd's cache child, nginx's
# workers). wrk runs BENCH_DURATION seconds (10) with 2 threads and 32 connections.
set -euo pipefail
label=$1 url=$2 host=$3
shift 3
pids=""
for pid in "$@"; do pids="$pids $pid $(pgrep -P "$pid" | tr '\n' ' ')"; done
ticks() {  # user and system ticks of all $pids
    local user=0 system=0
    for pid in $pids; do
        read -r u s < <(cut -d' ' -f14,15 "/proc/$pid/stat")
        user=$((user + u)) system=$((system + s))
    done
    echo "$user $system"
}
before=$(ticks)
out=$(wrk -t2 -c32 -d"${BENCH_DURATION:-10}s" -H "Host: $host" "$url")
after=$(ticks)
requests=$(awk '/requests in/ {print $1}' <<<"$out")
rate=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
python3 - "$label" "$rate" "$requests" "$(getconf CLK_TCK)" $before $after <<'PY'
import sys
label, rate, requests, hz = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
u0, s0, u1, s1 = map(int, sys.argv[5:9])
per = lambda ticks: ticks / hz / requests * 1e6
print(f"{label}: {rate:,.0f} requests/s, CPU per request user {per(u1 - u0):.1f} + sys {per(s1 - s0):.1f} µs")
PY
