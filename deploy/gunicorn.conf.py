"""gunicorn settings for every app server (`gunicorn -c deploy/gunicorn.conf.py config.wsgi`).

Worker class gthread: each process serves several requests at once on threads, so one request
waiting on the database, the search engine or object storage does not hold the whole process.
Slow clients never reach gunicorn: Varnish (or nginx) in front buffers requests and responses.
Processes default to 2 per core plus one, the usual figure for a Django site that spends most of
its time waiting on I/O; WEB_CONCURRENCY overrides it (e.g. on a machine shared with the worker).
"""

import ctypes
import multiprocessing
import os
import signal
import sys

from gunicorn.http import wsgi as gunicorn_wsgi

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A request running longer than this is killed and logged: no page should take 30 s.
timeout = 30
graceful_timeout = 30
keepalive = 5
# No max_requests recycling: under load a recycled worker drops its kept-alive connections, which
# the proxy in front sees as errors; restart the processes with each deployment instead.
accesslog = "-"
errorlog = "-"
# No control socket (gunicornc): nothing uses it, and two servers on one machine would share its
# default path (~/.gunicorn/gunicorn.ctl), each taking it from the other.
control_socket_disable = True
# Only the proxy in front may say which address a request came from (see TRUSTED_PROXIES).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# gunicorn has no setting for its "Server: gunicorn" header, which tells a prober what runs here and
# in which version to look for holes: drop it from every response.
_default_headers = gunicorn_wsgi.Response.default_headers


def _headers_without_server(response):
    return [line for line in _default_headers(response) if not line.startswith("Server:")]


gunicorn_wsgi.Response.default_headers = _headers_without_server


def post_fork(server, worker):
    """A worker goes with its master. When the master is killed outright (kill -9, the OOM killer),
    its workers would otherwise finish their kept-alive connections for up to graceful_timeout,
    holding the port the restarted master must bind; meanwhile that server answers nothing. Linux
    kills them at once instead; the proxy sends their unanswered requests to another server."""
    if sys.platform.startswith("linux"):
        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
