#!/usr/bin/env bash
# Local single-node OpenSearch for the EGF site's tests and development.
#
#   search/engine/run.sh start    build if needed, start in the background, wait for yellow/green
#   search/engine/run.sh stop     clean shutdown (SIGTERM), wait for the process to exit
#   search/engine/run.sh status   is it running, and the cluster health
#   search/engine/run.sh restart | build
#
# Environment:
#   OPENSEARCH_PORT            HTTP port on 127.0.0.1 (default 9250)
#   OPENSEARCH_TRANSPORT_PORT  transport port on 127.0.0.1 (default 9350)
#   OPENSEARCH_DIR             data/pid/log folder (default search/engine/var)
#   OPENSEARCH_JAVA_OPTS       JVM options (default -Xms512m -Xmx512m)
#   OPENSEARCH_START_TIMEOUT   seconds to wait for the node (default 120)
#   JAVA_HOME                  Java 17+ to use (default: java on PATH)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${OPENSEARCH_PORT:-9250}"
TRANSPORT_PORT="${OPENSEARCH_TRANSPORT_PORT:-9350}"
VAR="${OPENSEARCH_DIR:-$HERE/var}"
JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx512m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-120}"
PIDFILE="$VAR/opensearch.pid"
LOGFILE="$VAR/opensearch.log"
MAIN_CLASS="org.egf.search.Engine"
URL="http://127.0.0.1:$PORT"
if [ -n "${JAVA_HOME:-}" ]; then JAVA="$JAVA_HOME/bin/java"; else JAVA="java"; fi

say() { echo "opensearch: $*"; }
die() { echo "opensearch: $*" >&2; exit 1; }

DAEMON_MARKER="$MAIN_CLASS"
# shellcheck source=/dev/null
. "$HERE/../../deploy/daemon.sh"

health() {
    curl -s --max-time "${1:-5}" "$URL/_cluster/health?wait_for_status=yellow&timeout=${2:-1s}" || true
}

# The last lines written by the current run (the log file is appended to).
log_tail() {
    echo "--- last lines of $LOGFILE:" >&2
    local from
    from="$(grep -n '^=== .* start: ' "$LOGFILE" | tail -n 1 | cut -d: -f1)"
    tail -n "+${from:-1}" "$LOGFILE" | tail -n 40 >&2
}

healthy() { grep -qE '"status" *: *"(green|yellow)"' <<<"$1"; }

build() {
    command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
    say "building (mvn -q -B package) ..."
    # (sed: Maven 3.8's -q still prints stray ANSI reset codes)
    (cd "$HERE" && mvn -q -B package 2>&1 | sed 's/\x1b\[[0-9;]*m//g') || die "build failed"
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid) on $URL"
        return 0
    fi
    if curl -s --max-time 2 -o /dev/null "$URL"; then
        die "port $PORT is already answering, but not with our node (set OPENSEARCH_PORT)"
    fi
    if [ ! -f "$HERE/target/engine.jar" ] || [ ! -d "$HERE/target/lib" ] \
        || [ "$HERE/pom.xml" -nt "$HERE/target/engine.jar" ] \
        || [ -n "$(find "$HERE/src" -newer "$HERE/target/engine.jar" -print -quit)" ]; then
        build
    fi
    "$JAVA" -version >/dev/null 2>&1 || die "no java found (need Java 17+)"

    mkdir -p "$VAR"
    rm -f "$PIDFILE"
    local started
    started="$(date +%s)"
    echo "=== $(date -Is) start: port $PORT, transport $TRANSPORT_PORT, dir $VAR" >>"$LOGFILE"
    # setsid: detach from the caller's session/process group; the inner shell
    # writes its own pid and then becomes java (exec), so the pid file is exact.
    # shellcheck disable=SC2086
    setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PIDFILE" \
        "$JAVA" $JAVA_OPTS -Dfile.encoding=UTF-8 -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
        -cp "$HERE/target/lib/*:$HERE/target/engine.jar" "$MAIN_CLASS" "$VAR" "$PORT" "$TRANSPORT_PORT" \
        </dev/null >>"$LOGFILE" 2>&1 &

    local deadline=$((started + START_TIMEOUT)) out=""
    while :; do
        if [ -f "$PIDFILE" ] && ! running_pid >/dev/null; then
            log_tail
            rm -f "$PIDFILE"
            die "the node exited during startup"
        fi
        out="$(health 65 60s)"
        # Healthy counts only while our own node is alive: another node that came up on the port
        # meanwhile must not pass for ours (ours then fails to bind and exits, reported above).
        if healthy "$out" && running_pid >/dev/null; then
            say "up on $URL in $(( $(date +%s) - started ))s (pid $(cat "$PIDFILE")): $out"
            return 0
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            log_tail
            [ -n "$out" ] && echo "--- health: $out" >&2
            cmd_stop >&2 || true
            die "not healthy after ${START_TIMEOUT}s"
        fi
        sleep 1
    done
}

cmd_stop() { stop_daemon 30; }

cmd_status() {
    local pid out
    if pid="$(running_pid)"; then
        out="$(health 5 1s)"
        say "running (pid $pid) on $URL: ${out:-no answer on HTTP}"
        healthy "$out"
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
