#!/usr/bin/env bash
# The test suite in two profiles. The embedded default (SQLite, in-process tasks, database
# search) runs every test, browser journeys included. The services profile (PostgreSQL, Redis
# + a Celery worker, Elasticsearch 8, which tools/services.sh installs and starts when absent)
# runs the tests marked `services` or `backends`: those whose behaviour depends on the
# database, broker or search engine. Each uses two pytest-xdist workers (PYTEST_WORKERS);
# extra arguments go to both pytest runs. Each run ends with its 25 slowest tests and setups.
# The two profiles run side by side: the services profile starts in the background (the
# servers, on a fresh machine an Elasticsearch download; the PostgreSQL test templates,
# tests/prebuild.py; then its tests, logged to var/test-services.log) while the embedded
# profile runs in front, and its log follows once the embedded profile is done. Alone, each
# leaves part of the two cores idle (its slowest worker's tail, tests waiting for servers to
# start or stop); side by side the suite takes the machine's CPU time, not the sum of both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
WORKERS=(-n "${PYTEST_WORKERS:-2}" --dist loadgroup --durations=25)

echo "== system packages (CJK fonts for PDF letters, Debian chromium for browser tests, Varnish + xkey for the HTTP cache tests)"
bash tools/system-packages.sh fonts-noto-cjk chromium varnish varnish-modules
[ -f tools/browser/node_modules/axe-core/axe.min.js ] ||
    (cd tools/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== lint (ruff)"
$BIN/ruff check .
$BIN/ruff format --check .

mkdir -p var
SERVICES_LOG=var/test-services.log
services_profile() {
    bash tools/services.sh up || { echo "tools/services.sh up failed"; return 1; }
    eval "$(bash tools/services.sh env)"
    export CELERY_RESULT_BACKEND="${CELERY_RESULT_BACKEND:-redis://127.0.0.1:6379/2}"
    # Not fatal: the services profile builds what is missing itself.
    $BIN/python -m tests.prebuild || echo "tests.prebuild failed: the services profile builds its templates"
    echo "== profile: services (PostgreSQL, Redis, Elasticsearch, Varnish)"
    TEST_PROFILE=services $BIN/python -m pytest "${WORKERS[@]}" --basetemp=var/pytest-services \
        -m "(services or backends) and not browser" "$@"
}
echo "== profile: services: starting in the background (log: $SERVICES_LOG, shown after the embedded profile)"
services_profile "$@" >"$SERVICES_LOG" 2>&1 &
SERVICES=$!

echo "== profile: embedded (SQLite, in-process tasks, database search)"
embedded_rc=0
env -u DATABASE_URL -u CELERY_BROKER_URL -u ELASTICSEARCH_URL -u REDIS_URL TEST_PROFILE=embedded \
    $BIN/python -m pytest "${WORKERS[@]}" --basetemp=var/pytest-embedded -m "not services" "$@" ||
    embedded_rc=$?

echo "== profile: services: its log so far, then as it runs ($SERVICES_LOG)"
tail -n +1 -f --pid="$SERVICES" "$SERVICES_LOG"
services_rc=0
wait "$SERVICES" || services_rc=$?
echo "== embedded profile: exit $embedded_rc; services profile: exit $services_rc"
[ "$embedded_rc" -eq 0 ] && [ "$services_rc" -eq 0 ]
