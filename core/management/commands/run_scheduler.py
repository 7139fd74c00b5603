"""Scheduled publishing without cron: runs Wagtail's publish_scheduled every SCHEDULER_INTERVAL seconds.

One scheduler runs per site (a process of its own in deploy/supervisord.conf and in `make run`);
a page scheduled in the admin goes live, and an expiring one is unpublished, within that interval.
"""

import signal
import threading
from io import StringIO

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone


class Command(BaseCommand):
    help = "Publish and unpublish scheduled pages every SCHEDULER_INTERVAL seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=int, default=settings.SCHEDULER_INTERVAL, help="seconds between runs"
        )
        parser.add_argument("--once", action="store_true", help="run once and exit")

    def handle(self, *args, interval, once, **options):
        stop = threading.Event()
        if not once:
            # A single run leaves the signals to whoever called it (a test run must stay stoppable
            # with Ctrl-C); only the long-running scheduler stops between runs on SIGTERM or SIGINT.
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        self.stdout.write(f"Scheduler: publishing scheduled pages every {interval} s.")
        while True:
            self.run_once()
            if once or stop.wait(interval):
                break
        self.stdout.write("Scheduler stopped.")

    def run_once(self):
        close_old_connections()  # a database restart between runs must not stop the scheduler
        output = StringIO()
        try:
            call_command("publish_scheduled", stdout=output)
        except Exception as error:  # any failure: log it, and the next run tries again
            self.stderr.write(f"{timezone.now():%H:%M:%S} publish_scheduled failed: {error}")
            return
        for line in filter(str.strip, output.getvalue().splitlines()):
            self.stdout.write(f"{timezone.now():%H:%M:%S} {line}")
