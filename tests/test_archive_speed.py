"""What the import puts off to go fast (archive.deferred) is still done: the reference index and
search of the imported pages are written at the end; and it is put off for the run alone, so a
request the same process serves meanwhile updates search as always."""

import contextvars
import json
import random
import threading

from django.db import connection, transaction
from wagtail.models import ReferenceIndex

from archive.deferred import catch_up, deferring, updates_deferred
from search.models import SearchEntry
from tests.archive_samples.generate import records as generated
from tests.test_archive_import import ENGLISH, RUSSIAN, page_of, run


def test_the_reference_index_and_search_of_imported_pages_are_written_at_the_end(db):
    run(ENGLISH, RUSSIAN)
    news, publication = page_of("old:news:501"), page_of("old:pub:602")
    # The news item links to the publication, which came later in the file.
    assert ReferenceIndex.get_references_to(publication).filter(object_id=str(news.pk)).exists()
    assert SearchEntry.objects.filter(page=page_of("old:news:501:ru")).exists()


def _publish(page, title):
    page.title = title
    page.save_revision().publish()


def test_updates_are_put_off_for_the_run_only_not_for_other_requests_of_the_process(db):
    run(ENGLISH)
    news, publication = page_of("old:news:501"), page_of("old:pub:602")
    seen_by_another_thread = []
    with updates_deferred():
        thread = threading.Thread(target=lambda: seen_by_another_thread.append(deferring()))
        thread.start()
        thread.join()
        # A request's context (a fresh one, as each request gets) publishes: search follows at once.
        contextvars.Context().run(_publish, publication, "Sharing a river, revised")
        _publish(news, "Dam talks, revised")  # the run's own save: put off
        assert SearchEntry.objects.get(page=publication).title == "Sharing a river, revised"
        assert SearchEntry.objects.get(page=news).title == "Dam talks resume on the upper river"
    assert seen_by_another_thread == [False] and not deferring()
    catch_up([news.pk], log=lambda message: None)
    assert SearchEntry.objects.get(page=news).title == "Dam talks, revised"


def _queries(tmp_path, count):
    """Queries an import of a generated file of ``count`` records makes; rolled back afterwards."""
    path = tmp_path / f"generated-{count}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for record in generated(count, random.Random(1)):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

    class RolledBack(Exception):
        pass

    queries = []

    def counted(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # Counted by a wrapper: Django's captured-queries log keeps only the last 9,000.
    try:
        with transaction.atomic(), connection.execute_wrapper(counted):
            report = run(str(path))
            raise RolledBack
    except RolledBack:
        pass
    assert report.counts["skipped"] == 0
    return len(queries)


def test_queries_per_record_do_not_grow_with_the_size_of_the_file(db, tmp_path):
    # Every generated file starts with the same 18 terms and experts; what is added is articles.
    small, medium, large = (_queries(tmp_path, count) for count in (40, 80, 120))
    first, second = (medium - small) / 40, (large - medium) / 40
    assert second <= first * 1.15, (first, second)
