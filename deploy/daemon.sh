# Shared by the run.sh scripts of the local services (search engine, S3 server, Varnish): a
# background process known by its pid file. Sourced; the script sets PIDFILE and defines say()
# and its own marker (a string its process's command line holds) in DAEMON_MARKER.

# Prints the pid if the pid file names a live process whose command line holds DAEMON_MARKER.
running_pid() {
    [ -f "$PIDFILE" ] || return 1
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null || true)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$DAEMON_MARKER" || return 1
    echo "$pid"
}

# stop_daemon SECONDS: SIGTERM, wait up to SECONDS for a clean exit, then SIGKILL.
stop_daemon() {
    local pid i
    if ! pid="$(running_pid)"; then
        say "not running"
        rm -f "$PIDFILE"
        return 0
    fi
    say "stopping pid $pid ..."
    kill -TERM "$pid"
    for i in $(seq 1 $(( $1 * 10 ))); do
        kill -0 "$pid" 2>/dev/null || { rm -f "$PIDFILE"; say "stopped"; return 0; }
        sleep 0.1
    done
    say "still running after $1s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$PIDFILE"
    return 1
}
