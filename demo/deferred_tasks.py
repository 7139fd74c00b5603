"""Background tasks of a seeding run, each done once at the end instead of at every save.

Translating and publishing a page saves it several times, and every save queues the same search
and reference-index updates again (the Russian site alone queued 1,740 tasks for 115 pages).
Inside ``tasks_run_once()`` tasks are collected instead, search-entry updates merged into one
batch, and each distinct task runs once when the block ends, in this process.
"""

import json
from contextlib import contextmanager

from django.core.exceptions import ObjectDoesNotExist
from django_tasks.base import Task

from search.tasks import update_page_entries

PROGRESS_EVERY = 100


@contextmanager
def tasks_run_once(log):
    queued = {}
    page_ids = set()
    original_enqueue = Task.enqueue

    def collect(task, *args, **kwargs):
        if task.func is update_page_entries.func:
            page_ids.update(*args, *kwargs.values())
        else:
            key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=str))
            queued.setdefault(key, (task, args, kwargs))

    Task.enqueue = collect
    try:
        yield
    finally:
        Task.enqueue = original_enqueue
    log(f"{len(queued)} search and reference-index updates and {len(page_ids)} search entries to write")
    if page_ids:
        update_page_entries.call(sorted(page_ids))
    for number, (task, args, kwargs) in enumerate(queued.values(), start=1):
        try:
            task.call(*args, **kwargs)
        except ObjectDoesNotExist:
            pass  # saved, then replaced later in the run (e.g. a translation's copied authors)
        if number % PROGRESS_EVERY == 0 or number == len(queued):
            log(f"{number}/{len(queued)} background updates done")
