#!/usr/bin/env bash
# Local S3-compatible object storage (SeaweedFS `weed mini`) for the EGF site's media, tests and CI.
#
#   deploy/s3/run.sh start    build if needed, start in the background, wait for S3, create the bucket
#   deploy/s3/run.sh stop     clean shutdown (SIGTERM), wait for the process to exit
#   deploy/s3/run.sh status   is it running, and does S3 answer
#   deploy/s3/run.sh restart | build
#
# Every port is bound to 127.0.0.1 only; WebDAV, Iceberg, Lance, the admin UI and telemetry are off.
#
# Environment:
#   S3_PORT                    S3 endpoint port (default 8333)
#   S3_MASTER_PORT, S3_VOLUME_PORT, S3_FILER_PORT, S3_ADMIN_PORT
#                              internal HTTP ports (default 9333, 9340, 8888, 12535); SeaweedFS also
#                              listens on each port + 10000 for gRPC
#   S3_DIR                     data/pid/log folder (default var/s3 at the top of the project)
#   S3_WEED                    the weed binary (default $S3_DIR/bin/weed, built from deploy/s3/go.mod)
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
#                              the one (admin) identity (default egf-local / egf-local-secret)
#   AWS_STORAGE_BUCKET_NAME    bucket created at start (default egf-media)
#   S3_START_TIMEOUT           seconds to wait for S3 (default 60)
#   PYTHON                     a Python with boto3 (default .venv/bin/python)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${S3_PORT:-8333}"
MASTER_PORT="${S3_MASTER_PORT:-9333}"
VOLUME_PORT="${S3_VOLUME_PORT:-9340}"
FILER_PORT="${S3_FILER_PORT:-8888}"
ADMIN_PORT="${S3_ADMIN_PORT:-12535}"
VAR="${S3_DIR:-$ROOT/var/s3}"
case "$VAR" in /*) ;; *) VAR="$PWD/$VAR" ;; esac
WEED="${S3_WEED:-$VAR/bin/weed}"
START_TIMEOUT="${S3_START_TIMEOUT:-60}"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
BUCKET="${AWS_STORAGE_BUCKET_NAME:-egf-media}"
export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-egf-local}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-egf-local-secret}"
PIDFILE="$VAR/weed.pid"
LOGFILE="$VAR/weed.log"
URL="http://127.0.0.1:$PORT"

say() { echo "s3: $*"; }
die() { echo "s3: $*" >&2; exit 1; }

DAEMON_MARKER=" mini -dir=$VAR/data "
# shellcheck source=/dev/null
. "$ROOT/deploy/daemon.sh"

# The HTTP status S3 answers on / (403 without credentials), 000 if nothing answers.
s3_answer() {
    curl -s -o /dev/null --max-time "${1:-5}" -w '%{http_code}' "$URL/" || true
}

# What the current run wrote (the log file is appended to).
log_since_start() {
    local from
    from="$(grep -n '^=== .* start: ' "$LOGFILE" | tail -n 1 | cut -d: -f1)"
    tail -n "+${from:-1}" "$LOGFILE"
}

log_tail() {
    echo "--- last lines of $LOGFILE:" >&2
    log_since_start | tail -n 40 >&2
}

build() {
    command -v go >/dev/null || die "go not found (Go 1.26.6+ needed to build SeaweedFS)"
    say "building $WEED with $(go version | cut -d' ' -f3) (first build: several minutes) ..."
    mkdir -p "$(dirname "$WEED")"
    local started
    started="$(date +%s)"
    (cd "$HERE" && go build -trimpath -o "$WEED" github.com/seaweedfs/seaweedfs/weed) || die "build failed"
    say "built in $(( $(date +%s) - started ))s"
}

# Creates the bucket unless it exists; also proves the credentials work.
ensure_bucket() {
    [ -x "$PYTHON" ] || die "no Python at $PYTHON to create the bucket (set PYTHON to one with boto3)"
    S3_URL="$URL" BUCKET="$BUCKET" "$PYTHON" - <<'EOF'
import os, time
import boto3
from botocore.exceptions import ClientError, EndpointConnectionError

s3 = boto3.client("s3", endpoint_url=os.environ["S3_URL"], region_name="us-east-1")
bucket = os.environ["BUCKET"]
for attempt in range(30):
    try:
        try:
            s3.head_bucket(Bucket=bucket)
        except ClientError as error:
            if error.response["ResponseMetadata"]["HTTPStatusCode"] != 404:
                raise
            s3.create_bucket(Bucket=bucket)
        break
    except (ClientError, EndpointConnectionError):
        if attempt == 29:
            raise
        time.sleep(1)
EOF
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid) on $URL"
        ensure_bucket || die "bucket $BUCKET could not be created"
        return 0
    fi
    if [ "$(s3_answer 2)" != "000" ]; then
        die "port $PORT is already answering, but not with our server (set S3_PORT)"
    fi
    if [ ! -x "$WEED" ] || [ "$HERE/go.mod" -nt "$WEED" ] || [ "$HERE/go.sum" -nt "$WEED" ]; then
        build
    fi

    mkdir -p "$VAR/data" "$VAR/log"
    rm -f "$PIDFILE"
    local toml
    for toml in "${HOME:-/nonexistent}"/.seaweedfs/*.toml /usr/local/etc/seaweedfs/*.toml /etc/seaweedfs/*.toml; do
        if [ -e "$toml" ]; then say "note: weed also reads $toml" >&2; fi
    done
    local started
    started="$(date +%s)"
    echo "=== $(date -Is) start: s3 $PORT, master $MASTER_PORT, volume $VOLUME_PORT, filer $FILER_PORT, admin $ADMIN_PORT, dir $VAR/data" >>"$LOGFILE"
    # setsid: detach from the caller's session/process group; the inner shell writes its own pid
    # and then becomes weed (exec), so the pid file is exact. It runs in $VAR, where weed looks for
    # *.toml first; its own log files go to $VAR/log, not /tmp. Ports given explicitly make weed
    # fail (rather than move to another port) when one is taken. The redirections apply to the
    # whole background subshell, which then becomes weed: nothing keeps the caller's stdout open,
    # so `run.sh start | cat` returns once the server is up.
    (cd "$VAR" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
        "$WEED" -logdir="$VAR/log" mini -dir="$VAR/data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
        -s3.port="$PORT" -master.port="$MASTER_PORT" -volume.port="$VOLUME_PORT" \
        -filer.port="$FILER_PORT" -admin.port="$ADMIN_PORT" -admin.port.legacy=0 -admin.ui=false \
        -webdav=false -s3.port.iceberg=0 -s3.port.lance=0 -master.telemetry=false) \
        </dev/null >>"$LOGFILE" 2>&1 &

    local deadline=$((started + START_TIMEOUT))
    while :; do
        if [ -f "$PIDFILE" ] && ! running_pid >/dev/null; then
            log_tail
            rm -f "$PIDFILE"
            die "weed exited during startup"
        fi
        # Ready once the welcome banner is out (every component up) and S3 answers on our port.
        if running_pid >/dev/null && log_since_start | grep -q "S3 Endpoint:" \
            && [ "$(s3_answer 2)" != "000" ]; then
            break
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            log_tail
            cmd_stop >&2 || true
            die "S3 not answering after ${START_TIMEOUT}s"
        fi
        sleep 0.5
    done
    ensure_bucket || { log_tail; die "bucket $BUCKET could not be created"; }
    say "up on $URL in $(( $(date +%s) - started ))s (pid $(cat "$PIDFILE")), bucket $BUCKET, key $AWS_ACCESS_KEY_ID"
}

cmd_stop() { stop_daemon 30; }

cmd_status() {
    local pid code
    if pid="$(running_pid)"; then
        code="$(s3_answer 5)"
        if [ "$code" = "000" ]; then
            say "running (pid $pid), but nothing answers on $URL"
            return 1
        fi
        say "running (pid $pid) on $URL (HTTP $code without credentials)"
    else
        say "not running"
        return 3
    fi
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    restart) cmd_stop; cmd_start ;;
    build) build ;;
    *) echo "usage: $0 start|stop|status|restart|build" >&2; exit 2 ;;
esac
