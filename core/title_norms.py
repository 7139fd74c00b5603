"""Bulk writes to Wagtail's database search index with its title norms worked out once.

The database index (SQLite's and PostgreSQL's) ranks titles by a norm: the average title length
over the whole index divided by the title's own. After every batch it adds, it works the norms of
the new rows out again, which reads the whole table, so writing N objects in batches costs a pass
over the table per batch. Seeding and rebuilding write in batches and run the pass once, at the end.
"""

from contextlib import contextmanager


def defer_title_norms(index):
    """Make this index object skip the pass after each add (a full pass, as a rebuild's finish()
    asks for, still runs) and return the pass for its new rows, to run once the adds are done;
    an index without title norms (the engine's) is left as it is and gets a pass that does nothing."""
    refresh = getattr(index, "_refresh_title_norms", None)
    if refresh is None:
        return lambda: None
    index._refresh_title_norms = lambda full=False: refresh(full=True) if full else None
    return refresh


@contextmanager
def title_norms_once(indexes):
    """Within this block adds to these indexes leave the title norms alone; they are worked out
    once, for every new row, when it ends."""
    passes = [defer_title_norms(index) for index in indexes]
    yield
    for work_out in passes:
        work_out()
