"""Uploaded media in S3-compatible object storage, for several app servers sharing one private bucket.

With ``AWS_STORAGE_BUCKET_NAME`` set, ``STORAGES["default"]`` is ``MediaStorage``: original images,
renditions and documents are objects in the bucket, and no file lives on an app server's disk.
The bucket stays private; readers never get a bucket address:

- ``MediaStorage.url()`` answers the site's own address (``MEDIA_URL`` + key) instead of a signed
  bucket URL, so cached pages never hold a link that expires or that can be passed around.
- ``serve_rendition`` (mounted at ``MEDIA_URL`` by ``config/urls.py``) streams renditions
  (``images/…``) from the bucket with a year-long ``Cache-Control``, for a page cache or CDN in front.
  Every rendition key is new (``get_available_name`` adds a random part), so a cached copy can
  never be of another picture. Original images and documents are never served here.
- Documents reach readers only through Wagtail's document view (``/documents/<id>/<name>``,
  ``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which checks collection view restrictions and then
  streams the object.
"""

import mimetypes
import posixpath
import re

from botocore.exceptions import ClientError
from django.conf import settings
from django.http import Http404, HttpResponseNotModified, StreamingHttpResponse
from django.urls import re_path
from django.utils.encoding import filepath_to_uri
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from storages.backends.s3 import S3Storage

# The only keys the media view serves: Wagtail's renditions. Originals ("original_images/") and
# documents ("documents/") stay in the bucket.
PUBLIC_PREFIXES = ("images/",)
# A rendition's key never names other bytes (see MediaStorage.get_available_name).
RENDITION_CACHE_CONTROL = "public, max-age=31536000, immutable"
CHUNK_SIZE = 64 * 1024
NOT_MODIFIED = 304


class MediaStorage(S3Storage):
    """django-storages' S3 backend for a private bucket, with site-relative URLs.

    Connection settings (bucket, endpoint, keys, region, addressing style, key prefix) are the
    ``AWS_*`` settings of ``config/settings/base.py``, read when the storage is built.
    """

    # Two uploads with one file name must never share (or overwrite) an object.
    file_overwrite = False
    # No ACL is sent: objects get the bucket's own, private, permissions.
    default_acl = None
    querystring_auth = True
    # Files read back (documents being served, originals being resized) spill to a temporary file
    # above this size instead of being held in memory.
    max_memory_size = 5 * 1024 * 1024

    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + filepath_to_uri(name)

    def get_available_name(self, name, max_length=None):
        if name.startswith(PUBLIC_PREFIXES):
            # Cached for a year by whoever sits in front: a deleted rendition's key must not come back.
            directory, file_name = posixpath.split(name)
            root, extension = posixpath.splitext(file_name)
            name = posixpath.join(directory, self.get_alternative_name(root, extension))
        return super().get_available_name(name, max_length)


def rendition_storage():
    """Wagtail's storage for renditions (the default storage unless WAGTAILIMAGES_RENDITION_STORAGE)."""
    from wagtail.images.models import get_rendition_storage  # needs the app registry

    return get_rendition_storage()


def in_object_storage():
    """Whether renditions live in a MediaStorage bucket (and the media view has something to serve)."""
    return isinstance(rendition_storage(), MediaStorage)


def public_key(name):
    """name if it is a rendition key as written by MediaStorage, else None (no '..', no doubled '/')."""
    if posixpath.normpath(name) != name or "\\" in name or not name.startswith(PUBLIC_PREFIXES):
        return None
    return name


@require_safe
def serve_rendition(request, name):
    storage = rendition_storage()
    if not isinstance(storage, MediaStorage) or public_key(name) is None:
        raise Http404("No such image.")
    conditions = {}
    if "If-None-Match" in request.headers:
        conditions["IfNoneMatch"] = request.headers["If-None-Match"]
    try:
        obj = storage.connection.meta.client.get_object(
            Bucket=storage.bucket_name, Key=storage._normalize_name(name), **conditions
        )
    except ClientError as error:
        status = error.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if status == NOT_MODIFIED:
            response = HttpResponseNotModified()
            response["ETag"] = request.headers["If-None-Match"]
            response["Cache-Control"] = RENDITION_CACHE_CONTROL
            return response
        if status == 404:
            raise Http404("No such image.") from error
        raise  # e.g. 403: the site's keys are wrong; a server error, logged, not a missing picture
    content_type = obj.get("ContentType") or mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = StreamingHttpResponse(_ObjectBody(obj["Body"]), content_type=content_type)
    response["Content-Length"] = obj["ContentLength"]
    response["Cache-Control"] = RENDITION_CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    if obj.get("ETag"):
        response["ETag"] = obj["ETag"]
    if obj.get("LastModified"):
        response["Last-Modified"] = http_date(obj["LastModified"].timestamp())
    return response


class _ObjectBody:
    """The object's bytes in chunks; closed with the response, read to the end or not (HEAD)."""

    def __init__(self, body):
        self.body = body

    def __iter__(self):
        return self.body.iter_chunks(CHUNK_SIZE)

    def close(self):
        self.body.close()


def urlpatterns():
    """The media view at MEDIA_URL; it answers 404 unless renditions live in the bucket."""
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{re.escape(prefix)}(?P<name>.+)$", serve_rendition, name="media_rendition")]
