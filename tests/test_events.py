"""Events: upcoming and past lists, the event page, and its calendar (.ics) download."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from pages.models import EventIndexPage, EventPage
from tests.factories import EventPageFactory
from tests.html import fetch

EVENTS_URL = "/en/context/events/"
BRUSSELS = ZoneInfo("Europe/Brussels")
# 10:00 in Brussels on a summer Saturday is 08:00 UTC.
SUMMER_START = datetime(2030, 6, 15, 10, 0, tzinfo=BRUSSELS)
LONG_CYRILLIC = "Круглый стол: энергетическая безопасность Черноморского региона и Южного Кавказа"


def section_events(soup, heading_id):
    """(title, start) of each event listed in one section of the events page."""
    section = soup.find("section", attrs={"aria-labelledby": heading_id})
    return [
        (
            item.select_one(".listing-title a").get_text(strip=True),
            datetime.fromisoformat(item.time["datetime"]),
        )
        for item in section.select("article.listing-item")
    ]


def download(client, event):
    response = client.get(f"{event.url}ics/")
    assert response.status_code == 200
    return response


def unfolded_lines(text):
    return text.replace("\r\n ", "").split("\r\n")


def properties(text):
    """NAME -> value of each content line of the calendar, after unfolding."""
    return dict(line.split(":", 1) for line in unfolded_lines(text) if line)


@pytest.fixture
def events_index(demo):
    return EventIndexPage.objects.descendant_of(demo["home"]).get(url_path__endswith="/context/events/")


@pytest.fixture
def summer_event(events_index):
    return EventPageFactory(
        parent=events_index,
        title="Energy, security; and trust",
        start=SUMMER_START,
        end=SUMMER_START + timedelta(hours=3, minutes=30),
    )


# --- the events list -----------------------------------------------------------------------------
def test_upcoming_events_come_first_in_date_order_and_past_ones_latest_first(client, events_index):
    now = timezone.now()
    soup = fetch(client, EVENTS_URL)
    upcoming = section_events(soup, "upcoming-heading")
    past = section_events(soup, "past-heading")

    assert [start for _title, start in upcoming] == sorted(start for _title, start in upcoming)
    assert [start for _title, start in past] == sorted((start for _title, start in past), reverse=True)
    assert all(start >= now for _title, start in upcoming)
    assert all(start < now for _title, start in past)

    events = EventPage.objects.child_of(events_index).live()
    assert {title for title, _start in upcoming} == {e.title for e in events if e.start >= now}
    assert len(past) == min(10, events.filter(start__lt=now).count()) > 0
    headings = [section.h2.get_text(strip=True) for section in soup.select("main section")]
    assert headings == ["Upcoming events", "Past events"]


def test_new_event_appears_in_its_place(client, events_index):
    soonest = EventPageFactory(
        parent=events_index, title="Breakfast briefing", start=timezone.now() + timedelta(days=1)
    )
    latest_past = EventPageFactory(
        parent=events_index, title="Yesterday's seminar", start=timezone.now() - timedelta(days=1)
    )
    soup = fetch(client, EVENTS_URL)
    assert section_events(soup, "upcoming-heading")[0][0] == soonest.title
    assert section_events(soup, "past-heading")[0][0] == latest_past.title


# --- the event page ------------------------------------------------------------------------------
def test_event_page_shows_date_venue_and_calendar_link(client, summer_event):
    soup = fetch(client, summer_event.url)
    facts = soup.select_one("dl.event-facts")
    assert "Saturday 15 June 2030, 10:00" in facts.get_text()
    assert datetime.fromisoformat(facts.time["datetime"]) == SUMMER_START
    assert "Residence Palace, Brussels" in facts.get_text()
    link = soup.find("a", string="Add to calendar (.ics)")
    assert link["href"] == f"{summer_event.url}ics/"


# --- the calendar download -----------------------------------------------------------------------
def test_ics_download_is_a_calendar_attachment(client, summer_event):
    response = download(client, summer_event)
    assert response["Content-Type"].split(";")[0] == "text/calendar"
    assert response["Content-Disposition"] == f'attachment; filename="{summer_event.slug}.ics"'


def test_ics_uses_crlf_line_endings(client, summer_event):
    text = download(client, summer_event).content.decode()
    assert text.endswith("\r\n")
    assert text.count("\n") == text.count("\r\n")


def test_ics_describes_the_event_in_utc(client, summer_event):
    text = download(client, summer_event).content.decode()
    lines = unfolded_lines(text)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT") < lines.index("END:VCALENDAR")
    found = properties(text)
    assert found["DTSTART"] == "20300615T080000Z"
    assert found["DTEND"] == "20300615T113000Z"
    assert found["SUMMARY"] == r"Energy\, security\; and trust"
    assert found["LOCATION"] == r"Residence Palace\, Brussels"
    assert found["URL"].endswith(summer_event.url)


@pytest.mark.parametrize(
    "title", [LONG_CYRILLIC, " ".join(["A long English title"] * 6)], ids=["cyrillic", "latin"]
)
def test_long_lines_are_folded_at_75_octets(client, events_index, title):
    event = EventPageFactory(parent=events_index, title=title, start=SUMMER_START)
    text = download(client, event).content.decode("utf-8")
    physical = text.split("\r\n")[:-1]
    assert max(len(line.encode("utf-8")) for line in physical) <= 75
    summary = next(number for number, line in enumerate(physical) if line.startswith("SUMMARY:"))
    assert physical[summary + 1].startswith(" ")
    assert properties(text)["SUMMARY"] == title


def test_event_without_end_gets_an_end_after_its_start(client, events_index):
    event = EventPageFactory(parent=events_index, title="Open-ended discussion", start=SUMMER_START)
    found = properties(download(client, event).content.decode())
    assert found["DTSTART"] == "20300615T080000Z"
    assert found["DTEND"] > found["DTSTART"]


def test_unknown_sub_address_of_an_event_is_not_found(client, summer_event):
    assert client.get(f"{summer_event.url}calendar.ics/").status_code == 404
