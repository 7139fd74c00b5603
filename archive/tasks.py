"""The admin's imports run here, on the task worker: an upload can take minutes to import.

The uploads are copied out of the default storage (which may be S3) into a scratch folder,
the media archive unpacked next to them (archive.unzip), and the same pipeline as
``manage.py import_archive`` run, writing progress and then the report onto the ImportRun.
"""

import shutil
import tempfile
from pathlib import Path

from django.utils import timezone
from django_tasks import task

from archive.importer import ArchiveImport
from archive.models import ImportRun
from archive.unzip import UnsafeArchive, extract
from archive.wxr import MappingError, load_mapping


def _copy_out(field, folder):
    """The uploaded file as a local file in ``folder``, keeping its suffix (.jsonl, .xml)."""
    path = Path(folder) / Path(field.name).name
    with field.open("rb") as source, open(path, "wb") as target:
        shutil.copyfileobj(source, target)
    return path


def _progress(run_id):
    def record(done, total):
        ImportRun.objects.filter(pk=run_id).update(done=done, total=total)

    return record


@task()
def run_import(run_id):
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run_id).update(status=ImportRun.Status.RUNNING)
    with tempfile.TemporaryDirectory(prefix="archive-import-") as scratch:
        try:
            archive = _copy_out(run.archive_file, scratch)
            mapping = load_mapping(_copy_out(run.mapping_file, scratch)) if run.mapping_file else None
            media = Path(scratch) / "media"
            media.mkdir()
            if run.media_file:
                extract(_copy_out(run.media_file, scratch), media)
            report = ArchiveImport(
                media_root=media, dry_run=run.dry_run, mapping=mapping, progress=_progress(run_id)
            ).run([archive])
        except (UnsafeArchive, MappingError) as error:
            _finish(run_id, ImportRun.Status.FAILED, error=str(error))
            return
        except Exception as error:  # the page must say the run ended, whatever ended it
            _finish(run_id, ImportRun.Status.FAILED, error=f"{type(error).__name__}: {error}")
            raise
    _finish(run_id, ImportRun.Status.DONE, report=_uploaded_names(report.as_dict()))


def _uploaded_names(report):
    """The report naming files as they were uploaded, not by their place in the scratch folder."""
    for entry in report["problems"] + report["warnings"] + report["collisions"]:
        entry["file"] = Path(entry["file"]).name
    return report


def _finish(run_id, status, error="", report=None):
    run = ImportRun.objects.get(pk=run_id)
    run.status, run.error, run.finished_at = status, error, timezone.now()
    run.report = report or {}
    run.done = run.total if status == ImportRun.Status.DONE else run.done
    run.save()
