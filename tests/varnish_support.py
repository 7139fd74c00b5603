"""A real varnishd for the page cache tests, started with deploy/varnish/run.sh on 127.0.0.1.

``Varnish`` starts one instance (its own ports and working folder) in front of given backends
and speaks plain HTTP to it; ``proxy_request`` goes through its PROXY-protocol listener, which
lets a test appear to come from another address. ``EchoBackend`` is a small app server that
answers what it was asked (and /healthz/), for tests of the VCL alone. ``RecordingBackend`` is a
Wagtail front-end cache backend that writes down what it was told to purge.
"""

import http.client
import json
import os
import shutil
import socket
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from wagtail.contrib.frontend_cache.backends import BaseBackend

from tests.ports import free_port

ROOT = Path(__file__).resolve().parent.parent
RUN_SH = ROOT / "deploy" / "varnish" / "run.sh"
VARNISHD = os.environ.get("VARNISHD") or shutil.which("varnishd") or "/usr/sbin/varnishd"
TIMEOUT = 10  # seconds for any one request


def varnishd_available():
    return os.access(VARNISHD, os.X_OK) and shutil.which("curl") is not None


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # http.client.HTTPMessage: case-insensitive, get_all() for repeats
        self.body = body

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    @property
    def cache(self):
        return self.headers.get("X-Cache")

    def json(self):
        return json.loads(self.body)


def _read(conn_or_sock, method):
    response = http.client.HTTPResponse(conn_or_sock, method=method)
    response.begin()
    body = response.read()
    return Response(response.status, response.msg, body)


class Varnish:
    """One varnishd, started and stopped with deploy/varnish/run.sh."""

    def __init__(self, workdir, backends, *, purge_acl="127.0.0.1,::1", probe_interval=1):
        self.port = free_port()
        self.proxy_port = free_port()
        self.env = {
            **os.environ,
            "VARNISHD": VARNISHD,
            "VARNISH_DIR": str(workdir),
            "VARNISH_LISTEN": f"127.0.0.1:{self.port}",
            "VARNISH_ADMIN": f"127.0.0.1:{free_port()}",
            "VARNISH_PROXY_LISTEN": f"127.0.0.1:{self.proxy_port}",
            "VARNISH_BACKENDS": ",".join(backends),
            "VARNISH_PURGE_ACL": purge_acl,
            "VARNISH_PROBE_INTERVAL": str(probe_interval),
            "VARNISH_STORAGE": "malloc,64m",
            "VARNISH_START_TIMEOUT": "20",
        }
        self.url = f"http://127.0.0.1:{self.port}"

    def run(self, command):
        return subprocess.run(
            [str(RUN_SH), command], env=self.env, capture_output=True, text=True, timeout=60, check=False
        )

    def start(self):
        result = self.run("start")
        if result.returncode != 0:
            raise RuntimeError(f"varnish did not start:\n{result.stdout}\n{result.stderr}")
        return self

    def stop(self):
        result = self.run("stop")
        if result.returncode != 0:
            raise RuntimeError(f"varnish did not stop cleanly:\n{result.stdout}\n{result.stderr}")

    def request(self, method, path, headers=None, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Response(response.status, response.msg, response.read())
        finally:
            conn.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def proxy_request(self, source_ip, method, path, headers=None):
        """A request that reaches Varnish through its PROXY listener, as if from source_ip."""
        lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Connection: close"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        proxy = f"PROXY TCP4 {source_ip} 127.0.0.1 40000 {self.proxy_port}\r\n"
        with socket.create_connection(("127.0.0.1", self.proxy_port), timeout=TIMEOUT) as sock:
            sock.sendall((proxy + "\r\n".join(lines) + "\r\n\r\n").encode())
            return _read(sock, method)

    def ban_everything(self):
        response = self.request("BAN", "/")
        assert response.status == 200, response.status

    def backend_health(self):
        result = subprocess.run(
            ["varnishadm", "-n", f"{self.env['VARNISH_DIR']}/work", "backend.list"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        return result.stdout


class EchoBackend:
    """An app server on 127.0.0.1 that answers with what it received, as JSON.

    Paths: /healthz/ answers "ok"; anything under /set-cookie/ is public but sets a cookie;
    /private/ says private; everything else is public for 60 s. Each answer names the backend;
    ``requests`` keeps what each request brought, its body included."""

    def __init__(self, name):
        self.name = name
        self.requests = []
        backend = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                sent = self.rfile.read(length) if length else b""
                if self.path.startswith("/healthz/"):
                    body, cache_control, cookie = b"ok", "private, no-cache", None
                else:
                    backend.requests.append(
                        {"method": self.command, "path": self.path, "body": sent, **self.headers}
                    )
                    body = json.dumps(
                        {"backend": backend.name, "method": self.command, "path": self.path, **self.headers}
                    ).encode()
                    cookie = (
                        "sessionid=someone-else; Path=/" if self.path.startswith("/set-cookie/") else None
                    )
                    private = self.path.startswith("/private/")
                    cache_control = "private, no-cache" if private else "public, max-age=60, s-maxage=60"
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", cache_control)
                self.send_header("X-Backend", backend.name)
                if cookie:
                    self.send_header("Set-Cookie", cookie)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)

            do_GET = do_HEAD = do_POST = _answer

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.address = f"127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class RecordingBackend(BaseBackend):
    """A front-end cache that writes down the URLs it is told to purge (and subtrees to drop)."""

    purged = []
    subtrees = []

    def purge(self, url):
        RecordingBackend.purged.append(url)

    def purge_subtrees(self, urls):
        RecordingBackend.subtrees.extend(urls)

    @classmethod
    def reset(cls):
        cls.purged.clear()
        cls.subtrees.clear()
