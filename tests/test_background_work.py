"""Work that leaves the request: e-mail through the task worker with retries, scheduled publishing.

The mail tests use the database task backend and `manage.py db_worker`, as production does, and
a real SMTP server (aiosmtpd) on loopback; a closed port and a server that never answers stand
for a mail server that refuses or hangs.
"""

import os
import signal
import socket
import threading
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pages.models import ArticleKind, ArticlePage, ContactPage
from shop.models import OrderRequest, ProductPage
from tests.factories import ArticlePageFactory
from tests.ports import free_port
from tests.test_contact_form import VALID, post_form, submissions

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ORDER = {
    "name": "Rosa Lindqvist",
    "email": "rosa@example.org",
    "address": "Storgatan 1\n111 22 Stockholm",
    "quantity": "2",
    "note": "",
}


class Inbox:
    """A real SMTP server on loopback that keeps what it receives."""

    def __init__(self, port):
        self.messages = []
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 OK"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


class SilentServer:
    """Accepts connections and never says a word, like a hung mail server."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.port = self.sock.getsockname()[1]
        self.held = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                self.held.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self):
        for conn in self.held:
            conn.close()
        self.sock.close()


def smtp_settings(port):
    return override_settings(
        TASKS=DATABASE_TASKS,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=1,
        EMAIL_USE_TLS=False,
    )


def waiting_mail():
    return DBTaskResult.objects.filter(task_path="core.mail.deliver_email", status="READY")


@pytest.fixture(autouse=True)
def processes_keep_the_test_transaction(monkeypatch):
    """The worker and the scheduler drop stale connections between runs; inside a test that would end
    the test's transaction (and on PostgreSQL its connection), so here they keep the one they have."""
    for command in (
        "django_tasks_db.management.commands.db_worker",
        "core.management.commands.run_scheduler",
    ):
        monkeypatch.setattr(f"{command}.close_old_connections", lambda: None)


def run_worker():
    """One batch of the worker; it takes over Ctrl-C and SIGTERM for itself (a long-running process),
    so the test run's own handlers are put back after it."""
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    handlers = {signum: signal.getsignal(signum) for signum in signals}
    try:
        call_command("db_worker", batch=True, startup_delay=False, interval=0, verbosity=0)
    finally:
        for signum, handler in handlers.items():
            signal.signal(signum, handler)


def make_retries_due():
    waiting_mail().update(run_after=timezone.now() - timedelta(seconds=1))


def order_a_publication(client, shop):
    product = ProductPage.objects.child_of(shop).live().filter(in_stock=True).first()
    response = client.post(product.url, ORDER)
    assert response.status_code == 302, "the reader reaches the thank-you page before any mail is sent"
    return product


@pytest.mark.parametrize("mail_server", ["refuses", "hangs"])
def test_a_failing_mail_server_costs_the_reader_nothing_and_the_mail_is_retried(
    client, shop, mail_server, caplog
):
    silent = SilentServer() if mail_server == "hangs" else None
    port = silent.port if silent else free_port()
    try:
        with smtp_settings(port):
            order_a_publication(client, shop)
            assert OrderRequest.objects.filter(email=ORDER["email"]).exists()
            assert waiting_mail().count() == 2, (
                "the staff notice and the buyer's confirmation wait for the worker"
            )

            run_worker()
            assert "trying again" in caplog.text
            retries = waiting_mail()
            assert retries.count() == 2
            assert all(task.run_after > timezone.now() for task in retries)
    finally:
        if silent:
            silent.close()

    # A mail server answers again (a fresh port: the old one may linger in TIME_WAIT): the retries go out.
    working_port = free_port()
    with smtp_settings(working_port), Inbox(working_port) as inbox:
        make_retries_due()
        run_worker()
        assert len(inbox.messages) == 2
        assert any(ORDER["email"] in message for message in inbox.messages)
        assert not waiting_mail().exists()


def test_a_contact_message_is_kept_while_the_mail_server_refuses(browser, demo):
    contact = ContactPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/contact-us/")
    with smtp_settings(free_port()):
        response = post_form(browser, VALID)
        assert response.status_code == 200
        assert "Thank you" in response.content.decode()
        assert VALID["Message"] in submissions(contact).latest("submit_time").get_data().values()
        run_worker()
        assert waiting_mail().count() == 1, "the office's notice waits for its next attempt"


def test_the_worker_sends_what_the_request_queued(client, shop):
    port = free_port()
    with smtp_settings(port), Inbox(port) as inbox:
        order_a_publication(client, shop)
        assert inbox.messages == [], "nothing is sent inside the request"
        run_worker()
        assert len(inbox.messages) == 2


def test_the_scheduler_publishes_pages_whose_time_has_come(demo):
    section = demo["sections"][ArticleKind.NEWS]
    article = ArticlePageFactory(parent=section, title="Scheduled analysis of river treaties")
    revision = article.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(seconds=5)
    revision.save()
    ArticlePage.objects.filter(pk=article.pk).update(live=False, has_unpublished_changes=True)
    assert not ArticlePage.objects.get(pk=article.pk).live

    call_command("run_scheduler", once=True, verbosity=0)

    assert ArticlePage.objects.get(pk=article.pk).live


def test_a_single_scheduler_run_leaves_ctrl_c_to_its_caller(db):
    """`run_scheduler --once` inside another process (the test run) must not take over its signals:
    Ctrl-C still interrupts, SIGTERM still ends it."""
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGINT, signal.SIGTERM)}

    call_command("run_scheduler", once=True, verbosity=0)

    assert {signum: signal.getsignal(signum) for signum in before} == before
    with pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signal.SIGINT)
