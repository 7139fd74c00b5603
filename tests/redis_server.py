"""A real redis-server for one test, on a free loopback port in the test's own folder, that the
test can stop, freeze and start again (its saved data, if any, comes back with it); and the
site's Redis cache pointed at it."""

import contextlib
import os
import shutil
import signal
import subprocess
import time

import redis
from django.test import override_settings

from tests.conftest import require_service
from tests.ports import free_port

REDIS_SERVER = os.environ.get("REDIS_SERVER", "/usr/bin/redis-server")


class RedisServer:
    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def start(self):
        """Starts the server, loading what was saved in its folder before."""
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.folder)]
            + ["--save", "", "--appendonly", "no", "--dbfilename", "dump.rdb"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                self.client().ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def stop(self, keep_data=False):
        """Stops the server; ``keep_data`` saves what it holds first, for the next start to load."""
        if keep_data:
            self.client().save()
        self.process.terminate()
        self.process.wait(timeout=10)

    def freeze(self):
        """The process stays, its port accepts connections, but nothing is answered."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def close(self):
        if self.process and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait(timeout=10)


@contextlib.contextmanager
def running_redis(folder):
    require_service(
        shutil.which(REDIS_SERVER) or os.path.exists(REDIS_SERVER), f"no redis-server at {REDIS_SERVER}"
    )
    server = RedisServer(folder)
    server.start()
    try:
        yield server
    finally:
        server.close()


@contextlib.contextmanager
def site_cache_on(server, retry_seconds=0):
    """The site's cache as production configures it, on ``server``. ``retry_seconds`` 0: after a
    failure, the next call already asks Redis again (the test decides when it returns)."""
    caches = {
        "default": {
            "BACKEND": "core.redis_cache.SharedRedisCache",
            "LOCATION": server.url,
            "OPTIONS": {
                "socket_connect_timeout": 0.25,
                "socket_timeout": 0.5,
                "outage_retry_seconds": retry_seconds,
            },
        }
    }
    with override_settings(CACHES=caches):
        yield
