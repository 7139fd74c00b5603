"""Form data that is not text in its declared encoding, or that holds a NUL, is refused with the 400
page, never stored and never shown back.

Django decodes form data leniently: invalid bytes (``%FF`` in a urlencoded body, a raw ``\\xff`` in a
multipart field) become U+FFFD, and a urlencoded body that is not in its charset is read as Latin-1,
so a view would save garbled text as if the reader had typed it.

- A urlencoded body is decoded again, strictly.
- A multipart body is checked after Django has parsed it, field names and values (files are not
  text): a U+FFFD there is either a character the reader's bytes really held (``EF BF BD``) or
  Django's mark for bytes it could not read. When the body is small enough to be held in memory
  (``DATA_UPLOAD_MAX_MEMORY_SIZE``, which every form of the public site is), it is read first and a
  value with U+FFFD is taken only if its UTF-8 bytes are in the body as sent. A larger body is an
  upload in the admin; there a field with U+FFFD is refused outright (the body was streamed, so
  nothing can tell the two apart, and a U+FFFD typed on purpose is rarer than a garbled one).

NUL is never typed text: a form holding one is refused, and no page can echo it back.
"""

import logging
from urllib.parse import parse_qsl

from django.conf import settings
from django.utils.translation import gettext as _

from core.error_pages import bad_request_page

logger = logging.getLogger(__name__)

FORM_TYPE = "application/x-www-form-urlencoded"
MULTIPART_TYPE = "multipart/form-data"
REPLACEMENT = "\ufffd"
NUL = "\x00"


def _urlencoded_pairs(request):
    """The body's (name, value) pairs, or None when it is not text in the request's charset."""
    encoding = request.encoding or settings.DEFAULT_CHARSET
    try:
        return parse_qsl(
            request.body.decode(encoding), keep_blank_values=True, encoding=encoding, errors="strict"
        )
    except UnicodeDecodeError:
        return None


def _held_in_memory(request):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return limit is not None and 0 < length <= limit


def _multipart_pairs(request):
    """The (name, value) pairs of the non-file parts, or None when a part was not readable text."""
    encoding = request.encoding or settings.DEFAULT_CHARSET
    body = request.body if _held_in_memory(request) else None  # Django then parses this copy
    pairs = [(name, value) for name, values in request.POST.lists() for value in values]
    for text in (text for pair in pairs for text in pair if REPLACEMENT in text):
        if body is None:
            return None
        try:
            sent_as_is = text.encode(encoding) in body
        except UnicodeEncodeError:
            sent_as_is = False
        if not sent_as_is:
            return None
    return pairs


def refusal(request):
    """Why the request's form data cannot be taken, for the reader; None when it can."""
    if request.method != "POST":
        return None
    if request.content_type == FORM_TYPE:
        pairs = _urlencoded_pairs(request)
    elif request.content_type == MULTIPART_TYPE:
        pairs = _multipart_pairs(request)
    else:
        return None
    if pairs is None:
        return _(
            "The form data could not be read: some characters arrived garbled. "
            "Nothing was saved. Please go back to the form and send it again."
        )
    if any(NUL in text for pair in pairs for text in pair):
        return _(
            "The form data could not be read: it held a control character that is never part of "
            "typed text. Nothing was saved. Please go back to the form and send it again."
        )
    return None


class FormEncodingMiddleware:
    """Below CommonMiddleware (the host is checked, the language chosen), above CSRF and the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reason = refusal(request)
        if reason is not None:
            logger.warning("Refused form data that is not readable text: %s", request.path)
            return bad_request_page(request, reason)
        return self.get_response(request)
