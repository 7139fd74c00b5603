"""The servers behind `make bench-pages`: its own Redis and Varnish on loopback ports, the production
environment gunicorn runs under, and waiting for them to answer."""

import os
import secrets
import socket
import string
import subprocess
import time
import urllib.error
import urllib.request

from django.core.management.base import CommandError

HOST = "127.0.0.1"
STARTUP_TIMEOUT = 60
LOG_TAIL_LINES = 60
HTTP_TIMEOUT = 60
VARNISH_PORT_OFFSET = 2  # and the next port for varnishadm


def require_free_port(port):
    """Another server on the port would answer instead of ours; say so before seeding, not after."""
    with socket.socket() as probe:
        if probe.connect_ex((HOST, port)) == 0:
            raise CommandError(f"Port {port} is already in use on {HOST}; choose another with --port.")


def start_redis(bench_dir, port):
    """The benchmark's own Redis, in memory only: production settings refuse to start without one."""
    require_free_port(port)
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly", "no"],
        cwd=bench_dir,
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return redis
        time.sleep(0.2)
    redis.terminate()
    raise CommandError(f"redis-server did not listen on {HOST}:{port}.")


def varnish_environment(bench_dir, port):
    return {
        **os.environ,
        "VARNISH_LISTEN": f"{HOST}:{port + VARNISH_PORT_OFFSET}",
        "VARNISH_ADMIN": f"{HOST}:{port + VARNISH_PORT_OFFSET + 1}",
        "VARNISH_BACKENDS": f"{HOST}:{port}",
        "VARNISH_PROBE_HOST": HOST,
        "VARNISH_DIR": str(bench_dir / "varnish"),
        # run.sh waits for a page through Varnish; on a loaded machine gunicorn's first answer is slow.
        "VARNISH_START_TIMEOUT": "180",
    }


def bench_environment(bench_dir, articles):
    """Production settings with a fresh secret, plain HTTP on loopback, and the benchmark's own data."""
    alphabet = string.ascii_letters + string.digits
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEMO_APP": "true",  # count_page_queries lives in the demo app
        "PYTHONUNBUFFERED": "1",
        "SECRET_KEY": "".join(secrets.choice(alphabet) for _ in range(64)),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # One SQLite file per archive size: seeding only ever adds articles.
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL")
        or f"sqlite:///{bench_dir / f'bench-{articles}.sqlite3'}",
        "MEDIA_ROOT": str(bench_dir / "media"),
        "STATIC_ROOT": str(bench_dir / "static"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECURE_HSTS_SECONDS": "0",
    }


def wait_until_up(server, url, log_path):
    """gunicorn needs a moment to import the project; give up if it dies or never answers."""
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise CommandError(f"gunicorn exited with code {server.returncode}:\n{tail(log_path)}")
        try:
            if fetch(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise CommandError(f"gunicorn did not answer {url} within {STARTUP_TIMEOUT} s:\n{tail(log_path)}")


def tail(path):
    lines = path.read_text(errors="replace").splitlines()
    return "\n".join(lines[-LOG_TAIL_LINES:])


def fetch(url):
    """(status, body) after redirects; error statuses are answers to report, not exceptions."""
    try:
        with urllib.request.urlopen(url, timeout=HTTP_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def fetch_ok(url):
    status, body = fetch(url)
    if status != 200:
        raise CommandError(f"{url} answered {status}, expected 200.")
    return body
