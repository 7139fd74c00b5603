"""Counts the SQL queries each page needs once caches are warm; `make bench-pages` runs it."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


class Command(BaseCommand):
    help = "Print, as JSON, how many SQL queries each path needs on its second request (warm caches)."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Paths to request, e.g. /en/context/?page=2.")
        parser.add_argument(
            "--host", default="127.0.0.1", help="Host header to send; it must be in ALLOWED_HOSTS."
        )

    def handle(self, *args, paths, host, **options):
        client = Client(HTTP_HOST=host)
        counts = {path: self._warm_queries(client, path) for path in paths}
        self.stdout.write(json.dumps(counts))

    def _warm_queries(self, client, path):
        """The first request fills the caches, so the second shows what every later visitor costs."""
        client.get(path)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}, expected 200.")
        return len(queries)
