#!/usr/bin/env bash
# Local backing services for development and CI: PostgreSQL, Redis and
# Elasticsearch 8, all on loopback.
#
# Usage: tools/services.sh up|down|status|env
#
#   up      Install what is missing and start everything; idempotent, a step
#           whose service already answers is skipped. Needs root (apt-get,
#           useradd, runuser), as on the project's Debian 12 machines.
#   down    Stop all three services.
#   status  One line per service on stdout; exit status 1 if any is down.
#   env     Print export lines for the test settings, e.g.
#           eval "$(tools/services.sh env)"
#
# Services:
#   PostgreSQL     127.0.0.1:5432, Debian package `postgresql`, cluster <ver>/main.
#                  Role govcms/govcms (LOGIN CREATEDB, so Django can create
#                  test databases), database govcms in UTF8.
#   Redis          127.0.0.1:6379, Debian package `redis-server`, no persistence.
#   Elasticsearch  127.0.0.1:9200, the integ-test zip distribution from Maven
#                  Central (the only place we can fetch ES from), fetched with
#                  Maven into ~/.m2 and unpacked under var/services/.
#                  It runs on the system JDK 17 as user govcms-es because ES
#                  refuses to run as root. Security is off, single node.
#
# The integ-test distribution is a minimal Elasticsearch: its only modules
# are transport-netty4, x-pack-core, x-pack-security and apm. Consequences:
#   - no rest-root: GET / and HEAD / answer 405, so the Python client's
#     ping() is False and info() raises; use /_cluster/health instead.
#   - no analysis-common: custom analyzers can only use the standard tokenizer
#     and the lowercase/stop filters (no ngram, edge_ngram, asciifolding, cjk,
#     synonym), so Wagtail's default index settings are rejected. Built-in
#     analyzers standard, simple, whitespace, stop and keyword work; standard
#     splits Chinese into single characters, whitespace suits jieba-split text.
#   - no reindex (delete_by_query, update_by_query), painless, mapper-extras
#     (search_as_you_type) or ingest-common (pipeline processors).
#
# Overrides (environment): GOVCMS_SERVICES_DIR (default <repo>/var/services),
# ES_JAVA_HOME (default: the system OpenJDK 17, else 21), ES_HEAP (default 512m: the test data
# is small; size it to the index for large data sets, e.g. 2g at 1,000,000 items, and keep
# the rest of the memory for the file system cache, which Elasticsearch relies on).
set -euo pipefail

ES_VERSION=8.19.21
ES_ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
ES_USER=govcms-es
ES_URL=http://127.0.0.1:9200
ES_START_TIMEOUT=120

PG_PORT=5432
PG_ROLE=govcms
PG_PASSWORD=govcms
PG_DB=govcms

REDIS_PORT=6379

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SERVICES_DIR=${GOVCMS_SERVICES_DIR:-$ROOT/var/services}
# Fallback for Elasticsearch when govcms-es cannot reach SERVICES_DIR, e.g. a
# clone under /root (mode 700).
ES_FALLBACK_DIR=/var/lib/govcms-es

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

now_ms() { date +%s%3N; }

# timed LABEL CMD...: run CMD and log how long it took.
timed() {
    local label=$1 start
    shift
    start=$(now_ms)
    "$@"
    local ms=$(($(now_ms) - start))
    log "$label: done in $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s"
}

need_root() {
    [[ $EUID -eq 0 ]] || die "'$1' needs root (apt-get, useradd, runuser)"
}

APT_UPDATED=
apt_install() {
    if [[ -z $APT_UPDATED ]]; then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        APT_UPDATED=1
    fi
    log "apt-get install $*"
    # LANG=C.UTF-8 makes the cluster that the postgresql package creates UTF8.
    DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 LC_ALL=C.UTF-8 \
        apt-get install -y -qq --no-install-recommends "$@" >&2
}

# ---------------------------------------------------------------- PostgreSQL

pg_ready() { pg_isready -q -h 127.0.0.1 -p "$PG_PORT" 2>/dev/null; }

# Succeeds when govcms can log in over TCP with its password and may create
# databases.
pg_login_ok() {
    local createdb
    createdb=$(PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 psql -X -q -tA \
        -h 127.0.0.1 -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DB" \
        -c 'SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user' 2>/dev/null) || return 1
    [[ $createdb == t ]]
}

# Prints "<version> <port> <status>" of the newest cluster named main.
pg_main_cluster() {
    command -v pg_lsclusters >/dev/null || return 0
    pg_lsclusters -h 2>/dev/null | awk '$2 == "main" {print $1, $3, $4}' | sort -V | tail -n 1
}

pg_server_installed() {
    command -v pg_ctlcluster >/dev/null && compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null
}

# Runs psql as the postgres superuser over the local socket.
pg_super() {
    (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres "$@")
}

pg_ensure_hba() {
    local ver=$1 hba
    hba=/etc/postgresql/$ver/main/pg_hba.conf
    [[ -f $hba ]] || return 0
    if grep -Eq "^[[:space:]]*host[[:space:]]+all[[:space:]]+(all|$PG_ROLE)[[:space:]]+127\.0\.0\.1/32[[:space:]]+(md5|scram-sha-256)" "$hba"; then
        return 0
    fi
    log "postgresql: adding a password rule for 127.0.0.1 to $hba"
    # Rules are matched in order, so it goes before the first existing one.
    sed -i "0,/^[[:space:]]*[a-z]/s//host    all             $PG_ROLE          127.0.0.1\/32            scram-sha-256\n&/" "$hba"
    pg_super -c 'SELECT pg_reload_conf()' >/dev/null
}

pg_ensure_role_and_db() {
    pg_super <<SQL
DO \$\$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
        CREATE ROLE $PG_ROLE;
    END IF;
END
\$\$;
ALTER ROLE $PG_ROLE WITH LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
SQL
    if [[ $(pg_super -tA -c "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'") != 1 ]]; then
        log "postgresql: creating database $PG_DB"
        pg_super -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE ENCODING 'UTF8' TEMPLATE template0"
    fi
    local enc
    enc=$(pg_super -tA -c "SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = 'template1'")
    if [[ $enc != UTF8 ]]; then
        # Django creates test databases from template1; they must hold Chinese text.
        log "postgresql: template1 is $enc, recreating it as UTF8"
        pg_super <<'SQL'
UPDATE pg_database SET datistemplate = false WHERE datname = 'template1';
DROP DATABASE template1;
CREATE DATABASE template1 WITH TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8';
UPDATE pg_database SET datistemplate = true WHERE datname = 'template1';
SQL
    fi
}

postgres_up() {
    if pg_ready && pg_login_ok; then
        log "postgresql: already answering on 127.0.0.1:$PG_PORT"
        return 0
    fi
    pg_server_installed || apt_install postgresql

    local cluster ver port
    cluster=$(pg_main_cluster)
    if [[ -z $cluster ]]; then
        ver=$(compgen -G '/usr/lib/postgresql/*/bin/postgres' | awk -F/ '{print $5}' | sort -V | tail -n 1)
        log "postgresql: creating cluster $ver/main"
        pg_createcluster --encoding=UTF8 --locale=C.UTF-8 --port="$PG_PORT" "$ver" main >&2
        cluster=$(pg_main_cluster)
    fi
    read -r ver port _ <<<"$cluster"
    [[ $port == "$PG_PORT" ]] || die "cluster $ver/main listens on port $port, expected $PG_PORT"

    if ! pg_ready; then
        log "postgresql: starting cluster $ver/main"
        pg_ctlcluster --skip-systemctl-redirect "$ver" main start >&2
        for _ in $(seq 1 30); do
            pg_ready && break
            sleep 1
        done
        pg_ready || die "postgresql did not come up; see /var/log/postgresql/postgresql-$ver-main.log"
    fi
    pg_ensure_hba "$ver"
    pg_ensure_role_and_db
    pg_login_ok || die "postgresql: $PG_ROLE cannot log in at 127.0.0.1:$PG_PORT with its password"
    log "postgresql: $ver/main ready at 127.0.0.1:$PG_PORT"
}

postgres_down() {
    local ver status
    read -r ver _ status <<<"$(pg_main_cluster)"
    if [[ -n ${ver:-} && $status == online* ]]; then
        log "postgresql: stopping cluster $ver/main"
        pg_ctlcluster --skip-systemctl-redirect "$ver" main stop >&2
    else
        log "postgresql: not running"
    fi
}

postgres_status() {
    local ver
    read -r ver _ <<<"$(pg_main_cluster)"
    if ! pg_ready; then
        echo "postgresql     down"
        return 1
    fi
    if pg_login_ok; then
        echo "postgresql     up    127.0.0.1:$PG_PORT cluster ${ver:-?}/main, login $PG_ROLE ok"
    else
        echo "postgresql     up    127.0.0.1:$PG_PORT cluster ${ver:-?}/main, login $PG_ROLE FAILED"
        return 1
    fi
}

# --------------------------------------------------------------------- Redis

redis_ping() { [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]; }

redis_up() {
    if redis_ping; then
        log "redis: already answering on 127.0.0.1:$REDIS_PORT"
        return 0
    fi
    command -v redis-server >/dev/null || apt_install redis-server
    local dir=$SERVICES_DIR/redis
    mkdir -p "$dir"
    log "redis: starting"
    # No snapshots: this is a throwaway broker/cache for development and tests.
    redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" \
        --dir "$dir" --logfile "$dir/redis.log" --pidfile "$dir/redis.pid" --save '' >&2
    for _ in $(seq 1 50); do
        redis_ping && break
        sleep 0.2
    done
    redis_ping || { tail -n 20 "$dir/redis.log" >&2 || true; die "redis did not come up"; }
    log "redis: ready at 127.0.0.1:$REDIS_PORT"
}

redis_down() {
    if redis_ping; then
        log "redis: shutting down"
        redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    else
        log "redis: not running"
    fi
}

redis_status() {
    if redis_ping; then
        local v
        v=$(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" info server | tr -d '\r' | sed -n 's/^redis_version://p')
        echo "redis          up    127.0.0.1:$REDIS_PORT redis $v"
    else
        echo "redis          down"
        return 1
    fi
}

# ------------------------------------------------------------- Elasticsearch

es_health() { curl -sf -m 5 "$ES_URL/_cluster/health" 2>/dev/null; }
es_answers() { es_health | grep -q '"status":"\(green\|yellow\)"'; }

# Where ES lives: under SERVICES_DIR unless the ES user cannot get there.
es_base_dir() {
    local d=$SERVICES_DIR
    while [[ ! -e $d ]]; do d=$(dirname "$d"); done
    if id "$ES_USER" >/dev/null 2>&1 && ! runuser -u "$ES_USER" -- test -x "$d"; then
        echo "$ES_FALLBACK_DIR"
    else
        echo "$SERVICES_DIR"
    fi
}
es_home() { echo "$(es_base_dir)/elasticsearch-$ES_VERSION"; }

es_pid() {
    local pidfile
    pidfile=$(es_home)/elasticsearch.pid
    [[ -f $pidfile ]] || return 1
    local pid
    pid=$(<"$pidfile")
    [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

es_java_home() {
    if [[ -n ${ES_JAVA_HOME:-} ]]; then
        echo "$ES_JAVA_HOME"
        return
    fi
    local d
    for d in /usr/lib/jvm/java-17-openjdk-* /usr/lib/jvm/java-21-openjdk-*; do
        [[ -x $d/bin/java ]] && { echo "$d"; return; }
    done
    apt_install openjdk-17-jre-headless
    for d in /usr/lib/jvm/java-17-openjdk-*; do
        [[ -x $d/bin/java ]] && { echo "$d"; return; }
    done
    die "no JDK 17 found under /usr/lib/jvm"
}

es_fetch() {
    local home=$1 base
    base=$(dirname "$home")
    if [[ -f $home/.unpacked ]]; then
        log "elasticsearch: $ES_VERSION already unpacked in $home"
        return 0
    fi
    command -v mvn >/dev/null || apt_install maven
    command -v unzip >/dev/null || apt_install unzip
    local dl=$base/downloads
    log "elasticsearch: fetching $ES_ARTIFACT with Maven"
    mkdir -p "$dl"
    if ! mvn -q -B dependency:copy -Dartifact="$ES_ARTIFACT" -DoutputDirectory="$dl" \
        >"$dl/mvn.log" 2>&1; then
        cat "$dl/mvn.log" >&2
        die "elasticsearch: Maven could not fetch $ES_ARTIFACT"
    fi
    log "elasticsearch: unpacking into $home"
    rm -rf "$home" "$base/unpack.tmp"
    unzip -q "$dl/elasticsearch-$ES_VERSION.zip" -d "$base/unpack.tmp"
    mv "$base/unpack.tmp/elasticsearch-$ES_VERSION" "$home"
    rm -rf "$base/unpack.tmp" "$dl"
    touch "$home/.unpacked"
}

es_configure() {
    local home=$1
    cat >"$home/config/elasticsearch.yml" <<'YAML'
# Written by tools/services.sh; local development and tests only.
cluster.name: govcms-dev
discovery.type: single-node
network.host: 127.0.0.1
http.port: 9200
xpack.security.enabled: false
xpack.ml.enabled: false
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
YAML
    chown -R "$ES_USER:$ES_USER" "$home"
}

es_fail() {
    local home=$1
    tail -n 20 "$home/logs/startup.out" >&2 2>/dev/null || true
    tail -n 40 "$home/logs/govcms-dev.log" >&2 2>/dev/null || true
    die "$2"
}

elasticsearch_up() {
    id "$ES_USER" >/dev/null 2>&1 ||
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$ES_USER"
    local base home java_home
    base=$(es_base_dir)
    [[ $base == "$SERVICES_DIR" ]] ||
        log "elasticsearch: $ES_USER cannot reach $SERVICES_DIR, using $base"
    mkdir -p "$base"
    chmod 755 "$base"
    home=$(es_home)
    # Unpacked even when another checkout's node already answers: the fault tests
    # (tests/faults/) start private nodes from this installation.
    timed "elasticsearch: fetch" es_fetch "$home"
    if es_answers; then
        log "elasticsearch: already answering at $ES_URL"
        return 0
    fi
    java_home=$(es_java_home)

    # The launcher (-d) only returns once the node has started; it runs in the
    # background so that we can show progress and enforce the timeout.
    local launcher='' waited=0
    if ! es_pid >/dev/null; then
        es_configure "$home"
        log "elasticsearch: starting $ES_VERSION with $java_home"
        rm -f "$home/elasticsearch.pid"
        (cd "$home" && exec runuser -u "$ES_USER" -- env \
            ES_JAVA_HOME="$java_home" ES_JAVA_OPTS="-Xms${ES_HEAP:-512m} -Xmx${ES_HEAP:-512m}" \
            "$home/bin/elasticsearch" -d -p "$home/elasticsearch.pid") >"$home/logs/startup.out" 2>&1 &
        launcher=$!
    else
        log "elasticsearch: process $(es_pid) is running, waiting for it"
    fi

    until es_answers; do
        if [[ -n $launcher ]] && ! kill -0 "$launcher" 2>/dev/null; then
            wait "$launcher" || es_fail "$home" "elasticsearch failed to start"
            launcher=''
        fi
        if [[ -z $launcher ]] && ! es_pid >/dev/null; then
            es_fail "$home" "elasticsearch exited during startup"
        fi
        ((waited < ES_START_TIMEOUT)) ||
            es_fail "$home" "elasticsearch did not answer within ${ES_START_TIMEOUT}s"
        ((waited % 10 != 0)) || log "elasticsearch: waiting for $ES_URL (${waited}s)"
        sleep 2
        waited=$((waited + 2))
    done
    [[ -z $launcher ]] || wait "$launcher" || true
    log "elasticsearch: ready at $ES_URL"
}

elasticsearch_down() {
    local pid
    if ! pid=$(es_pid); then
        if es_answers; then
            log "elasticsearch: answers at $ES_URL but was not started by this script; left alone"
        else
            log "elasticsearch: not running"
        fi
        return 0
    fi
    log "elasticsearch: stopping pid $pid"
    kill "$pid"
    for _ in $(seq 1 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        log "elasticsearch: still running after 30s, killing"
        kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$(es_home)/elasticsearch.pid"
}

elasticsearch_status() {
    local health version
    if ! health=$(es_health); then
        echo "elasticsearch  down"
        return 1
    fi
    # GET / is not served: the integ-test distribution lacks the rest-root module.
    version=$(curl -sf -m 5 "$ES_URL/_nodes/_local?filter_path=nodes.*.version" |
        sed -n 's/.*"version":"\([^"]*\)".*/\1/p')
    echo "elasticsearch  up    $ES_URL elasticsearch ${version:-?}, cluster $(sed -n 's/.*"status":"\([a-z]*\)".*/\1/p' <<<"$health")"
}

# ---------------------------------------------------------------------- main

cmd_up() {
    need_root up
    local start
    start=$(now_ms)
    timed "postgresql" postgres_up
    timed "redis" redis_up
    timed "elasticsearch" elasticsearch_up
    local ms=$(($(now_ms) - start))
    log "all services up in $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s"
}

cmd_down() {
    need_root down
    elasticsearch_down
    redis_down
    postgres_down
}

cmd_status() {
    local rc=0
    postgres_status || rc=1
    redis_status || rc=1
    elasticsearch_status || rc=1
    return $rc
}

cmd_env() {
    cat <<EOF
export DATABASE_URL=\${DATABASE_URL:-postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$PG_PORT/$PG_DB}
export CELERY_BROKER_URL=\${CELERY_BROKER_URL:-redis://127.0.0.1:$REDIS_PORT/0}
export REDIS_URL=\${REDIS_URL:-redis://127.0.0.1:$REDIS_PORT/1}
export ELASTICSEARCH_URL=\${ELASTICSEARCH_URL:-$ES_URL}
EOF
}

case ${1:-} in
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *)
        echo "usage: $0 up|down|status|env" >&2
        exit 2
        ;;
esac
