"""Form data that is not text in its declared encoding is refused with the 400 page, never stored.

Django decodes a urlencoded body leniently (invalid bytes such as ``%FF`` become U+FFFD, a body
that is not in its charset is read as Latin-1), so a view would save garbled text as if the reader
had typed it. Multipart bodies (uploads) are left to Django.
"""

import logging
from urllib.parse import parse_qsl

from django.conf import settings
from django.utils.translation import gettext as _

from core.error_pages import bad_request_page

logger = logging.getLogger(__name__)

FORM_TYPE = "application/x-www-form-urlencoded"


def readable_form(request):
    """True when the body and every percent-decoded name and value are text in the request's charset."""
    encoding = request.encoding or settings.DEFAULT_CHARSET
    try:
        parse_qsl(request.body.decode(encoding), keep_blank_values=True, encoding=encoding, errors="strict")
    except UnicodeDecodeError:
        return False
    return True


class FormEncodingMiddleware:
    """Below CommonMiddleware (the host is checked, the language chosen), above CSRF and the views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == FORM_TYPE and not readable_form(request):
            logger.warning(
                "Refused form data that is not valid %s text: %s", request.encoding or "UTF-8", request.path
            )
            return bad_request_page(
                request,
                _(
                    "The form data could not be read: some characters arrived garbled. "
                    "Nothing was saved. Please go back to the form and send it again."
                ),
            )
        return self.get_response(request)
