"""In CI the suite must run on the real services, not quietly fall back to SQLite."""

from django.db import connection

from tests.conftest import IN_CI, require_service


def test_database_engine_matches_configuration(db):
    import os

    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        assert connection.vendor == "postgresql"
    else:
        assert connection.vendor == "sqlite"
    if IN_CI:
        require_service(connection.vendor == "postgresql", "PostgreSQL via DATABASE_URL")
