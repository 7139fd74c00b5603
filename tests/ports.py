"""Loopback ports for the servers tests start (gunicorn, Varnish, SMTP)."""

import socket


def free_port():
    """A port nothing listens on now; the caller's server takes it a moment later."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
