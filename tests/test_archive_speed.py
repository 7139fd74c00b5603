"""What the import puts off to go fast (archive.deferred) is still done: the reference index and
search of the imported pages are written at the end; and it is put off for the run alone, so a
request the same process serves meanwhile updates search as always."""

import contextvars
import threading

from wagtail.models import ReferenceIndex

from archive.deferred import catch_up, deferring, updates_deferred
from search.models import SearchEntry
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
