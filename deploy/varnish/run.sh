#!/usr/bin/env bash
# Varnish page cache in front of the EGF app servers, for development, tests and a plain server.
#
#   deploy/varnish/run.sh start     render the VCL, start varnishd in the background, wait until it answers
#   deploy/varnish/run.sh stop      clean shutdown (SIGTERM), wait for the process to exit
#   deploy/varnish/run.sh status    is it running, and the health of each backend
#   deploy/varnish/run.sh restart
#   deploy/varnish/run.sh render    print the VCL this environment gives (e.g. for /etc/varnish/)
#
# Environment:
#   VARNISH_LISTEN          address:port readers (and Wagtail's purges) connect to
#                           (default 127.0.0.1:$VARNISH_PORT, VARNISH_PORT default 6081)
#   VARNISH_ADMIN           management interface, varnishadm
#                           (default 127.0.0.1:$VARNISH_ADMIN_PORT, VARNISH_ADMIN_PORT default 6082)
#   VARNISH_PROXY_LISTEN    optional second address:port speaking the PROXY protocol, for a TLS
#                           terminator such as hitch or haproxy (default: none)
#   VARNISH_BACKENDS        app servers, comma-separated host:port, served round-robin and probed on
#                           /healthz/serve/ (default 127.0.0.1:8000), e.g. 127.0.0.1:8001,127.0.0.1:8002
#   VARNISH_PURGE_ACL       addresses or networks allowed to PURGE and BAN, comma-separated
#                           (default 127.0.0.1,::1), e.g. 10.0.0.11,10.0.0.12 or 10.0.0.0/24
#   VARNISH_PROBE_HOST      Host header of the health probe: one of ALLOWED_HOSTS (default localhost)
#   VARNISH_PROBE_INTERVAL  seconds between probes of each backend (default 5)
#   VARNISH_STORAGE         cache storage (default malloc,256m)
#   VARNISH_DIR             working folder: varnishd's -n directory, pid, log, rendered VCL
#                           (default var/varnish)
#   VARNISH_START_TIMEOUT   seconds to wait for varnishd to answer (default 30)
#   VARNISHD                the varnishd binary (default: varnishd on PATH, else /usr/sbin/varnishd)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
LISTEN="${VARNISH_LISTEN:-127.0.0.1:${VARNISH_PORT:-6081}}"
ADMIN="${VARNISH_ADMIN:-127.0.0.1:${VARNISH_ADMIN_PORT:-6082}}"
PROXY_LISTEN="${VARNISH_PROXY_LISTEN:-}"
BACKENDS="${VARNISH_BACKENDS:-127.0.0.1:8000}"
PURGE_ACL="${VARNISH_PURGE_ACL:-127.0.0.1,::1}"
PROBE_HOST="${VARNISH_PROBE_HOST:-localhost}"
PROBE_INTERVAL="${VARNISH_PROBE_INTERVAL:-5}"
STORAGE="${VARNISH_STORAGE:-malloc,256m}"
VAR="${VARNISH_DIR:-$ROOT/var/varnish}"
START_TIMEOUT="${VARNISH_START_TIMEOUT:-30}"
TEMPLATE="$HERE/default.vcl"
if [ -n "${VARNISHD:-}" ]; then :; elif command -v varnishd >/dev/null; then VARNISHD=varnishd; else VARNISHD=/usr/sbin/varnishd; fi
VARNISHADM="${VARNISHADM:-varnishadm}"

case "$VAR" in /*) ;; *) VAR="$ROOT/$VAR" ;; esac
WORKDIR="$VAR/work"
PIDFILE="$VAR/varnishd.pid"
LOGFILE="$VAR/varnishd.log"
VCL="$VAR/default.vcl"
URL="http://$LISTEN"

say() { echo "varnish: $*"; }
die() { echo "varnish: $*" >&2; exit 1; }

DAEMON_MARKER="-n $WORKDIR "
# shellcheck source=/dev/null
. "$ROOT/deploy/daemon.sh"

# "host:port" or "[v6]:port" -> "host port"
split_address() {
    local item="$1" host port
    port="${item##*:}"
    host="${item%:*}"
    host="${host#[}"
    host="${host%]}"
    [[ "$port" =~ ^[0-9]+$ ]] && [ -n "$host" ] || die "not a host:port: '$item'"
    echo "$host $port"
}

# The VCL block between "# BEGIN BACKENDS" and "# END BACKENDS": probe, backends, director, ACL.
backend_block() {
    [[ "$PROBE_INTERVAL" =~ ^[0-9]+$ ]] || die "VARNISH_PROBE_INTERVAL must be whole seconds"
    local host_re='^[][A-Za-z0-9.:_-]+$'
    [[ "$PROBE_HOST" =~ $host_re ]] || die "VARNISH_PROBE_HOST is not a host name: '$PROBE_HOST'"
    cat <<EOF
# BEGIN BACKENDS
# Rendered by deploy/varnish/run.sh: VARNISH_BACKENDS=$BACKENDS VARNISH_PURGE_ACL=$PURGE_ACL
probe healthz {
    .request =
        "GET /healthz/serve/ HTTP/1.1"
        "Host: $PROBE_HOST"
        "X-Forwarded-Proto: https"
        "User-Agent: varnish-probe"
        "Connection: close";
    .interval = ${PROBE_INTERVAL}s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 3;
}
EOF
    local item parts host port n=0 names=()
    IFS=',' read -r -a items <<<"$BACKENDS"
    for item in "${items[@]}"; do
        item="${item// /}"
        [ -n "$item" ] || continue
        parts="$(split_address "$item")" || exit 1
        read -r host port <<<"$parts"
        n=$((n + 1))
        names+=("app$n")
        cat <<EOF

backend app$n {
    .host = "$host";
    .port = "$port";
    .probe = healthz;
    .connect_timeout = 2s;
    .first_byte_timeout = 35s;
    .between_bytes_timeout = 35s;
}
EOF
    done
    [ "$n" -gt 0 ] || die "VARNISH_BACKENDS names no backend"
    echo
    echo "acl purgers {"
    IFS=',' read -r -a items <<<"$PURGE_ACL"
    for item in "${items[@]}"; do
        item="${item// /}"
        [ -n "$item" ] || continue
        [[ "$item" =~ ^[0-9A-Fa-f.:]+(/[0-9]+)?$ ]] || die "not an address or network in VARNISH_PURGE_ACL: '$item'"
        if [[ "$item" == */* ]]; then
            echo "    \"${item%/*}\"/${item##*/};"
        else
            echo "    \"$item\";"
        fi
    done
    echo "}"
    echo
    echo "sub vcl_init {"
    echo "    new app = directors.round_robin();"
    for item in "${names[@]}"; do
        echo "    app.add_backend($item);"
    done
    echo "}"
    echo "# END BACKENDS"
}

render() {
    local block
    block="$(backend_block)"
    grep -q '^# BEGIN BACKENDS$' "$TEMPLATE" && grep -q '^# END BACKENDS$' "$TEMPLATE" \
        || die "$TEMPLATE has no BEGIN/END BACKENDS block"
    BLOCK="$block" awk '
        /^# BEGIN BACKENDS$/ { print ENVIRON["BLOCK"]; skipping = 1; next }
        /^# END BACKENDS$/ { skipping = 0; next }
        !skipping { print }
    ' "$TEMPLATE"
}

cmd_start() {
    local pid
    if pid="$(running_pid)"; then
        say "already running (pid $pid) on $URL"
        return 0
    fi
    command -v "$VARNISHD" >/dev/null || die "varnishd not found (apt-get install varnish)"
    if curl -s --max-time 2 -o /dev/null "$URL/"; then
        die "$LISTEN is already answering, but not with our varnishd (set VARNISH_LISTEN)"
    fi
    mkdir -p "$VAR"
    rm -f "$PIDFILE"
    render >"$VCL.new"
    mv "$VCL.new" "$VCL"
    local listen_args=(-a "$LISTEN")
    # As root, varnishd reads its VCL and working folder as the varnish user; when those lie in a
    # folder only root may enter (a private clone, a CI checkout), it runs without that jail.
    local jail_args=()
    if [ "$(id -u)" = 0 ] && ! su -s /bin/sh nobody -c "test -r '$VCL'" 2>/dev/null; then jail_args=(-j none); fi
    if [ -n "$PROXY_LISTEN" ]; then listen_args+=(-a "$PROXY_LISTEN,PROXY"); fi
    echo "=== $(date -Is) start: $LISTEN (admin $ADMIN${PROXY_LISTEN:+, PROXY $PROXY_LISTEN}), backends $BACKENDS" >>"$LOGFILE"
    # varnishd compiles the VCL, starts its child and then detaches; -P writes the manager's pid.
    if ! "$VARNISHD" -n "$WORKDIR" "${jail_args[@]}" "${listen_args[@]}" -T "$ADMIN" -f "$VCL" -s "$STORAGE" \
        -P "$PIDFILE" </dev/null >>"$LOGFILE" 2>&1; then
        tail -n 30 "$LOGFILE" >&2
        die "varnishd did not start (rendered VCL: $VCL)"
    fi

    local started deadline
    started="$(date +%s)"
    deadline=$((started + START_TIMEOUT))
    while :; do
        if running_pid >/dev/null && curl -s --max-time 2 -o /dev/null "$URL/healthz/"; then
            say "up on $URL (pid $(cat "$PIDFILE")), backends $BACKENDS"
            return 0
        fi
        if [ "$(date +%s)" -ge "$deadline" ]; then
            tail -n 30 "$LOGFILE" >&2
            cmd_stop >&2 || true
            die "not answering after ${START_TIMEOUT}s"
        fi
        sleep 0.2
    done
}

cmd_stop() { stop_daemon 15; }

cmd_status() {
    local pid
    if pid="$(running_pid)"; then
        say "running (pid $pid) on $URL"
        "$VARNISHADM" -n "$WORKDIR" backend.list 2>/dev/null || true
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
    render) render ;;
    *) echo "usage: $0 start|stop|status|restart|render" >&2; exit 2 ;;
esac
