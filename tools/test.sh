#!/usr/bin/env bash
# The test suite in two profiles. The embedded default (SQLite, in-process tasks, database
# search) runs every test, browser journeys included. The services profile (PostgreSQL, Redis
# + a Celery worker, Elasticsearch 8, which tools/services.sh installs and starts when absent)
# runs the tests marked `services` or `backends`: those whose behaviour depends on the
# database, broker or search engine. Both use two pytest-xdist workers (PYTEST_WORKERS,
# SERVICES_WORKERS; a third was slower on two cores); extra arguments go to both pytest runs.
# Each run ends with its 25 slowest tests and setups.
# The services start in the background while the embedded profile runs (on a fresh machine
# that is an Elasticsearch download and two server starts the tests need not wait for), and
# then the PostgreSQL test templates are built (tests/prebuild.py): the migration and the
# demo load the services profile would otherwise run on one worker while the other waits. That
# build runs at a lower priority: it fills the cores' idle moments instead of slowing the
# embedded profile, whose own demo template the browser tests wait for.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OPTIONS=(--dist loadgroup --durations=25)

# The embedded profile's templates (the migrated SQLite database, then the demo) are built from
# here, in the background: the tests that need them wait for their locks (tests/prebuild.py),
# and the build gets a head start of the system packages, the lint and pytest's own start (the
# demo needs no system package). The demo template heads the embedded profile's longest chain
# (the demo modules, then the browser journeys).
EMBEDDED=(env -u DATABASE_URL -u CELERY_BROKER_URL -u ELASTICSEARCH_URL -u REDIS_URL)
mkdir -p var
PREBUILD_LOG=var/prebuild-embedded.log
"${EMBEDDED[@]}" $BIN/python -m tests.prebuild >"$PREBUILD_LOG" 2>&1 &
PREBUILD=$!

echo "== system packages (CJK fonts for PDF letters, Debian chromium for browser tests, Varnish + xkey and nginx for the HTTP cache and static mirror tests)"
bash tools/system-packages.sh fonts-noto-cjk chromium varnish varnish-modules nginx
[ -f tools/browser/node_modules/axe-core/axe.min.js ] ||
    (cd tools/browser && npm ci --no-audit --no-fund --loglevel=error)

echo "== lint (ruff)"
$BIN/ruff check .
$BIN/ruff format --check .

SERVICES_LOG=var/services-up.log
services_and_templates() {
    bash tools/services.sh up || return
    eval "$(bash tools/services.sh env)"
    # Not fatal: the services profile builds what is missing itself.
    nice -n 10 $BIN/python -m tests.prebuild || echo "tests.prebuild failed: the services profile builds its templates"
}
echo "== services and their test templates: starting in the background (log: $SERVICES_LOG)"
services_and_templates >"$SERVICES_LOG" 2>&1 &
SERVICES_UP=$!

echo "== profile: embedded (SQLite, in-process tasks, database search)"
"${EMBEDDED[@]}" $BIN/python -m pytest -n "${PYTEST_WORKERS:-2}" "${OPTIONS[@]}" -m "not services" "$@"

wait "$PREBUILD" || echo "(the background template build failed, and the tests built them: $PREBUILD_LOG)"

echo "== profile: services (PostgreSQL, Redis, Elasticsearch, Varnish)"
services_rc=0
wait "$SERVICES_UP" || services_rc=$?
cat "$SERVICES_LOG"
[ "$services_rc" -eq 0 ] || { echo "tools/services.sh up failed (exit $services_rc)" >&2; exit "$services_rc"; }
eval "$(bash tools/services.sh env)"
export CELERY_RESULT_BACKEND="${CELERY_RESULT_BACKEND:-redis://127.0.0.1:6379/2}"
$BIN/python -m pytest -n "${SERVICES_WORKERS:-2}" "${OPTIONS[@]}" \
    -m "(services or backends) and not browser" "$@"
