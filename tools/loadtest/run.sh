#!/usr/bin/env bash
# Load test: gunicorn (production settings) on 127.0.0.1 against PostgreSQL + Redis +
# Elasticsearch with the demo cluster loaded, driven by locust headless. Bounded: USERS
# concurrent visitors (default 200) for RUN_TIME (default 5m). Writes var/loadtest/.
#   export DATABASE_URL=... REDIS_URL=... CELERY_BROKER_URL=... ELASTICSEARCH_URL=... SEARCH_INDEX_PREFIX=...
#   .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo   (once)
#   bash tools/loadtest/run.sh
# Through the HTTP cache of `make stack` instead of a gunicorn of its own:
#   eval "$(tools/stack.sh env)"; LOADTEST_TARGET=http://127.0.0.1:8080 bash tools/loadtest/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=.venv/bin
: "${DATABASE_URL:?set DATABASE_URL (PostgreSQL)}" "${REDIS_URL:?set REDIS_URL}"
: "${ELASTICSEARCH_URL:?set ELASTICSEARCH_URL}" "${CELERY_BROKER_URL:?set CELERY_BROKER_URL}"
USERS="${USERS:-200}" RUN_TIME="${RUN_TIME:-5m}" SPAWN_RATE="${SPAWN_RATE:-20}"
PORT="${PORT:-8765}" WORKERS="${WORKERS:-2}" THREADS="${THREADS:-8}"
OUT=var/loadtest
mkdir -p "$OUT"
source tools/loadtest/env.sh
[ -x $BIN/locust ] || $BIN/pip install --quiet -e '.[bench]'

TARGET="${LOADTEST_TARGET:-http://127.0.0.1:$PORT}"
$BIN/python manage.py collectstatic --noinput -v0  # production settings serve hashed static files
$BIN/python manage.py clear_pagecache
if [ -n "${LOADTEST_TARGET:-}" ]; then
    SERVER=""
else
$BIN/python -m gunicorn cluster.wsgi --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --worker-class gthread --threads "$THREADS" --log-level warning &
SERVER=$!
fi
trap '[ -n "$SERVER" ] && kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 60); do
    curl -fsS -o /dev/null -H "Host: localhost" -H "X-Forwarded-Proto: https" "$TARGET/" && break
    sleep 1
done

echo "== locust: $USERS users, $RUN_TIME, gunicorn $WORKERS workers x $THREADS threads on 127.0.0.1:$PORT"
$BIN/locust -f tools/loadtest/locustfile.py --headless --users "$USERS" --spawn-rate "$SPAWN_RATE" \
    --run-time "$RUN_TIME" --stop-timeout 10 --host "$TARGET" \
    --csv "$OUT/result" --only-summary --loglevel WARNING || true
$BIN/python tools/loadtest/summary.py "$OUT/result"
