"""Engine backends whose searches answer from the database while the engine cannot.

Advanced Search (search/query.py) falls back on its own, so that it can tell readers. Wagtail's
admin searches (page search, listings with a search box, choosers) go to the default backend
themselves and had nothing to catch an engine outage, so they answered 500. With these backends
(one module per engine, named in config/search_backends.py) a query the engine fails is logged,
the engine is paused as Advanced Search pauses it, and the same query runs on the database
backend; while the engine is paused, queries go to the database at once.
"""

import logging
from functools import partial

from config.search_backends import DATABASE_ALIAS
from search.backends import engine_paused, pause_engine, search_backend

logger = logging.getLogger(__name__)


class DatabaseFallbackBackend:
    """Mixin for an engine's backend class."""

    #: Turned off on the instances of callers that fall back themselves (search.backends).
    falls_back = True


class DatabaseFallbackResults:
    """Mixin for an engine's results class; ``engine_errors`` are its client's exceptions."""

    engine_errors = ()

    def _do_search(self):
        engine_search = super()._do_search
        # The engine's _do_search is a generator: its request goes out as the list is read.
        return self._answer(lambda: list(engine_search()), lambda database: database.results())

    def _do_count(self):
        return self._answer(super()._do_count, lambda database: database.count())

    def facet(self, field_name):
        return self._answer(partial(super().facet, field_name), lambda database: database.facet(field_name))

    def _answer(self, from_engine, from_database):
        if not self.backend.falls_back:
            return from_engine()
        if not engine_paused():
            try:
                return from_engine()
            except self.engine_errors:
                logger.exception("The search engine failed; answering this search from the database")
                pause_engine()
        return from_database(self._on_database())

    def _on_database(self):
        """The same query, slice and score annotation on the database backend."""
        compiler = self.query_compiler
        database = search_backend(DATABASE_ALIAS)
        is_autocomplete = isinstance(compiler, self.backend.autocomplete_query_compiler_class)
        run = database.autocomplete if is_autocomplete else database.search
        results = run(
            compiler.query,
            compiler.queryset,
            fields=compiler.fields,
            order_by_relevance=compiler.order_by_relevance,
        )[self.start : self.stop]
        if self._score_field:
            results = results.annotate_score(self._score_field)
        return results
