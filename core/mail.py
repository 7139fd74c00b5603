"""Sending the site's notification e-mails without failing the request that caused them."""

import logging

logger = logging.getLogger(__name__)


def send_or_log(message):
    """Sends one EmailMessage. A mail server that fails (SMTP errors are OSErrors) is logged and
    the caller carries on: what the reader did is already saved and staff find it in the admin."""
    try:
        message.send()
    except OSError:
        logger.exception("Could not send the e-mail %r to %s", message.subject, message.to)
