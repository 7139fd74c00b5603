"""What the archive app stores: which site object each legacy record became (``LegacyItem``),
and the imports started from the admin (``ImportRun``).

A second run finds the object again by the record's legacy id and compares the record's hash
with the one stored here to tell "unchanged" from "updated" without touching the page.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class LegacyItem(models.Model):
    legacy_id = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20)
    language = models.CharField(max_length=10, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_hash = models.CharField(max_length=64)
    # Old addresses this record answered at; redirects made for them are removed when they go.
    old_paths = models.JSONField(default=list, blank=True)
    # Media given as URLs: recorded for staff to bring in by hand, never fetched by the importer.
    remote_media = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"], name="legacy_item_object_idx")]

    def __str__(self):
        return self.legacy_id

    @property
    def target(self):
        return self.content_type.get_object_for_this_type(pk=self.object_id)


class ImportRun(models.Model):
    """One import or dry run started from the admin: its uploads, how far it got, its report.

    The task (archive.tasks) writes ``done`` and ``total`` as it goes, so the detail page can
    show progress; a dry run's records are rolled back, and its progress with them, so it shows
    only when the run ends.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    archive_file = models.FileField(
        upload_to="archive-imports/%Y/%m/", help_text="JSON Lines (.jsonl) or WXR (.xml)"
    )
    media_file = models.FileField(
        upload_to="archive-imports/%Y/%m/", blank=True, help_text="A .zip of the media"
    )
    mapping_file = models.FileField(
        upload_to="archive-imports/%Y/%m/", blank=True, help_text="WXR mapping (.json)"
    )
    dry_run = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.WAITING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{'Dry run' if self.dry_run else 'Import'} of {self.archive_file.name.rsplit('/', 1)[-1]}"

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)
