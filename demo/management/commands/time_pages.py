"""Times pages in-process (Django's test client, no server): the median of several warm requests
and their SQL queries, as JSON. `make bench-pages` runs it; it can also be run on its own against
any database, e.g. `manage.py time_pages /en/context/ "/en/context/?page=1000" --admin /admin/articles/`.
"""

import json
import statistics
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

DEFAULT_REPEATS = 7
BENCH_STAFF = "bench-staff"


class Command(BaseCommand):
    help = "Print, as JSON, the median in-process time (ms) and SQL queries of warm requests for each path."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", help="Public paths, e.g. /en/context/?page=2.")
        parser.add_argument("--admin", nargs="*", default=[], help="Admin paths, requested as a superuser.")
        parser.add_argument("--repeats", type=int, default=DEFAULT_REPEATS, help="Timed requests per path.")
        parser.add_argument("--host", default="127.0.0.1", help="Host header; it must be in ALLOWED_HOSTS.")

    def handle(self, *args, paths, admin, repeats, host, **options):
        results = {path: self._time(Client(HTTP_HOST=host), path, repeats) for path in paths}
        if admin:
            # The staff account lives only inside this transaction, so the database keeps no trace of it.
            with transaction.atomic():
                client = self._staff_client(host)
                results.update({path: self._time(client, path, repeats) for path in admin})
                transaction.set_rollback(True)
        self.stdout.write(json.dumps(results))

    @staticmethod
    def _staff_client(host):
        user = get_user_model().objects.create_superuser(BENCH_STAFF, f"{BENCH_STAFF}@egf.example", None)
        device = TOTPDevice.objects.create(user=user, name="Benchmark", confirmed=True)
        client = Client(HTTP_HOST=host)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # as after entering the two-factor code
        session.save()
        return client

    @staticmethod
    def _time(client, path, repeats):
        """One request warms the caches; the median of the next ones is what a later visitor costs."""
        client.get(path)
        timings = []
        for _ in range(repeats):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise CommandError(f"{path} answered {response.status_code}, expected 200.")
        return {"ms": round(statistics.median(timings), 1), "queries": len(queries)}
