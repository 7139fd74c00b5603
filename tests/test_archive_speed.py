"""What the import puts off to go fast (archive.deferred) is still done: the reference index and
search of the imported pages are written at the end, and the site's signal handlers come back."""

from django.db.models.signals import post_save
from modelsearch import signal_handlers as modelsearch_signals
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published

from archive.deferred import PUBLISHED_UID, updates_deferred
from pages.models import ArticlePage
from search.models import SearchEntry
from tests.test_archive_import import ENGLISH, RUSSIAN, page_of, run


def _receivers(signal, sender):
    return signal._live_receivers(sender)[0]


def test_the_reference_index_and_search_of_imported_pages_are_written_at_the_end(db):
    run(ENGLISH, RUSSIAN)
    news, publication = page_of("old:news:501"), page_of("old:pub:602")
    # The news item links to the publication, which came later in the file.
    assert ReferenceIndex.get_references_to(publication).filter(object_id=str(news.pk)).exists()
    assert SearchEntry.objects.filter(page=page_of("old:news:501:ru")).exists()


def test_the_handlers_the_run_switches_off_are_connected_again(db):
    index_handlers = _receivers(post_save, ArticlePage)
    assert modelsearch_signals.post_save_signal_handler in index_handlers
    with updates_deferred():
        assert modelsearch_signals.post_save_signal_handler not in _receivers(post_save, ArticlePage)
        assert not any(key[0] == PUBLISHED_UID for key, *_ in page_published.receivers)
    assert _receivers(post_save, ArticlePage) == index_handlers
    assert any(key[0] == PUBLISHED_UID for key, *_ in page_published.receivers)
