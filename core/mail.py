"""The site's e-mails leave the request: each one is a background task that retries a failing mail server.

``send_or_log`` hands the message to the task backend (the worker in production, at once in
development and tests). A mail server that refuses, hangs (``EMAIL_TIMEOUT``) or errors is logged
and the message is tried again later, up to ``MAIL_ATTEMPTS`` times; what the reader sent is
already saved, so a failing mail server never costs them anything.
"""

import logging
from datetime import timedelta

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

MAIL_ATTEMPTS = 5
FIRST_RETRY = timedelta(minutes=1)  # doubled after each failed attempt: 1, 2, 4, 8 minutes


def message_data(message):
    """The parts of an EmailMessage a task can carry (JSON), alternatives (HTML) included."""
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
    }


def message_from(data):
    alternatives = data.pop("alternatives", [])
    message = EmailMultiAlternatives(**data) if alternatives else EmailMessage(**data)
    for content, mimetype in alternatives:
        message.attach_alternative(content, mimetype)
    return message


@task()
def deliver_email(data, attempt=1):
    message = message_from(dict(data))
    try:
        message.send()
    except OSError:  # SMTP errors, refused connections and timeouts are all OSErrors
        if attempt < MAIL_ATTEMPTS and deliver_email.get_backend().supports_defer:
            retry_at = timezone.now() + FIRST_RETRY * 2 ** (attempt - 1)
            logger.warning(
                "Could not send the e-mail %r to %s (attempt %d of %d); trying again at %s",
                message.subject,
                message.to,
                attempt,
                MAIL_ATTEMPTS,
                retry_at.isoformat(),
                exc_info=True,
            )
            deliver_email.using(run_after=retry_at).enqueue(data, attempt + 1)
        else:
            logger.exception("Could not send the e-mail %r to %s; giving up", message.subject, message.to)


def send_or_log(message):
    """Sends one EmailMessage in the background; never fails the request that wrote it."""
    deliver_email.enqueue(message_data(message))
