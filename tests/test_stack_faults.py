"""What readers get while a service of the running stack (make stack) fails, and after it returns.

For each fault (PostgreSQL stopped for 15 s, one app server killed, the worker stopped, Redis
stopped for 15 s, the S3 server stopped for 15 s) readers keep asking Varnish for cached pages,
uncached pages (search) and the Contact form while it lasts and for 30 s after the service
returns. The pass marks (issue 31): no 5xx at all, except while the database is down, when only
the site's own 503 page (Retry-After, what was typed kept) may answer; every process running and
every page 200 within 30 s of the service's return, without anyone stepping in; every message a
reader was thanked for stored and mailed.

These tests stop PostgreSQL, which the test database shares: they run alone and last
(`make test-faults`, marked `faults`, left out of `make test`). The table of answers is printed
(pytest -s) and written to var/stack/faults.txt.
"""

import http.cookiejar
import json
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings

from core.unavailable import RETRY_AFTER_SECONDS
from pages.models.contact import MESSAGES_PER_ADDRESS
from tests.html import field_for, form_of
from tests.test_stack import MAIL_LOG, on_stack, running_stack

pytestmark = pytest.mark.faults

STACK = Path(settings.BASE_DIR) / "deploy" / "stack.sh"
REPORT = Path(settings.BASE_DIR) / "var" / "stack" / "faults.txt"
OUTAGE_SECONDS = 15
AFTER_SECONDS = 30  # the pass mark: everything back within this long
POST_EVERY_SECONDS = 9  # MESSAGES_PER_ADDRESS posts fit in an outage and the 30 s after it
READERS = 2
SITE_503_HEADINGS = {"The site is not available just now", "Сайт сейчас недоступен"}
THANKS = "Thank you, your message has reached the EGF office."
CONTACT_VALUES = {"Your name": "Fault Reader", "Your e-mail": "reader@example.org", "Subject": "Outage"}

ROWS = []  # one per fault, printed and written at the end


@dataclass
class Answer:
    at: float  # seconds since the fault began
    kind: str  # "page", "search" or "form"
    path: str
    status: int
    site_503: bool = False  # the site's own 503 page, not Varnish's
    marker: str = ""  # a form's message
    thanked: bool = False
    typed_kept: bool = False  # a 503 for a form shows back what was typed


@dataclass
class Run:
    start: float = field(default_factory=time.monotonic)
    returned: float = 0.0  # seconds since start when the service was back (started again)
    answers: list = field(default_factory=list)
    states: list = field(default_factory=list)  # (seconds, {process: (state, pid)})
    lock: threading.Lock = field(default_factory=threading.Lock)

    def now(self):
        return time.monotonic() - self.start

    def add(self, answer):
        with self.lock:
            self.answers.append(answer)


def request(opener, url, data=None, headers=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(urllib.request.Request(url, body, headers or {}), timeout=60) as response:
            return response.status, response.headers, response.read().decode(errors="replace")
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode(errors="replace")
    except OSError:
        return 0, {}, ""  # no answer at all: counted as a failure like any 5xx


def is_site_503(status, headers, body):
    if status != 503 or headers.get("Retry-After") != str(RETRY_AFTER_SECONDS):
        return False
    heading = BeautifulSoup(body, "html.parser").select_one("h1")
    return heading is not None and heading.get_text(strip=True) in SITE_503_HEADINGS


def ctl_states():
    """{process: (state, pid)} from supervisorctl."""
    result = subprocess.run([str(STACK), "ctl", "status"], capture_output=True, text=True, timeout=30)
    states = {}
    for line in result.stdout.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            pid = parts[3].rstrip(",") if len(parts) > 3 and parts[2] == "pid" else ""
            states[parts[0]] = (parts[1], pid)
    return states


def stack_command(*args):
    subprocess.run([str(STACK), *args], check=True, capture_output=True, text=True, timeout=180)


class Readers:
    """Reader threads asking Varnish for pages and search, and one sending the Contact form, until
    stopped; every answer is recorded in the run."""

    def __init__(self, front, pages, contact_url, run, fault_name):
        self.front, self.pages, self.contact_url, self.run = front, pages, contact_url, run
        self.fault_name = fault_name
        self.stopping = threading.Event()
        self.posted = 0
        self.form = self.contact_form()
        self.threads = [threading.Thread(target=self.read, args=(n,)) for n in range(READERS)]
        self.threads += [threading.Thread(target=self.send_forms), threading.Thread(target=self.watch)]

    def contact_form(self):
        """The Contact form as a reader has it on screen before the fault: its cookie and fields."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        status, _headers, body = request(opener, self.front + self.contact_url)
        assert status == 200, f"the Contact page answered {status} before the fault"
        form = form_of(BeautifulSoup(body, "html.parser"))
        fields = {field_for(form, label)["name"]: value for label, value in CONTACT_VALUES.items()}
        fields["csrfmiddlewaretoken"] = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
        return opener, fields, field_for(form, "Message")["name"]

    def start(self):
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def read(self, n):
        opener = urllib.request.build_opener()  # no cookies: what Varnish shares with everyone
        i = n
        while not self.stopping.is_set():
            kind, path = self.pages[i % len(self.pages)]
            i += 1
            at = self.run.now()
            status, headers, body = request(opener, self.front + path)
            self.run.add(Answer(at, kind, path, status, is_site_503(status, headers, body)))
            self.stopping.wait(0.2)

    def send_forms(self):
        opener, fields, message_name = self.form
        while self.posted < MESSAGES_PER_ADDRESS and not self.stopping.is_set():
            marker = f"fault-{self.fault_name}-{self.posted}-{uuid.uuid4().hex[:8]}"
            data = {**fields, message_name: f"Question sent during {marker}, please answer."}
            url = self.front + self.contact_url
            at = self.run.now()
            status, headers, body = request(opener, url, data, {"Referer": url, "Origin": self.front})
            self.posted += 1
            self.run.add(
                Answer(
                    at,
                    "form",
                    self.contact_url,
                    status,
                    is_site_503(status, headers, body),
                    marker,
                    thanked=status == 200 and THANKS in BeautifulSoup(body, "html.parser").get_text(" "),
                    typed_kept=marker in body,
                )
            )
            self.stopping.wait(POST_EVERY_SECONDS)

    def watch(self):
        while not self.stopping.is_set():
            states = ctl_states()
            with self.run.lock:
                self.run.states.append((self.run.now(), states))
            self.stopping.wait(1)


def all_running(states):
    return bool(states) and all(state == "RUNNING" for state, _pid in states.values())


def processes_back_after(run, replaced=None):
    """Seconds from the service's return until every process was RUNNING (and stayed so to the end
    of the run), the process named ``replaced`` (name, old pid) under a new pid; None if never."""
    back = None
    for at, states in run.states:
        ok = all_running(states) and (replaced is None or states.get(replaced[0], ("", ""))[1] != replaced[1])
        if not ok:
            back = None
        elif back is None:
            back = at
    return None if back is None else max(0.0, back - run.returned)


def pages_back_after(run):
    """Seconds from the service's return until the last answer that was not a 200."""
    failures = [answer.at for answer in run.answers if answer.status != 200 and answer.at >= run.returned]
    return max(0.0, max(failures) - run.returned) if failures else 0.0


def stored_and_mailed(stack, markers):
    """The markers found in stored Contact messages, and those found in the mail sink's log."""
    found = on_stack(
        stack,
        "import json\n"
        "from wagtail.contrib.forms.models import FormSubmission\n"
        f"markers = {json.dumps(markers)}\n"
        "texts = [json.dumps(s.form_data) for s in FormSubmission.objects.order_by('-pk')[:500]]\n"
        "print(json.dumps([m for m in markers if any(m in t for t in texts)]))",
    )
    stored = set(json.loads(found))
    mail = MAIL_LOG.read_text(errors="replace") if MAIL_LOG.exists() else ""
    return stored, {marker for marker in markers if marker in mail}


def counts(answers):
    counter = Counter(
        "503 site" if a.site_503 else ("no answer" if a.status == 0 else str(a.status)) for a in answers
    )
    return ", ".join(f"{name}: {n}" for name, n in sorted(counter.items())) or "-"


def write_report():
    lines = [
        "Fault | while down | 30 s after | forms thanked / stored / mailed | processes back | all pages 200",
        "--- | --- | --- | --- | --- | ---",
        *ROWS,
    ]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n")
    print("\n" + "\n".join(lines))


@pytest.fixture(scope="module")
def stack():
    yield running_stack()
    write_report()


@pytest.fixture(scope="module")
def reading_list(stack):
    article, contact = on_stack(
        stack,
        "from pages.models import ArticlePage, ContactPage\n"
        "print(ArticlePage.objects.live().public().filter(locale__language_code='en').order_by('-date').first().url)\n"
        "print(ContactPage.objects.live().filter(locale__language_code='en').first().url)",
    ).split()
    pages = [("page", path) for path in ["/en/", "/ru/", "/en/context/", article, "/sitemap.xml"]]
    pages += [("search", "/en/search/?q=gas"), ("search", "/ru/search/?q=" + urllib.parse.quote("газ"))]
    return pages, contact


def settled(stack, pages, seconds=90):
    """Waits until every process runs and every page answers 200 (the previous fault is over)."""
    opener = urllib.request.build_opener()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if all_running(ctl_states()) and all(
            request(opener, stack["STACK_FRONT_URL"] + path)[0] == 200 for _kind, path in pages
        ):
            return
        time.sleep(1)
    pytest.fail("the stack did not settle before the fault")


def victim(name):
    return name, ctl_states()[name][1]


FAULTS = {
    # name: (what fails, what brings it back (None: nobody: supervisord), process replaced)
    "postgres": (
        lambda: stack_command("service", "postgres", "stop"),
        lambda: stack_command("service", "postgres", "start"),
        None,
    ),
    "app-server": (None, None, "web:web-8001"),
    "worker": (None, None, "worker"),
    "redis": (
        lambda: stack_command("service", "redis", "stop"),
        lambda: stack_command("service", "redis", "start"),
        None,
    ),
    "s3": (
        lambda: stack_command("service", "s3", "stop"),
        lambda: stack_command("service", "s3", "start"),
        None,
    ),
}
KILL_SIGNAL = {"app-server": "-KILL", "worker": "-TERM"}


@pytest.mark.parametrize("fault", list(FAULTS))
def test_readers_keep_the_site_through_a_fault(stack, reading_list, fault):
    pages, contact_url = reading_list
    settled(stack, pages)
    on_stack(stack, "from django.core.cache import cache; cache.clear()")  # the Contact form's limit
    stop, restart, process = FAULTS[fault]
    run = Run()
    readers = Readers(stack["STACK_FRONT_URL"], pages, contact_url, run, fault)
    replaced = victim(process) if process else None
    run.start = time.monotonic()  # the clock starts with the fault
    readers.start()
    try:
        if process:
            subprocess.run(["kill", KILL_SIGNAL[fault], replaced[1]], check=True)
            run.returned = run.now()  # nobody brings it back: supervisord does
        else:
            stop()
            time.sleep(OUTAGE_SECONDS)
            restart()
            run.returned = run.now()
        time.sleep(AFTER_SECONDS)
    finally:
        readers.stop()
        if restart is not None and not run.returned:
            restart()

    during = [a for a in run.answers if a.at < run.returned]
    after = [a for a in run.answers if a.at >= run.returned]
    forms = [a for a in run.answers if a.kind == "form"]
    thanked = [a.marker for a in forms if a.thanked]
    deadline = time.monotonic() + 60  # the worker delivers the mails it was given meanwhile
    while True:
        stored, mailed = stored_and_mailed(stack, thanked)
        if len(mailed) == len(thanked) or time.monotonic() > deadline:
            break
        time.sleep(2)
    processes_back = processes_back_after(run, replaced)
    pages_back = pages_back_after(run)
    final = {
        path: request(urllib.request.build_opener(), stack["STACK_FRONT_URL"] + path)[0] for _k, path in pages
    }
    ROWS.append(
        f"{fault} | {counts(during)} | {counts(after)} | {len(thanked)} / {len(stored)} / {len(mailed)} | "
        f"{'never' if processes_back is None else f'{processes_back:.0f} s'} | {pages_back:.0f} s"
    )

    server_errors = [a for a in run.answers if a.status >= 500 or a.status == 0]
    if fault == "postgres":
        assert all(a.site_503 for a in server_errors), (
            "only the site's own 503 page while the database is down"
        )
        assert all(a.typed_kept for a in forms if a.site_503), "the 503 page keeps what the reader typed"
    else:
        assert server_errors == [], f"no 5xx while {fault} is down: {counts(server_errors)}"
    assert processes_back is not None and processes_back <= AFTER_SECONDS, "every process back within 30 s"
    assert pages_back <= AFTER_SECONDS, "every page 200 within 30 s of the service's return"
    assert set(final.values()) == {200}, f"every page 200 at the end: {final}"
    assert stored == set(thanked), "every message a reader was thanked for is stored"
    assert mailed == set(thanked), "and mailed to the office"
