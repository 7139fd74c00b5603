"""The database settings for a DATABASE_URL, with the options the site needs on SQLite."""

import os

import dj_database_url


def database_from_url(url):
    database = dj_database_url.parse(url, conn_max_age=60)
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # Two admin requests writing at once (an autosave crossing a Publish) wait for each other
        # instead of failing with "database is locked": transactions take the write lock when they
        # begin, a waiting writer retries for up to SQLITE_BUSY_TIMEOUT seconds, and WAL lets readers
        # go on while one request writes.
        database["OPTIONS"] = {
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return database
