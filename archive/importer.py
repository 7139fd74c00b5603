"""The import pipeline: read every file, then import record by record, each in its own savepoint
(committed in runs, see ``_committed_in_runs``).

Order: regions and topics, experts, documents, then articles, events and maps; within each,
sources before their translations, so every record finds what it names. A record whose links
name items further on is converted again at the end, once they exist. A record is matched with
what it became before by its legacy id (``LegacyItem``); an unchanged hash means nothing to do.

Search and reference-index updates are off for the run and written once at the end for the
imported pages (archive.deferred).
"""

import hashlib
import json
import time
from contextlib import nullcontext

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Locale

from archive import kinds
from archive.deferred import catch_up, updates_deferred
from archive.links import LinkTargets
from archive.media import MediaFolder
from archive.models import LegacyItem
from archive.records import Problem, RecordError, read_file
from archive.redirects import sync_redirects
from archive.report import Report
from archive.translations import translate
from archive.tree import append_page
from archive.wxr import read_wxr
from core.translation import sources_remembered

# Bumped when the importer writes records differently, so that the next run rewrites them all.
IMPORTER_VERSION = "1"
PHASES = {"region": 0, "topic": 0, "expert": 1, "document": 2, "article": 3, "event": 3, "map": 3}
PROGRESS_EVERY = 500
COMMIT_EVERY = 100


class DryRunDone(Exception):
    """Raised at the end of a dry run to roll everything back."""


def record_hash(record):
    text = json.dumps(record.data, sort_keys=True, ensure_ascii=False) + IMPORTER_VERSION
    return hashlib.sha256(text.encode()).hexdigest()


class ArchiveImport:
    def __init__(self, media_root=None, dry_run=False, log=None, mapping=None, progress=None):
        self.dry_run = dry_run
        self.mapping = mapping  # for WordPress files (archive.wxr.load_mapping)
        self.media = MediaFolder(media_root, dry_run)
        self.log = log or (lambda message: None)
        self.progress = progress or (lambda done, total: None)  # told about a hundred times a run
        self.report = Report(dry_run)
        self.known = {}
        self.touched_pages = set()
        self.links = None
        self.parents = {}  # (kind, article kind, locale id) -> the section new pages go under
        self._terms = {}  # (model, pk) -> region or topic; terms come first in a run and then stay put
        self.slugs = {}  # section id -> the slugs of its children, as the run adds them

    def run(self, paths):
        started = time.monotonic()
        records = self._read(paths)
        self.known = {item.legacy_id: item for item in LegacyItem.objects.all()}
        self.links = LinkTargets(records, self.known)
        self.default_locale = Locale.get_default()
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.log(f"Importing {len(records)} records…")
        with updates_deferred():
            if self.dry_run:
                self._dry_run(records)
            else:
                self._import_all(records)
        if not self.dry_run:
            catch_up(self.touched_pages, self.log)
        self.report.seconds = time.monotonic() - started
        return self.report

    def _dry_run(self, records):
        """The whole import in one transaction that is then rolled back."""
        try:
            with transaction.atomic():
                self._import_all(records)
                raise DryRunDone
        except DryRunDone:
            pass

    # --- reading -------------------------------------------------------------------------------
    def _read(self, paths):
        records, first_seen = [], {}
        for path in paths:
            found, problems = self._read_file(path)
            for problem in problems:
                self.report.skip(problem.file, problem.line, problem.legacy_id, problem.field, problem.reason)
            for record in found:
                if record.id in first_seen:
                    self.report.skip(
                        record.file,
                        record.line,
                        record.id,
                        "id",
                        f"duplicate legacy id: first used at {first_seen[record.id]}",
                    )
                    continue
                first_seen[record.id] = record.where()
                records.append(record)
        return sorted(records, key=lambda r: (PHASES[r.kind], bool(r.source_id), r.language != "en"))

    def _read_file(self, path):
        if not str(path).lower().endswith(".xml"):
            return read_file(path)
        if self.mapping is None:
            return [], [Problem(str(path), 1, "", "a WordPress file needs a mapping (--mapping)")]
        return read_wxr(path, self.mapping, self.media.root)

    # --- importing -----------------------------------------------------------------------------
    def _import_all(self, records):
        waiting = []
        step = max(1, len(records) // 100)
        self.progress(0, len(records))
        for number, record in _committed_in_runs(records, start=1):
            outcome = self._attempt(record)
            if outcome is not None:
                if record.pending:
                    waiting.append((record, outcome))
                else:
                    self.report.outcome(record, outcome)
            if number % PROGRESS_EVERY == 0 or number == len(records):
                self.log(f"  {number}/{len(records)} records")
            if number % step == 0:
                self.progress(number, len(records))
        # Links to items further on: those items exist now (or were skipped, and stay plain text).
        first_outcomes = {record.id: outcome for record, outcome in waiting}
        for _number, record in _committed_in_runs([record for record, _outcome in waiting]):
            outcome = self._attempt(record, force=True)
            if outcome is not None:
                for legacy_id in record.pending:
                    record.warnings.append(
                        f"body: link to {legacy_id!r} left as text: that record was not imported"
                    )
                self.report.outcome(record, first_outcomes[record.id])

    def _attempt(self, record, force=False):
        """Imports one record in its own transaction; returns its outcome, or None if skipped."""
        record.reset()
        try:
            with sources_remembered(), transaction.atomic():
                outcome, item = self._import(record, force)
        except RecordError as error:
            self.report.skip(record.file, record.line, record.id, error.field, error.reason)
            return None
        except Exception as error:  # a record must never stop the run; the report says what went wrong
            self.report.skip(record.file, record.line, record.id, "", f"{type(error).__name__}: {error}")
            return None
        if item is not None:
            self.known[record.id] = item
        for path, other in record.collisions:
            self.report.collision(record, path, other)
        return outcome

    def _import(self, record, force):
        digest = record_hash(record)
        item = self.known.get(record.id)
        if item is not None and item.kind != record.kind:
            raise RecordError("kind", f"legacy id {record.id!r} was imported before as a {item.kind}")
        if force and item is not None and record.kind in kinds.LINK_FIELDS and not record.source_id:
            # Only the links changed since the first attempt, which wrote everything else.
            kinds.rewrite_links(item.object_id, record, self)
            return "updated", None
        target = _target(item)
        if target is not None and item.content_hash == digest and not force:
            return "unchanged", None
        existed = target is not None
        if record.kind == "document":
            target = self._document(record, target)
            if target is None:  # a dry run: the file is checked, nothing is stored
                return ("updated" if existed else "created"), None
        elif record.source_id:
            target = self._translation(record)
        else:
            target = self._original(record, target)
        if isinstance(target, kinds.ArticlePage | kinds.EventPage | kinds.MapPage | kinds.ExpertPage):
            self.touched_pages.add(target.pk)
            owned = sync_redirects(record, item, page=target)
        elif record.kind == "document":
            owned = sync_redirects(record, item, link=target.url)
        else:
            owned = []
        item = item or LegacyItem(legacy_id=record.id)
        item.kind, item.language = record.kind, record.language
        item.content_type = ContentType.objects.get_for_model(type(target))
        item.object_id, item.content_hash = target.pk, digest
        item.old_paths, item.remote_media = owned, record.remote_media
        item.save()
        return ("updated" if existed else "created"), item

    def _original(self, record, target):
        fill = kinds.FILL[record.kind]
        locale = self.locales[record.language]
        if record.kind in kinds.TERM_MODELS:
            model = kinds.TERM_MODELS[record.kind]
            # A term the site already has under this slug is that term, not a second one.
            term = target or model.objects.filter(locale=locale, slug=record.data["slug"]).first()
            term = term or model(locale=locale)
            fill(term, record, self)
            term.save()
            return term
        page = target or kinds.PAGE_MODELS[record.kind]()
        fill(page, record, self)
        if target is not None:
            page.save()
            return page
        parent = self._parent(record, locale)
        page.slug = self._free_slug(parent, _slug_base(record))
        page.locale = locale
        return append_page(parent, page)

    def _translation(self, record):
        source_item = self.known.get(record.source_id)
        source = _target(source_item)
        if source is None:
            raise RecordError("translation_of", f"the source {record.source_id!r} has not been imported")
        if source_item.kind != record.kind:
            raise RecordError(
                "translation_of", f"{record.source_id!r} is a {source_item.kind}, not a {record.kind}"
            )
        if source.locale_id != self.default_locale.pk:
            raise RecordError("translation_of", f"{record.source_id!r} is not an English record")
        return translate(source, record, kinds.FILL[record.kind], self, self.locales[record.language])

    def _free_slug(self, parent, base):
        """The base, or the base with the first free number, among the section's slugs: read once a
        run per section (one query, where asking per page reads every sibling each time)."""
        if parent.pk not in self.slugs:
            self.slugs[parent.pk] = set(parent.get_children().values_list("slug", flat=True))
        taken = self.slugs[parent.pk]
        slug, number = base, 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        return slug

    def terms(self, model, ids):
        """The regions or topics with these ids, read once a run."""
        missing = [pk for pk in ids if (model, pk) not in self._terms]
        for term in model.objects.filter(pk__in=missing):
            self._terms[model, term.pk] = term
        return [self._terms[model, pk] for pk in ids if (model, pk) in self._terms]

    def _parent(self, record, locale):
        # Sections do not change during a run; add_child reads the parent's row again itself.
        key = (record.kind, record.data.get("article_kind"), locale.pk)
        if key not in self.parents:
            parent = kinds.parent_for(record, self.default_locale)
            if locale != self.default_locale:
                parent = parent.get_translation_or_none(locale)
                if parent is None:
                    raise RecordError("language", f"the site has no {record.language} version of the section")
            self.parents[key] = parent
        return self.parents[key]

    def _document(self, record, target):
        data = record.data
        document_id = self.media.document(
            data["file"] | {"title": data["title"]}, "file", record, data.get("collection", "")
        )
        if document_id is None:
            if self.dry_run:
                return None
            raise RecordError("file", "a document needs a file from the media folder, not a URL")
        document = get_document_model().objects.get(pk=document_id)
        if document.title != data["title"]:
            document.title = data["title"]
            document.save()
        return document


def _committed_in_runs(records, start=1):
    """(number, record) pairs, with up to COMMIT_EVERY records committed together: a commit syncs
    the disk (SQLite), which costs more than importing a record. Each record keeps its savepoint,
    so a failing one still leaves nothing behind. A translation commits alone: wagtail-localize
    publishes it on commit, and a failure there is that record's."""
    index = 0
    while index < len(records):
        end = index + 1
        if not records[index].source_id:
            while end < len(records) and end - index < COMMIT_EVERY and not records[end].source_id:
                end += 1
        with nullcontext() if records[index].source_id else transaction.atomic():
            for offset in range(index, end):
                yield start + offset, records[offset]
        index = end


def _target(item):
    if item is None:
        return None
    model = item.content_type.model_class()
    found = model.objects.filter(pk=item.object_id).first()
    return found.specific if found is not None and hasattr(found, "specific") else found


def _slug_base(record):
    base = record.data.get("slug") or slugify(record.data["title"], allow_unicode=True)[:80].strip("-")
    return base or slugify(record.id)
