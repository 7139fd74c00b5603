"""Times Advanced Search on a 10,000-article archive: the full reindex, then 200 mixed queries
(words, filters, sorting, both languages), the header's suggestions and word-form recall on the
engine (when configured) and on the database backend of this database.

Run it through ``make bench-search``, which points it at benchmark databases under var/bench/
and on PostgreSQL and at its own engine indexes, never at a developer's data.
"""

import random
import re
import statistics
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import OperationalError, connection, transaction
from django.test import Client, override_settings

from config.search_backends import ENGINE_ALIAS, database_backend
from core.progress import progress_reporter
from pages.models import Region, Topic
from search import fulltext
from search.backends import engine_configured, search_backend, uses_engine
from search.models import EntryKind, SearchEntry

COPIED_FIELDS = ["locale_id", "kind", "title", "summary", "byline", "body", "url", "date", "year"]

DEFAULT_ARTICLES = 10_000
DEFAULT_QUERIES = 200
# Beyond this many articles the archive grows by copies of the article entries, which is all that
# search reads: seeding pages takes far longer and is not what this benchmark measures.
SEEDED_ARTICLES = 10_000
COPY_BATCH = 2000
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


# Word forms that the demo texts never use, each searched for alone: only a search that matches
# other forms of the word ("sanctions", «решением») finds anything.
WORD_FORMS = {
    "en": [
        "sanction",
        "decisions",
        "observer",
        "official",
        "depend",
        "arrangements",
        "precedents",
        "exceptions",
        "investor",
        "delayed",
        "agreement",
        "government",
        "partner",
        "commitment",
        "export",
    ],
    "ru": [
        "решениям",
        "сценарии",
        "саммиту",
        "регионам",
        "инвестор",
        "задержки",
        "приложений",
        "обязательство",
        "уроков",
        "элиту",
        "партнёрам",
        "суверенитет",
        "концессия",
        "столицам",
        "границам",
    ],
}
SUGGESTION_PREFIXES = {
    "en": ["Bak", "Ba", "pipe", "Review: Bo", "gas tr", "sanc", "Mos", "Win", "the s", "rail", "Kyi", "wat"],
    "ru": ["Бак", "санк", "Мо", "тран", "Кто", "газ"],
}


class Command(BaseCommand):
    help = "Time the search index rebuild, 200 mixed searches, suggestions and word forms on each backend."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
        parser.add_argument("--queries", type=int, default=DEFAULT_QUERIES)

    def handle(self, *args, articles, queries, **options):
        self.stdout.write(f"Database: {connection.settings_dict['NAME']} ({connection.vendor})")
        _create_postgres_database()
        call_command("migrate", "--noinput", verbosity=0)
        call_command("seed_demo", articles=min(articles, SEEDED_ARTICLES), stdout=self.stdout)
        if articles > SEEDED_ARTICLES:
            self._copy_article_entries(articles)
        started, cpu = time.monotonic(), time.process_time()
        call_command("update_index", verbosity=0)
        # This process's CPU time shows the work when other programs share the machine.
        self.stdout.write(
            f"Full reindex (search entries + every backend): {time.monotonic() - started:.1f} s "
            f"(CPU of this process {time.process_time() - cpu:.1f} s)"
        )
        self._check_word_forms_are_absent()

        workload = mixed_queries(queries, random.Random(SEED))
        rows = []
        if engine_configured():
            rows.append(self._measure("engine", workload))
        database_only = {ENGINE_ALIAS: database_backend(connection.settings_dict["ENGINE"])}
        with override_settings(WAGTAILSEARCH_BACKENDS=database_only):
            rows.append(self._measure(f"database ({connection.vendor})", workload))
        self._report(rows, len(workload))

    def _copy_article_entries(self, articles):
        """Copies of the article entries (with their regions, topics and experts) until the archive
        holds ``articles`` of them; the copies belong to no page, so a reindex keeps them."""
        kinds = [EntryKind.NEWS, EntryKind.PUBLICATION, EntryKind.REVIEW]
        originals = SearchEntry.objects.filter(kind__in=kinds, page__isnull=False).order_by("pk")
        missing = articles - SearchEntry.objects.filter(kind__in=kinds).count()
        if missing <= 0:
            return
        sources = list(originals.prefetch_related("regions", "topics", "experts"))
        report = progress_reporter(self.stdout.write, "article entries copied", missing)
        for start in range(0, missing, COPY_BATCH):
            with transaction.atomic():
                batch = [
                    (source, SearchEntry(**{field: getattr(source, field) for field in COPIED_FIELDS}))
                    for source in (
                        sources[(start + n) % len(sources)] for n in range(min(COPY_BATCH, missing - start))
                    )
                ]
                copies = SearchEntry.objects.bulk_create([copy for _, copy in batch])
                for relation in ("regions", "topics", "experts"):
                    through = getattr(SearchEntry, relation).through
                    target = f"{SearchEntry._meta.get_field(relation).m2m_reverse_field_name()}_id"
                    through.objects.bulk_create(
                        through(searchentry_id=copy.pk, **{target: linked.pk})
                        for source, copy in batch
                        for linked in getattr(source, relation).all()
                    )
                fulltext.write(copies)
            report(len(batch))

    def _check_word_forms_are_absent(self):
        """Warn about a probe that some entry holds as written (it would prove nothing)."""
        forms = re.compile(
            r"\b(" + "|".join(form for words in WORD_FORMS.values() for form in words) + r")\b", re.IGNORECASE
        )
        texts = SearchEntry.objects.values_list("title", "summary", "byline", "body").order_by("pk")
        present = set()
        for row in texts.iterator(chunk_size=2000):
            present.update(match.lower() for match in forms.findall(" ".join(row)))
        if present:
            self.stdout.write(
                f"Warning: these word-form probes occur as written: {', '.join(sorted(present))}"
            )

    def _measure(self, name, workload):
        self.stdout.write(f"Timing {name}…")
        client = Client(HTTP_HOST="127.0.0.1")
        backend = search_backend(ENGINE_ALIAS)
        assert uses_engine(backend) == (name == "engine"), "the benchmark must measure the backend it names"
        for language, params in workload[:WARM_UP]:
            client.get(f"/{language}/search/", params)
        searches = []
        for language, params in workload:
            searches.append(self._time(client, f"/{language}/search/", params, name))
        suggestions = [
            self._time(client, f"/{language}/search/suggest/", {"q": prefix}, name)
            for language, prefixes in SUGGESTION_PREFIXES.items()
            for prefix in prefixes
        ]
        found = {
            language: sum(
                b'class="search-result"' in client.get(f"/{language}/search/", {"q": word}).content
                for word in words
            )
            for language, words in WORD_FORMS.items()
        }
        return name, searches, suggestions, found

    def _time(self, client, url, params, name):
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or b"fallback-notice" in response.content:
            raise SystemExit(f"{name}: {url} {params} answered {response.status_code} or fell back")
        return elapsed

    def _report(self, rows, searches):
        self.stdout.write(
            f"\n{searches} mixed searches and {sum(map(len, SUGGESTION_PREFIXES.values()))} suggestions, "
            "server time per request (ms); word forms found of 15:"
        )
        self.stdout.write(
            f"{'backend':<22}{'p50':>8}{'p95':>8}{'max':>8}{'sugg p50':>10}{'sugg p95':>10}{'en':>5}{'ru':>5}"
        )
        for name, timings, suggestions, found in rows:
            self.stdout.write(
                f"{name:<22}{statistics.median(timings):8.1f}{_p95(timings):8.1f}{max(timings):8.1f}"
                f"{statistics.median(suggestions):10.1f}{_p95(suggestions):10.1f}{found['en']:5}{found['ru']:5}"
            )
        if len(rows) == 2:
            (_, engine, engine_suggestions, _), (name, database, database_suggestions, _) = rows
            self.stdout.write(
                f"{name} / engine: p50 {statistics.median(database) / statistics.median(engine):.2f}×, "
                f"p95 {_p95(database) / _p95(engine):.2f}×, suggestions p50 "
                f"{statistics.median(database_suggestions) / statistics.median(engine_suggestions):.2f}×"
            )


def _create_postgres_database():
    """The PostgreSQL benchmark database, created on the first run."""
    if connection.vendor != "postgresql":
        return
    try:
        connection.ensure_connection()
    except OperationalError:
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{connection.settings_dict["NAME"]}"')


def _p95(timings):
    return statistics.quantiles(timings, n=20)[18]
