"""Times Advanced Search on a 10,000-article archive: the full reindex, then 200 mixed queries
(words, filters, sorting, both languages) on the engine (when configured) and on the database.

Run it through ``make bench-search``, which points it at the benchmark database under var/bench/
(or BENCH_DATABASE_URL) and at its own engine indexes, never at a developer's data.
"""

import random
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings

from config.search_backends import ENGINE_ALIAS, database_backend
from pages.models import Region, Topic
from search.backends import engine_configured, search_backend, uses_engine
from search.models import EntryKind

DEFAULT_ARTICLES = 10_000
DEFAULT_QUERIES = 200
WARM_UP = 20
SEED = 7
WORDS = {
    "en": [
        "sanctions",
        "energy",
        "security",
        "pipeline",
        "election",
        "border",
        "trade",
        "minerals",
        "gas transit",
        "rail connectivity",
        "water sharing",
        "arms",
        "talks",
        "reform",
        "visa",
    ],
    "ru": [
        "санкции",
        "энергетика",
        "безопасность",
        "транзит газа",
        "выборы",
        "граница",
        "торговля",
        "режим",
        "минералы",
        "переговоры",
    ],
}


def mixed_queries(count, rng):
    """(language, params) pairs: words alone, words with one or two filters, filters alone."""
    regions = list(Region.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    topics = list(Topic.objects.filter(locale__language_code="en").values_list("slug", flat=True))
    kinds = [EntryKind.NEWS, EntryKind.PUBLICATION, EntryKind.REVIEW, EntryKind.EVENT]
    queries = []
    for number in range(count):
        language = "ru" if number % 4 == 3 else "en"
        params = {"q": rng.choice(WORDS[language])} if number % 10 else {}
        extras = [
            ("type", rng.choice(kinds)),
            ("region", rng.choice(regions)),
            ("topic", rng.choice(topics)),
            ("date_from", f"{rng.randrange(2007, 2024)}-01-01"),
            ("sort", "date"),
            ("page", str(rng.randrange(2, 6))),
        ]
        params.update(rng.sample(extras, k=rng.randrange(0 if params else 1, 3)))
        queries.append((language, params))
    return queries


class Command(BaseCommand):
    help = "Time the search index rebuild and 200 mixed searches on each configured backend."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
        parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES)

    def handle(self, *args, articles, queries, **options):
        self.stdout.write(f"Database: {connection.settings_dict['NAME']} ({connection.vendor})")
        call_command("migrate", "--noinput", verbosity=0)
        call_command("seed_demo", articles=articles, stdout=self.stdout)
        started = time.monotonic()
        call_command("update_index", verbosity=0)
        self.stdout.write(
            f"Full reindex (search entries + every backend): {time.monotonic() - started:.1f} s"
        )

        workload = mixed_queries(queries, random.Random(SEED))
        rows = []
        if engine_configured():
            rows.append(self._time("engine", workload))
        database_only = {ENGINE_ALIAS: database_backend(connection.settings_dict["ENGINE"])}
        with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
            rows.append(self._time(f"database ({connection.vendor})", workload))
        self.stdout.write(f"\n{len(workload)} mixed searches, server time per request (ms):")
        self.stdout.write(f"{'backend':<22}{'p50':>8}{'p95':>8}{'max':>8}")
        for name, timings in rows:
            p95 = statistics.quantiles(timings, n=20)[18]
            self.stdout.write(f"{name:<22}{statistics.median(timings):8.1f}{p95:8.1f}{max(timings):8.1f}")

    def _time(self, name, workload):
        self.stdout.write(f"Timing {name}…")
        client = Client(HTTP_HOST="127.0.0.1")
        backend = search_backend(ENGINE_ALIAS)
        assert uses_engine(backend) == (name == "engine"), "the benchmark must measure the backend it names"
        for language, params in workload[:WARM_UP]:
            client.get(f"/{language}/search/", params)
        timings = []
        for language, params in workload:
            started = time.perf_counter()
            response = client.get(f"/{language}/search/", params)
            timings.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200 or b"fallback-notice" in response.content:
                raise SystemExit(f"{name}: {params} answered {response.status_code} or fell back")
        return name, timings
