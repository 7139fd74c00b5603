"""Background tasks of a seeding run, each done once at the end instead of at every save.

Translating and publishing a page saves it several times, and every save queues the same search
and reference-index updates again (the Russian site alone queued 1,740 tasks for 115 pages).
Inside ``tasks_run_once()`` tasks are collected instead, search-entry updates merged into one
batch, search-index updates into one bulk add per model (the SQLite backend works out its title
norms over the whole index at every add), and each other distinct task runs once when the block
ends, in this process.
"""

import json
from collections import defaultdict
from contextlib import contextmanager

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django_tasks.base import Task
from modelsearch.tasks import insert_or_update_object_task
from wagtail.search.backends import get_search_backends

from demo.articles import add_to_indexes
from search.tasks import update_page_entries

PROGRESS_EVERY = 100


@contextmanager
def tasks_run_once(log):
    queued = {}
    page_ids = set()
    indexed = defaultdict(set)
    original_enqueue = Task.enqueue

    def collect(task, *args, **kwargs):
        if task.func is update_page_entries.func:
            page_ids.update(*args, *kwargs.values())
        elif task.func is insert_or_update_object_task.func:
            app_label, model_name, pk = args
            indexed[app_label, model_name].add(pk)
        else:
            key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=str))
            queued.setdefault(key, (task, args, kwargs))

    Task.enqueue = collect
    try:
        yield
    finally:
        Task.enqueue = original_enqueue
    log(
        f"{sum(map(len, indexed.values()))} objects to index, {len(page_ids)} search entries to write "
        f"and {len(queued)} other updates"
    )
    if page_ids:
        update_page_entries.call(sorted(page_ids))
    for (app_label, model_name), pks in indexed.items():
        _index_in_bulk(apps.get_model(app_label, model_name), pks)
    for number, (task, args, kwargs) in enumerate(queued.values(), start=1):
        try:
            task.call(*args, **kwargs)
        except ObjectDoesNotExist:
            pass  # saved, then replaced later in the run (e.g. a translation's copied authors)
        if number % PROGRESS_EVERY == 0 or number == len(queued):
            log(f"{number}/{len(queued)} background updates done")


def _index_in_bulk(model, pks):
    """What the per-object index task does for each of these objects, in one add per model and backend."""
    by_type = defaultdict(list)
    for obj in model.get_indexed_objects().filter(pk__in=pks):
        instance = obj.get_indexed_instance()
        if instance is not None:
            by_type[type(instance)].append(instance)
    backends = list(get_search_backends(with_auto_update=True))
    for indexed_model, instances in by_type.items():
        add_to_indexes(
            [backend.get_index_for_model(indexed_model) for backend in backends], indexed_model, instances
        )
