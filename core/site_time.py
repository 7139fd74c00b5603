"""Moments shown to staff in the site's own time zone (TIME_ZONE), with the zone named.

Wagtail's admin renders some values in the time zone a staff member chose in their account and
others in UTC; a time that staff compare between pages (when an order request arrived, when it was
handled) is given here in one zone, labelled, so the same moment reads the same everywhere.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils.formats import date_format


def in_site_time(moment):
    """The aware datetime ``moment`` as the site's clock shows it."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE))


def site_time_text(moment):
    """'15 January 2025, 10:30 CET': the date and time in the site's zone, with its abbreviation."""
    return date_format(in_site_time(moment), "j F Y, H:i T")
