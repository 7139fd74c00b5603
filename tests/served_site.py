"""The site served by gunicorn in a process of its own, as in production, for tests of what it does
when a service is missing."""

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request

from django.conf import settings

from tests.ports import free_port


def fetch(url):
    """(status, headers, body) of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def serve_without_database(folder):
    """Yields the address of the site served with a database that cannot be opened (under ``folder``)."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": f"sqlite:///{folder}/missing/db.sqlite3",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "config.wsgi:application",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(60):
        try:
            urllib.request.urlopen(f"{base}/healthz/", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    yield base
    server.terminate()
    server.wait(timeout=10)
