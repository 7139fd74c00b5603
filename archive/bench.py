"""``python -m archive.bench [RECORDS]`` (make bench-import): time the import of a synthetic archive.

Writes RECORDS records (default 10,000) with tests/archive_samples/generate.py into var/, builds
a fresh database (migrate, then the demo site's sections without articles) and imports the file
into it, printing the import's time, its CPU time and the peak memory of this process (setup runs
in child processes, so the peak is the import's alone); then checks what a reader sees: the
Context archive, search for sampled titles, and sampled old URLs.

The database is a new SQLite file under var/, or with BENCH_DATABASE_URL=postgres://… that
PostgreSQL database, dropped and created again first (so never point it at one you keep).
"""

import json
import os
import random
import re
import resource
import subprocess
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-import"


def main(records):
    VAR.mkdir(parents=True, exist_ok=True)
    archive = VAR / f"archive-{records}.jsonl"
    database = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{VAR / 'bench.sqlite3'}"
    _fresh_database(database)
    os.environ["DATABASE_URL"] = database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ.setdefault("DEBUG", "false")  # as an operator runs it: no log of every query
    setup = [
        [ROOT / "tests" / "archive_samples" / "generate.py", str(records), archive],
        [ROOT / "manage.py", "migrate", "--noinput", "-v0"],
        [ROOT / "manage.py", "seed_demo", "--articles", "0"],
    ]
    for command in setup:
        print("$", " ".join(str(part) for part in command[:4]), flush=True)
        subprocess.run([sys.executable, *command], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)

    import django
    from django.core.management import call_command

    # With DEBUG off WhiteNoise warns that static files were never collected: the pages are not
    # what is measured here, so that is expected.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    django.setup()
    before, _listing = context_count()
    started, cpu_started = time.monotonic(), time.process_time()
    call_command("import_archive", str(archive))
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    where = urlsplit(database).scheme
    print(
        f"Imported {records} records into {where} in {seconds:.1f} s ({cpu:.1f} s CPU in this process, "
        f"{seconds / records * 1000:.1f} ms a record); peak memory {peak_mb:.0f} MB"
    )
    check_site(archive, before)


def _client():
    from django.test import Client

    return Client(HTTP_HOST="localhost")


def context_count():
    """The number of articles the English Context archive says it lists, and its page."""
    listing = _client().get("/en/context/")
    shown = re.search(r'class="result-count">([^<]*)<', listing.text)
    return int(re.sub(r"\D", "", shown.group(1))) if shown else 0, listing


def check_site(archive, before, sample=20):
    """What a reader sees afterwards: the Context archive counts every imported English article and
    opens on its newest; a search for a sampled title finds it; sampled old URLs answer 301 with
    their new page."""
    from archive.models import LegacyItem
    from pages.models import ArticlePage

    articles = []
    with open(archive, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record.get("kind") == "article" and record.get("language") == "en":
                articles.append(record)
    client = _client()
    shown, listing = context_count()
    newest = ArticlePage.objects.live().filter(locale__language_code="en").order_by("-date", "-pk").first()
    imported = LegacyItem.objects.filter(kind="article", language="en").count()
    print(
        f"Context archive: HTTP {listing.status_code}; counts {shown:,} articles = {before:,} before "
        f"the import + {shown - before:,} (of {imported:,} imported); "
        f"{'opens' if newest and newest.title in listing.text else 'does NOT open'} on the newest"
    )
    chosen = random.Random(7).sample(articles, min(sample, len(articles)))
    items = LegacyItem.objects.filter(legacy_id__in=[record["id"] for record in chosen])
    pages = {item.legacy_id: item.object_id for item in items}
    found = sum(
        record["title"] in client.get("/en/search/", {"q": record["title"]}).text for record in chosen
    )
    print(f"Search: {found}/{len(chosen)} sampled titles found by their title")
    right = 0
    for record in chosen:
        answer = client.get(record["old_urls"][0])
        page = ArticlePage.objects.filter(pk=pages.get(record["id"])).first()
        right += answer.status_code == 301 and page is not None and answer["Location"].endswith(page.url)
    print(f"Redirects: {right}/{len(chosen)} sampled old URLs answer 301 with their new page")


def _fresh_database(url):
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        Path(parts.path).unlink(missing_ok=True)
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
