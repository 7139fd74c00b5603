"""Load-tests the running `make stack`: a mix of anonymous pages through Varnish and straight to the
two app servers, each beside the bare /healthz/ view of an app server measured in the same run.

Reads the stack's addresses from var/stack/stack.env; sends traffic to 127.0.0.1 only, for a fixed
time, and fails if any request errs or answers 5xx.
"""

import re
import shutil
import threading
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.wrk import run_wrk

DEFAULT_DURATION = 60
CONNECTIONS = 16
FLOOR_PATH = "/healthz/"
FIXED_PATHS = ["/en/", "/ru/", "/en/context/", "/en/context/?page=2", "/en/experts/", "/en/forum/"]
ARTICLE_LINK = r'class="listing-title"><a href="(/en/[^"]+)"'


def stack_environment():
    env_file = settings.BASE_DIR / "var" / "stack" / "stack.env"
    if not env_file.exists():
        raise CommandError("No stack is running: start it with `make stack`.")
    pairs = (line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    return dict(pairs)


def page_mix(front):
    """The fixed pages plus the newest three articles, so pages of every kind are in the mix."""
    with urllib.request.urlopen(front + "/en/context/", timeout=30) as response:
        articles = re.findall(ARTICLE_LINK, response.read().decode())[:3]
    if not articles:
        raise CommandError("The stack's Context page lists no articles; is the demo seeded?")
    return FIXED_PATHS + articles


class Command(BaseCommand):
    help = "Load the running stack (make stack) through Varnish and directly, beside the bare-Django floor."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=DEFAULT_DURATION, help="seconds per run")

    def handle(self, *args, duration, **options):
        wrk = shutil.which("wrk")
        if wrk is None:
            raise CommandError("wrk is missing: apt-get install wrk")
        env = stack_environment()
        front = env["STACK_FRONT_URL"].rstrip("/")
        apps = env["STACK_APP_URLS"].split(",")
        paths = page_mix(front)
        self.stdout.write(f"{len(paths)} pages, {CONNECTIONS} connections, {duration} s per run:")
        for path in paths:
            self.stdout.write(f"  {path}")

        self.stdout.write("Floor: /healthz/ on one app server…")
        floor = run_wrk(wrk, apps[0] + FLOOR_PATH, duration, connections=CONNECTIONS)
        self.stdout.write("Through Varnish…")
        cached = run_wrk(wrk, front, duration, connections=CONNECTIONS, paths=paths)
        self.stdout.write("Straight to both app servers…")
        direct = self.load_in_parallel(wrk, apps, duration, paths)

        rows = [("floor: /healthz/, one app server", floor), ("pages through Varnish", cached)]
        rows += [(f"pages direct, {url}", result) for url, result in zip(apps, direct, strict=True)]
        self.stdout.write(f"\n{'run':<42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'× floor':>8}")
        for name, result in rows:
            ratio = result["rps"] / floor["rps"]
            self.stdout.write(
                f"{name:<42} {result['rps']:>9.1f} {result['p50']:>8.1f} {result['p99']:>8.1f} {ratio:>8.2f}"
            )
        direct_total = sum(result["rps"] for result in direct)
        self.stdout.write(
            f"{'pages direct, both app servers together':<42} {direct_total:>9.1f}"
            f" {'':>8} {'':>8} {direct_total / floor['rps']:>8.2f}"
        )
        errors = [f"{name}: {result['errors']}" for name, result in rows if result["errors"]]
        if errors:
            raise CommandError("Requests failed:\n" + "\n".join(errors))
        self.stdout.write(self.style.SUCCESS("No errors and no 5xx answers."))

    @staticmethod
    def load_in_parallel(wrk, apps, duration, paths):
        """Half the connections on each app server at the same time, as a balancer would spread them."""
        results = [None] * len(apps)

        def load(index, url):
            try:
                results[index] = run_wrk(
                    wrk, url, duration, connections=CONNECTIONS // len(apps), paths=paths
                )
            except CommandError as error:
                results[index] = error

        threads = [threading.Thread(target=load, args=item) for item in enumerate(apps)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for result in results:
            if isinstance(result, CommandError):
                raise result
        return results
