"""Load-tests key pages of the demo site with wrk, served the production way by gunicorn.

Everything runs in its own database and folders under var/bench/ (or BENCH_DATABASE_URL when set),
so the developer's db.sqlite3 is never touched; its own Redis (the shared cache production needs)
and its own Varnish (deploy/varnish/run.sh) run on the ports after --port. Each page is loaded
straight from gunicorn (uncached) and through Varnish (the page cache), each beside the bare
/healthz/ view measured in the same run, so runs on a noisy machine compare as ratios. Then the
same pages and the deep Context pages are timed in-process (time_pages), with their SQL queries.
"""

import html
import json
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from importlib.util import find_spec
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.bench_servers import (
    LOG_TAIL_LINES,
    VARNISH_PORT_OFFSET,
    bench_environment,
    fetch,
    fetch_ok,
    require_free_port,
    start_redis,
    tail,
    varnish_environment,
    wait_until_up,
)
from demo.wrk import run_wrk

DEFAULT_ARTICLES = 10_000
DEFAULT_DURATION = 10
DEFAULT_PORT = 8765
HOST = "127.0.0.1"
WORKERS = 2
WRK_CONNECTIONS = 8
FLOOR_PATH = "/healthz/"
HOME_PATH = "/en/"
CONTEXT_PATH = "/en/context/"
EXPERTS_PATH = "/en/experts/"
FORUM_PATH = "/en/forum/"
SHOP_PATH = "/en/egf-shop/"
LISTING_LINK = r'class="listing-title"><a href="([^"]+)"'
REDIS_PORT_OFFSET = 1
LISTING_PAGE_SIZE = 10
ADMIN_ARTICLES = "/admin/articles/"
ADMIN_PAGE_SIZE = 50


class Command(BaseCommand):
    help = (
        "Seed a separate demo database, serve it with gunicorn (production settings) on a loopback "
        "port, check every menu and footer link, and load key pages with wrk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=DEFAULT_ARTICLES,
            help=f"How many articles the benchmark archive holds (default {DEFAULT_ARTICLES}).",
        )
        parser.add_argument(
            "--duration",
            type=int,
            default=DEFAULT_DURATION,
            help=f"Seconds of wrk load per page (default {DEFAULT_DURATION}).",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=DEFAULT_PORT,
            help=f"Loopback port gunicorn listens on (default {DEFAULT_PORT}).",
        )

    def handle(self, *args, articles, duration, port, **options):
        wrk = require_tools()
        for used in (port, port + VARNISH_PORT_OFFSET, port + VARNISH_PORT_OFFSET + 1):
            require_free_port(used)
        bench_dir = settings.BASE_DIR / "var" / "bench"
        bench_dir.mkdir(parents=True, exist_ok=True)
        env = bench_environment(bench_dir, articles)
        redis = start_redis(bench_dir, port + REDIS_PORT_OFFSET)
        env["REDIS_URL"] = f"redis://{HOST}:{port + REDIS_PORT_OFFSET}/0"
        self.stdout.write(f"Benchmark database: {env['DATABASE_URL']}")
        try:
            results, cached, queries, timings, failures = self._measure(
                wrk, env, bench_dir, articles, duration, port
            )
        finally:
            redis.terminate()
            redis.wait()
        self._print_table(results, cached, queries)
        self._print_in_process(timings)
        log_path = bench_dir / "gunicorn.log"
        if any(status >= 500 for _url, status in failures):
            self.stdout.write(f"gunicorn log ({log_path}), last {LOG_TAIL_LINES} lines:")
            self.stdout.write(tail(log_path))
            raise CommandError("Some menu or footer links answered 5xx.")

    def _measure(self, wrk, env, bench_dir, articles, duration, port):
        self._prepare(env, articles)
        base = f"http://{HOST}:{port}"
        log_path = bench_dir / "gunicorn.log"
        server = self._start_server(env, port, log_path)
        cache_env = varnish_environment(bench_dir, port)
        try:
            wait_until_up(server, base + FLOOR_PATH, log_path)
            failures = self._check_menu_links(base)
            pages = self._choose_pages(base)
            self.stdout.write("Counting SQL queries per page (second request, warm caches)…")
            queries = count_queries(env, [path for _name, path in pages])
            results = [self._load(wrk, base, name, path, duration) for name, path in pages]
            self.stdout.write("Through Varnish (the page cache)…")
            self._varnish(cache_env, "start")
            front = f"http://{cache_env['VARNISH_LISTEN']}"
            cached = [self._load(wrk, front, name, path, duration) for name, path in pages]
        finally:
            self._varnish(cache_env, "stop")
            server.terminate()
            server.wait()
        self.stdout.write("Timing pages in-process (median of warm requests)…")
        timings = time_in_process(env, *in_process_paths(pages, articles))
        return results, cached, queries, timings, failures

    def _prepare(self, env, articles):
        """Migrate, seed and collect static files in the benchmark's own database and folders."""
        self._manage(env, "migrate", "--noinput")
        started = time.monotonic()
        self._manage(env, "seed_demo", "--articles", str(articles))
        self.stdout.write(f"Seeding took {time.monotonic() - started:.1f} s of wall time.")
        self._manage(env, "collectstatic", "--noinput")

    def _manage(self, env, *arguments):
        """Run a manage.py command under the benchmark environment, relaying its output as it comes."""
        self.stdout.write(f"Running manage.py {' '.join(arguments)}…")
        process = subprocess.Popen(
            manage_command(*arguments),
            env=env,
            cwd=settings.BASE_DIR,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for line in process.stdout:
            self.stdout.write(f"  {line.rstrip()}")
        if process.wait() != 0:
            raise CommandError(f"manage.py {' '.join(arguments)} failed (exit {process.returncode}).")

    def _start_server(self, env, port, log_path):
        """gunicorn as in production; its log is kept to show tracebacks of any 500."""
        self.stdout.write(f"Starting gunicorn ({WORKERS} workers) on {HOST}:{port}, log in {log_path}…")
        with open(log_path, "w") as log:
            return subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi:application",
                    "--workers",
                    str(WORKERS),
                    "--bind",
                    f"{HOST}:{port}",
                    "--no-control-socket",
                ],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def _check_menu_links(self, base):
        """Every page reachable from the menus must answer; returns the links that did not."""
        links = sorted(local_links(base, menu_links(fetch_ok(base + HOME_PATH))))
        self.stdout.write(f"Checking {len(links)} header and footer links…")
        statuses = {url: fetch(url)[0] for url in links}
        failures = [(url, status) for url, status in statuses.items() if status >= 400]
        self.stdout.write(f"Menu links checked: {len(links)}, failed: {len(failures)}.")
        for url, status in failures:
            self.stdout.write(self.style.ERROR(f"  {status} {url}"))
        return failures

    def _choose_pages(self, base):
        """The pages to load, found by reading the site as a visitor would."""
        self.stdout.write("Choosing pages from the live site…")
        context_html = fetch_ok(base + CONTEXT_PATH)
        article = first_match(LISTING_LINK, context_html, "article link")
        expert_html = fetch_ok(base + EXPERTS_PATH)
        expert = first_match(r'class="expert-card">\s*<a href="([^"]+)"', expert_html, "expert link")
        debate = first_match(LISTING_LINK, fetch_ok(base + FORUM_PATH), "debate link")
        publication = first_match(LISTING_LINK, fetch_ok(base + SHOP_PATH), "publication link")
        return [
            ("floor (bare view)", FLOOR_PATH),
            ("home", HOME_PATH),
            ("context page 1", CONTEXT_PATH),
            ("context last page", f"{CONTEXT_PATH}?page={last_page(context_html)}"),
            ("context filtered", f"{CONTEXT_PATH}?region={first_region(context_html)}"),
            ("article", local_path(base, article)),
            ("expert", local_path(base, expert)),
            ("forum", FORUM_PATH),
            ("forum debate", local_path(base, debate)),
            ("shop", SHOP_PATH),
            ("shop publication", local_path(base, publication)),
            ("search", "/en/search/?q=sanctions"),
        ]

    def _load(self, wrk, base, name, path, duration):
        """One wrk run per page; wrk's own error counts are shown because they void the figures."""
        self.stdout.write(f"wrk {duration} s: {name} {path}")
        result = run_wrk(wrk, base + path, duration, connections=WRK_CONNECTIONS)
        if result["errors"]:
            self.stdout.write(self.style.WARNING(f"  wrk reported errors: {result['errors']}"))
        return {"name": name, "path": path, **result}

    def _varnish(self, env, action):
        subprocess.run(
            [str(settings.BASE_DIR / "deploy" / "varnish" / "run.sh"), action],
            env=env,
            check=action == "start",
            stdout=subprocess.DEVNULL,
        )

    def _print_table(self, results, cached, queries):
        """Uncached and through Varnish; "÷ floor" divides a page's requests/s by the bare view's
        straight from gunicorn, measured in the same run."""
        floor_rps = results[0]["rps"] or 1.0
        header = (
            "page", "url", "req/s", "p50 ms", "p99 ms", "SQL", "÷ floor",
            "cached req/s", "cached p50 ms", "cached ÷ floor",
        )  # fmt: skip
        rows = [
            (
                r["name"],
                r["path"],
                f"{r['rps']:.1f}",
                f"{r['p50']:.2f}",
                f"{r['p99']:.2f}",
                str(queries[r["path"]]),
                f"{r['rps'] / floor_rps:.3f}",
                f"{c['rps']:.1f}",
                f"{c['p50']:.2f}",
                f"{c['rps'] / floor_rps:.2f}",
            )
            for r, c in zip(results, cached, strict=True)
        ]
        self._write_table(header, rows)

    def _print_in_process(self, timings):
        """Deep pages and the admin listing, timed inside one process (no server, no wrk)."""
        first = timings[CONTEXT_PATH]["ms"] or 1.0
        header = ("url", "ms", "SQL", "÷ Context page 1")
        rows = [
            (path, f"{t['ms']:.1f}", str(t["queries"]), f"{t['ms'] / first:.2f}")
            for path, t in timings.items()
        ]
        self.stdout.write("")
        self._write_table(header, rows, left=1)

    def _write_table(self, header, rows, left=2):
        """Names and URLs (the first ``left`` columns) align left, figures right."""
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
        self.stdout.write("")
        for row in [header, tuple("-" * w for w in widths), *rows]:
            cells = [
                c.ljust(w) if i < left else c.rjust(w)
                for i, (c, w) in enumerate(zip(row, widths, strict=True))
            ]
            self.stdout.write("  ".join(cells))


def require_tools():
    """Fail at once, with the fix, rather than after minutes of seeding."""
    if find_spec("gunicorn") is None:
        raise CommandError("gunicorn is not installed in this virtualenv; run `make install`.")
    wrk = shutil.which("wrk")
    if wrk is None:
        raise CommandError("wrk is not installed; on Debian: `sudo apt-get install wrk`.")
    return wrk


def manage_command(*arguments):
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), *arguments]


class MenuLinkParser(HTMLParser):
    """Collects the href of every link inside <header> and <footer> elements."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("header", "footer"):
            self.depth += 1
        elif tag == "a" and self.depth and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("header", "footer") and self.depth:
            self.depth -= 1


def menu_links(page_html):
    parser = MenuLinkParser()
    parser.feed(page_html)
    return parser.links


def local_links(base, hrefs):
    """Absolute URLs of the links that stay on this server, without fragments, once each."""
    urls = {urljoin(base + HOME_PATH, href).split("#")[0] for href in hrefs}
    return {url for url in urls if urlsplit(url).netloc == urlsplit(base).netloc}


def local_path(base, href):
    """Path and query of a link, so relative and absolute page URLs both point at this server."""
    parts = urlsplit(urljoin(base + HOME_PATH, href))
    return parts.path + (f"?{parts.query}" if parts.query else "")


def first_match(pattern, text, what):
    match = re.search(pattern, text)
    if match is None:
        raise CommandError(f"No {what} found in the page; has the template changed?")
    return html.unescape(match.group(1))


def last_page(context_html):
    """The highest page number among the pagination links (`?page=N`)."""
    numbers = [int(n) for n in re.findall(r'href="\?(?:[^"]*&amp;)?page=(\d+)"', context_html)]
    if not numbers:
        raise CommandError("No pagination links on the Context page; seed more articles.")
    return max(numbers)


def first_region(context_html):
    """The first region offered in the Context filter form."""
    select = first_match(r'(<select[^>]*name="region"[^>]*>[\s\S]*?</select>)', context_html, "region filter")
    return first_match(r'<option value="([^"]+)"', select, "region option")


def count_queries(env, paths):
    """Query counts come from count_page_queries, run against the same database and settings."""
    result = subprocess.run(
        manage_command("count_page_queries", *paths),
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(f"count_page_queries failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def in_process_paths(pages, articles):
    """The loaded pages (but search, which bench-search covers), deep Context pages, and the admin's
    Articles list at its first and middle page."""
    last = max(1, -(-articles // LISTING_PAGE_SIZE))
    deep = [f"{CONTEXT_PATH}?page={number}" for number in (1_000, 5_000, 10_000) if number < last]
    public = [path for name, path in pages[1:] if name != "search"]
    admin = [ADMIN_ARTICLES, f"{ADMIN_ARTICLES}?p={max(1, articles // ADMIN_PAGE_SIZE // 2)}"]
    return public[:3] + deep + public[3:], admin


def time_in_process(env, paths, admin_paths):
    result = subprocess.run(
        manage_command("time_pages", *paths, "--admin", *admin_paths),
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise CommandError(f"time_pages failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])
