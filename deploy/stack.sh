#!/usr/bin/env bash
# The production shape on one machine, on loopback ports: PostgreSQL, Redis, the OpenSearch node,
# the S3 server, a mail sink, Varnish in front, and under supervisord (deploy/supervisord.conf) two
# app servers (two gunicorn instances), the task worker and the scheduler, each restarted on its
# own when it exits. Behind `make stack` / `make stack-stop`.
#
#   deploy/stack.sh start              start everything, migrate, seed the demo if empty, print the front URL
#   deploy/stack.sh stop               stop everything this script started
#   deploy/stack.sh env                print the stack's environment (to run manage.py against it)
#   deploy/stack.sh ctl ARGS...        supervisorctl for the stack's processes (status, pid worker, ...)
#   deploy/stack.sh service NAME start|stop
#                                      one shared service: postgres, redis, search, s3 or mail
#
# Everything lives under var/stack/ (ignored by git): logs in var/stack/logs/ (one per process,
# appended to), the mail sink's in var/stack/mail.log; the environment is written to
# var/stack/stack.env, which tests of the production shape read (tests/test_stack.py).
#
# Ports (docs/deployment.md): STACK_APP_PORT (8001, and the next one), STACK_REDIS_PORT (6390),
# STACK_MAIL_PORT (1025), VARNISH_PORT (6081), OPENSEARCH_PORT (9250), S3_PORT (8333).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var/stack"
ENV_FILE="$VAR/stack.env"
VENV_BIN="$ROOT/.venv/bin"
REDIS_PORT="${STACK_REDIS_PORT:-6390}"
MAIL_PORT="${STACK_MAIL_PORT:-1025}"
APP_PORT="${STACK_APP_PORT:-8001}"  # app servers on APP_PORT and APP_PORT+1
DATABASE="${STACK_DATABASE:-egf_stack}"
S3_BUCKET="${STACK_BUCKET:-egf-stack}"
export PATH="$VENV_BIN:$PATH"

say() { echo "stack: $*"; }
die() { echo "stack: $*" >&2; exit 1; }

wait_for() {  # wait_for URL SECONDS
    for _ in $(seq 1 "$2"); do
        curl -fs -o /dev/null --max-time 2 "$1" && return 0
        sleep 1
    done
    return 1
}

postgres_version() { ls /usr/lib/postgresql | sort -V | tail -n 1; }

start_postgres() {
    pg_isready -q -h 127.0.0.1 -p 5432 && return 0
    [ "$(id -u)" = 0 ] || die "PostgreSQL is not running on 127.0.0.1:5432 (start it, or run as root)"
    local version
    version=$(postgres_version)
    pg_lsclusters -h | grep -q "^${version} main" || pg_createcluster "$version" main >/dev/null
    pg_ctlcluster "$version" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && return 0; sleep 1; done
    die "PostgreSQL did not start"
}

stop_postgres() {
    [ "$(id -u)" = 0 ] || die "stopping PostgreSQL needs root"
    pg_ctlcluster "$(postgres_version)" main stop
}

create_database() {
    [ "$(id -u)" = 0 ] || return 0  # otherwise the role and database are expected to exist
    su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'egf') THEN
    CREATE ROLE egf LOGIN PASSWORD 'egf' CREATEDB;
  END IF;
END $$;
SQL
    su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"" | grep -q 1 \
        || su postgres -c "createdb -O egf $DATABASE"
}

start_redis() {
    mkdir -p "$VAR/redis"
    redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0
    command -v redis-server >/dev/null || die "redis-server not found (apt-get install redis-server)"
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$VAR/redis" --save "" --appendonly no \
        --daemonize yes --pidfile "$VAR/redis/redis.pid" --logfile "$VAR/redis/redis.log"
    for _ in $(seq 1 20); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.5; done
    die "Redis did not start"
}

write_env() {
    mkdir -p "$VAR"
    local secret
    secret=$(grep -s '^SECRET_KEY=' "$ENV_FILE" | cut -d= -f2- || true)
    [ -n "$secret" ] || secret=$(python -c 'import secrets; print(secrets.token_urlsafe(60))')
    cat >"$ENV_FILE" <<EOF
DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY=$secret
ALLOWED_HOSTS=127.0.0.1,localhost
DATABASE_URL=postgres://egf:egf@127.0.0.1:5432/$DATABASE
REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
OPENSEARCH_URL=http://127.0.0.1:${OPENSEARCH_PORT:-9250}
SEARCH_INDEX_PREFIX=egf_stack_
AWS_STORAGE_BUCKET_NAME=$S3_BUCKET
AWS_S3_ENDPOINT_URL=http://127.0.0.1:${S3_PORT:-8333}
AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID:-egf-local}
AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY:-egf-local-secret}
AWS_S3_REGION_NAME=us-east-1
AWS_S3_ADDRESSING_STYLE=path
EMAIL_URL=smtp://127.0.0.1:$MAIL_PORT
EMAIL_TIMEOUT=5
SCHEDULER_INTERVAL=${STACK_SCHEDULER_INTERVAL:-5}
TRUSTED_PROXIES=127.0.0.1
SECURE_SSL_REDIRECT=false
SECURE_COOKIES=false
SECURE_HSTS_SECONDS=0
STATIC_ROOT=$VAR/static
STACK_APP_URLS=http://127.0.0.1:$APP_PORT,http://127.0.0.1:$((APP_PORT + 1))
STACK_FRONT_URL=http://127.0.0.1:${VARNISH_PORT:-6081}
SITE_BASE_URL=http://127.0.0.1:${VARNISH_PORT:-6081}
FRONTEND_CACHE_PURGE_URL=http://127.0.0.1:${VARNISH_PORT:-6081}
WEB_CONCURRENCY=${STACK_WEB_CONCURRENCY:-2}
EOF
}

manage() { (set -a; . "$ENV_FILE"; set +a; cd "$ROOT" && python manage.py "$@"); }

# What deploy/supervisord.conf reads besides the site's settings.
supervisor_env() {
    export EGF_RUN_DIR="$VAR" EGF_LOG_DIR="$VAR/logs" WEB_PORT="$APP_PORT" WEB_SERVERS=2
}

ctl() { (supervisor_env; supervisorctl -c "$ROOT/deploy/supervisord.conf" "$@"); }

supervisor_running() { [ -f "$VAR/supervisord.pid" ] && kill -0 "$(cat "$VAR/supervisord.pid")" 2>/dev/null; }

start_apps() {
    mkdir -p "$VAR/logs"
    if supervisor_running; then
        ctl update >/dev/null  # a changed deploy/supervisord.conf: its programs restarted
        ctl start all >/dev/null || true  # any process stopped by hand, or given up on
    else
        # supervisord detaches itself; its programs inherit this environment (the stack's settings).
        (set -a; . "$ENV_FILE"; set +a; supervisor_env; cd "$ROOT" && supervisord -c deploy/supervisord.conf)
    fi
    for port in "$APP_PORT" "$((APP_PORT + 1))"; do
        wait_for "http://127.0.0.1:$port/healthz/" 60 || {
            tail -n 40 "$VAR/logs/web-$port.log" >&2
            die "app server :$port did not start"
        }
    done
}

start_mail_sink() {
    if [ -f "$VAR/mail.pid" ] && kill -0 "$(cat "$VAR/mail.pid")" 2>/dev/null; then return 0; fi
    nohup python -u -m aiosmtpd -n -l "127.0.0.1:$MAIL_PORT" </dev/null >>"$VAR/mail.log" 2>&1 &
    echo $! >"$VAR/mail.pid"
}

start_varnish() {
    VARNISH_BACKENDS="127.0.0.1:$APP_PORT,127.0.0.1:$((APP_PORT + 1))" "$ROOT/deploy/varnish/run.sh" start
}

stop_pidfile() {  # stop_pidfile FILE NAME [SECONDS]
    [ -f "$1" ] || return 0
    local pid
    pid=$(cat "$1")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 1 $((${3:-15} * 2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        say "$2 stopped"
    fi
    rm -f "$1"
}

service() {  # service NAME start|stop
    case "$1 ${2:-}" in
    "postgres start") start_postgres ;;
    "postgres stop") stop_postgres ;;
    "redis start") start_redis ;;
    "redis stop") redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 && say "Redis stopped" ;;
    "search start" | "search stop") "$ROOT/search/engine/run.sh" "$2" ;;
    "s3 start" | "s3 stop") AWS_STORAGE_BUCKET_NAME="$S3_BUCKET" "$ROOT/deploy/s3/run.sh" "$2" ;;
    "mail start") start_mail_sink ;;
    "mail stop") stop_pidfile "$VAR/mail.pid" "mail sink" ;;
    *) die "usage: $0 service postgres|redis|search|s3|mail start|stop" ;;
    esac
}

case "${1:-}" in
start)
    start_postgres
    create_database
    start_redis
    service search start
    service s3 start
    write_env
    start_mail_sink
    say "migrating, compiling translations, collecting static files"
    manage migrate --noinput -v 0
    manage compile_translations
    manage collectstatic --noinput -v 0
    # Varnish first, so that the purges seeding sends are taken (it answers 503 until the apps are up).
    start_varnish
    DEMO_APP=true manage seed_demo --articles "${STACK_ARTICLES:-200}"
    manage update_index
    DEMO_APP=true manage create_demo_admin
    start_apps
    # Varnish routes to an app server once its probe has passed a few times.
    wait_for "http://127.0.0.1:${VARNISH_PORT:-6081}/en/" 60 || die "Varnish does not reach the app servers"
    say "up: front (Varnish) http://127.0.0.1:${VARNISH_PORT:-6081}/ ; app servers :$APP_PORT and :$((APP_PORT + 1))"
    say "environment in $ENV_FILE; logs in $VAR/logs; processes: $0 ctl status; stop with make stack-stop"
    ;;
stop)
    "$ROOT/deploy/varnish/run.sh" stop || true
    # supervisord stops its programs first, each within its stopwaitsecs.
    stop_pidfile "$VAR/supervisord.pid" "app servers, worker and scheduler" 90
    service mail stop
    if [ -f "$VAR/redis/redis.pid" ]; then service redis stop || true; fi
    service s3 stop || true
    service search stop || true
    ;;
env)
    cat "$ENV_FILE"
    ;;
ctl)
    shift
    ctl "$@"
    ;;
service)
    shift
    service "$@"
    ;;
*)
    echo "usage: $0 start|stop|env|ctl ARGS|service NAME start|stop" >&2
    exit 2
    ;;
esac
