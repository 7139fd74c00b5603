"""On SQLite, two requests that write at once (an autosave crossing a Publish) must both succeed:
the second waits for the first instead of failing with "database is locked".

Two real connections to one SQLite file, configured as the site configures a SQLite database
(whichever database the suite itself runs on)."""

import threading

import pytest
from django.db import connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

from config.database import database_from_url


@pytest.fixture(autouse=True)
def own_files(django_db_blocker):
    """These connections open their own files, not the test database."""
    with django_db_blocker.unblock():
        yield
    for alias in ("writer", "setup", "autosave", "publish", "check"):
        if alias in connections:
            connections[alias].close()
            del connections[alias]


def connection_to(path, alias="writer"):
    """A connection to the file with the site's SQLite options, known to Django as ``alias``."""
    settings = {**connections["default"].settings_dict, **database_from_url(f"sqlite:///{path}")}
    connection = DatabaseWrapper(settings, alias=alias)
    connections[alias] = connection
    return connection


def test_the_site_opens_sqlite_in_wal_mode_with_a_busy_timeout(tmp_path):
    connection = connection_to(tmp_path / "site.sqlite3")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] >= 5000
    connection.close()


def test_a_publish_crossing_an_autosave_waits_for_it_instead_of_failing(tmp_path):
    path = tmp_path / "race.sqlite3"
    setup = connection_to(path, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, body TEXT)")
        cursor.execute("INSERT INTO page (id, body) VALUES (1, 'draft')")
    setup.close()

    autosave_wrote = threading.Event()
    publish_read = threading.Event()
    errors = []

    def autosave():
        connection = connection_to(path, "autosave")
        try:
            with transaction.atomic(using="autosave"), connection.cursor() as cursor:
                cursor.execute("UPDATE page SET body = 'autosaved' WHERE id = 1")
                autosave_wrote.set()
                # Commit once the publish has read the page (or after a second, if it must wait).
                publish_read.wait(timeout=1)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=autosave)
    thread.start()
    assert autosave_wrote.wait(timeout=10)

    publish = connection_to(path, "publish")
    try:
        # A publish reads the page, then writes it. In a transaction that began as a reader, the
        # write fails at once with "database is locked" when another writer committed meanwhile.
        with transaction.atomic(using="publish"), publish.cursor() as cursor:
            cursor.execute("SELECT body FROM page WHERE id = 1")
            publish_read.set()
            cursor.execute("UPDATE page SET body = 'published body and tags' WHERE id = 1")
    finally:
        publish.close()
        thread.join(timeout=30)

    assert errors == []
    check = connection_to(path, "check")
    with check.cursor() as cursor:
        cursor.execute("SELECT body FROM page WHERE id = 1")
        assert cursor.fetchone()[0] == "published body and tags"
    check.close()
