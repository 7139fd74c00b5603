"""iCalendar (RFC 5545) text for one event, written by hand: one VEVENT needs no library."""

from datetime import UTC, timedelta

from django.utils import timezone as django_timezone

from core.absolute_urls import absolute_url

DEFAULT_DURATION = timedelta(hours=2)


def _escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _fold(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def event_calendar(event, request):
    end = event.end or event.start + DEFAULT_DURATION
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//European Geopolitical Forum//Events//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.translation_key}@egf",
        f"DTSTAMP:{_utc(django_timezone.now())}",
        f"DTSTART:{_utc(event.start)}",
        f"DTEND:{_utc(end)}",
        f"SUMMARY:{_escape(event.title)}",
        f"DESCRIPTION:{_escape(event.summary)}",
        f"LOCATION:{_escape(event.venue)}",
        f"URL:{absolute_url(event.get_url(request))}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
