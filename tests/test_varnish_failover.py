"""Varnish in front of two app servers when one of them dies: readers must not see it.

The health probe notices a dead server only after a few failed probes (seconds); until then,
a request Varnish sends to it gets no answer. deploy/varnish/default.vcl sends such a request
again to the next server, forms included, so the reader gets the page (or the thank-you page).
"""

import os
import shutil
import socket
import tempfile
import threading

import pytest

from tests.conftest import require_service
from tests.varnish_support import VARNISHD, EchoBackend, Varnish, varnishd_available


class HangingUpServer:
    """A server killed in the middle of each request: it reads the request, then closes the
    connection without a word (the probe's own request included: it never saw an answer)."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.address = f"127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # closed
            with connection:
                connection.settimeout(2)
                try:
                    connection.recv(65536)
                except OSError:
                    pass

    def stop(self):
        self.listener.close()


@pytest.fixture
def varnish_before():
    """Starts Varnish before the given servers, with probes too rare to notice anything."""
    require_service(varnishd_available(), f"varnishd not found at {VARNISHD} (apt-get install varnish)")
    folder = tempfile.mkdtemp(prefix="egf-varnish-")  # readable by the varnish user, unlike tmp_path
    os.chmod(folder, 0o755)
    started = []

    def start(addresses):
        started.append(Varnish(folder, addresses, probe_interval=600).start())
        return started[-1]

    yield start
    for varnish in started:
        varnish.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def alive():
    server = EchoBackend("alive").start()
    yield server
    server.stop()


@pytest.fixture
def two_servers_one_dead(varnish_before, alive):
    """The second server stopped (its port refuses) before any probe could notice it."""
    dead = EchoBackend("dead").start()
    varnish = varnish_before([alive.address, dead.address])
    dead.stop()
    return varnish, alive


def test_pages_and_forms_sent_to_a_dead_server_are_answered_by_the_other(two_servers_one_dead):
    varnish, alive = two_servers_one_dead
    pages = [varnish.get(f"/private/reading/{n}/") for n in range(4)]
    forms = [
        varnish.request(
            "POST",
            "/en/about/contact-us/",
            {"Content-Type": "application/x-www-form-urlencoded"},
            f"message=question+{n}".encode(),
        )
        for n in range(4)
    ]
    assert [(answer.status, answer.headers["X-Backend"]) for answer in pages + forms] == [(200, "alive")] * 8
    received = [request["body"] for request in alive.requests if request["method"] == "POST"]
    assert received == [f"message=question+{n}".encode() for n in range(4)]  # each form arrived, whole, once


def test_a_form_a_server_took_and_died_on_goes_to_the_other_whole(varnish_before, alive):
    dying = HangingUpServer()
    try:
        varnish = varnish_before([dying.address, alive.address])
        answers = [
            varnish.request(
                "POST",
                "/en/about/contact-us/",
                {"Content-Type": "application/x-www-form-urlencoded"},
                f"message=question+{n}".encode(),
            )
            for n in range(2)
        ]
    finally:
        dying.stop()
    assert [(answer.status, answer.headers["X-Backend"]) for answer in answers] == [(200, "alive")] * 2
    assert [request["body"] for request in alive.requests] == [b"message=question+0", b"message=question+1"]
