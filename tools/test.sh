#!/usr/bin/env bash
# The whole test suite, twice: on the embedded default (SQLite, in-process tasks, database
# search) and on real services (PostgreSQL, Redis + a Celery worker, Elasticsearch 8), which
# tools/services.sh installs and starts when absent. Extra arguments go to both pytest runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin

# Reply letters (disclosure/letters.py) embed a Noto CJK font from Debian's fonts-noto-cjk.
if [ ! -f /usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc ] && command -v apt-get >/dev/null; then
    apt-get install -y -q fonts-noto-cjk >/dev/null || { apt-get update -q && apt-get install -y -q fonts-noto-cjk; }
fi

echo "== lint (ruff)"
$BIN/ruff check .
$BIN/ruff format --check .

echo "== profile: embedded (SQLite, in-process tasks, database search)"
env -u DATABASE_URL -u CELERY_BROKER_URL -u ELASTICSEARCH_URL -u REDIS_URL \
    $BIN/python -m pytest -m "not services" "$@"

echo "== profile: services (PostgreSQL, Redis, Elasticsearch)"
bash tools/services.sh up
eval "$(bash tools/services.sh env)"
export CELERY_RESULT_BACKEND="${CELERY_RESULT_BACKEND:-redis://127.0.0.1:6379/2}"
$BIN/python -m pytest "$@"
