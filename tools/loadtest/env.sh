# Production settings on loopback for tools/loadtest/run.sh and `bench_pagecache --loopback`.
# Source after exporting DATABASE_URL, REDIS_URL, CELERY_BROKER_URL, ELASTICSEARCH_URL
# (and SEARCH_INDEX_PREFIX) of the services profile.
export DJANGO_SETTINGS_MODULE=cluster.settings.production
export DJANGO_SECRET_KEY="${DJANGO_SECRET_KEY:-loadtest-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-localhost,.localhost,127.0.0.1}"
export CACHE_URL="${CACHE_URL:-$REDIS_URL}"  # rate-limit counters shared by all workers
# The load generator stands in for the TLS reverse proxy: it says the visit came over https
# and names the visitor. Its header is believed only because it connects from 127.0.0.1.
export DJANGO_TRUSTED_PROXIES="${DJANGO_TRUSTED_PROXIES:-127.0.0.1}"
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"
