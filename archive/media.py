"""Images and files of the archive: read from the media folder given to the import, never from
outside it, and never fetched from a URL (URLs are recorded on the item for staff).

Each file becomes one Wagtail image or document, found again on the next run by its path
(a LegacyItem with the id ``media:<path>``), so running twice stores nothing twice.
"""

import hashlib
from pathlib import Path, PurePosixPath

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from archive.models import LegacyItem
from archive.records import RecordError

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


def _digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class MediaFolder:
    """The media folder of one run; ``dry_run`` checks files without storing them."""

    def __init__(self, root=None, dry_run=False):
        self.root = Path(root).resolve() if root else None
        self.dry_run = dry_run

    def locate(self, relative, field):
        """The file a relative path names inside the folder; a RecordError for anything else."""
        if self.root is None:
            raise RecordError(field, f"{relative!r} is a file path, but no media folder was given")
        posix = PurePosixPath(relative.replace("\\", "/"))
        if posix.is_absolute() or ".." in posix.parts:
            raise RecordError(field, f"{relative!r} is outside the media folder")
        path = (self.root / posix).resolve()
        if not path.is_relative_to(self.root):
            raise RecordError(field, f"{relative!r} is outside the media folder")
        if not path.is_file():
            raise RecordError(field, f"{relative!r} is not in the media folder")
        return path

    def image(self, ref, field, record):
        """The image id for a media reference (None for a URL, which is only recorded)."""
        return self._stored(ref, field, record, get_image_model())

    def document(self, ref, field, record, collection_name=""):
        return self._stored(ref, field, record, get_document_model(), collection_name)

    def body_image(self, src, alt, record):
        """An <img> of a body: a path into the folder, else left out with a warning."""
        if src.startswith(("http://", "https://", "//")):
            record.remote_media.append(src)
            record.warnings.append(f"body image {src[:100]} is a URL: recorded, not fetched")
            return None
        try:
            return self.image({"path": src.lstrip("/"), "title": alt}, "body", record)
        except RecordError as error:
            record.warnings.append(f"body image left out: {error.reason}")
            return None

    def _stored(self, ref, field, record, model, collection_name=""):
        if "path" not in ref:
            record.remote_media.append(ref["url"])
            record.warnings.append(f"{field}: {ref['url'][:100]} is a URL: recorded, not fetched")
            return None
        path = self.locate(ref["path"], f"{field}.path")
        if model is get_image_model() and path.suffix.lower() not in IMAGE_SUFFIXES:
            raise RecordError(f"{field}.path", f"{ref['path']!r} is not an image (jpg, png, gif, webp)")
        if self.dry_run:
            return None
        key = f"media:{PurePosixPath(ref['path'].replace(chr(92), '/'))}"
        digest = _digest(path)
        item = LegacyItem.objects.filter(legacy_id=key).first()
        obj = model.objects.filter(pk=item.object_id).first() if item else None
        if obj is not None and item.content_hash == digest:
            return obj.pk
        obj = obj or model(title=(ref.get("title") or path.stem)[:255])
        if collection_name:
            obj.collection = _collection(collection_name)
        with open(path, "rb") as handle:
            obj.file = File(handle, name=path.name)
            obj.save()
        LegacyItem.objects.update_or_create(
            legacy_id=key,
            defaults={
                "kind": model._meta.model_name,
                "content_type": ContentType.objects.get_for_model(model),
                "object_id": obj.pk,
                "content_hash": digest,
            },
        )
        return obj.pk


def _collection(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)
