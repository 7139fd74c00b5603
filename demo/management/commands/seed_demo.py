"""Builds the demo site: the full page tree once, then tops the archive up to N articles."""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from faker import Faker
from wagtail.models import Page

from core.progress import progress_reporter
from demo.articles import create_articles, index_articles
from demo.deferred_tasks import tasks_run_once
from demo.russian import build_russian_site
from demo.showcase import add_showcase
from demo.tree import build_tree, existing_tree, recount_children
from home.models import HomePage
from pages.models import ArticleKind, ArticlePage
from search.backends import ensure_engine_indexes
from search.entries import sync_pages

DEFAULT_ARTICLES = 40
# Share of generated articles per Context section.
SECTION_SHARES = {ArticleKind.NEWS: 0.6, ArticleKind.PUBLICATION: 0.3, ArticleKind.REVIEW: 0.1}
EXTRA_SECTION_ARTICLES = 4
SEED = 2026


class Command(BaseCommand):
    help = "Build the demo EGF site (idempotent): page tree, experts, events, maps, documents and N articles."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=DEFAULT_ARTICLES,
            help=f"How many articles the Context archive should hold (default {DEFAULT_ARTICLES}).",
        )

    def handle(self, *args, articles, **options):
        started = time.monotonic()
        rng = random.Random(SEED)
        faker = Faker("en_GB")
        faker.seed_instance(SEED)

        def log(message):
            self.stdout.write(f"  {message}")

        def step(message):
            """A phase's heading, with the time since the start, so a slow phase shows itself."""
            self.stdout.write(f"[{time.monotonic() - started:6.1f} s] {message}")

        ensure_engine_indexes()
        tree = existing_tree()
        if tree is None:
            step("Building the demo page tree…")
            with tasks_run_once(log), transaction.atomic():
                tree = build_tree(rng, faker, log)
                add_showcase(tree)
            # The tree is written directly, without the publish signals that keep search in step.
            sync_pages(Page.objects.descendant_of(tree["home"], inclusive=True).values_list("pk", flat=True))
        else:
            self.stdout.write("Demo page tree already exists; keeping it and its content.")
        tree["faker"] = faker

        new_ids = []
        for index in tree["extra_sections"]:
            new_ids += create_articles(index, EXTRA_SECTION_ARTICLES, rng, tree)

        # The English archive: Russian translations of articles do not count towards N.
        existing = (
            ArticlePage.objects.descendant_of(tree["home"]).filter(kind__in=list(SECTION_SHARES)).count()
        )
        missing = max(0, articles - existing)
        if missing:
            step(f"Creating {missing} articles ({existing} already exist)…")
            progress = progress_reporter(self.stdout.write, "articles created", missing)
            for position, (kind, share) in enumerate(SECTION_SHARES.items()):
                # The first section takes the rounding remainder so the total is exact.
                count = int(missing * share)
                if position == 0:
                    count = missing - sum(int(missing * s) for s in list(SECTION_SHARES.values())[1:])
                new_ids += create_articles(tree["sections"][kind], count, rng, tree, progress)
        else:
            self.stdout.write(f"The archive already holds {existing} articles; none added.")

        if new_ids:
            step(f"Indexing {len(new_ids)} new articles for search…")
            index_articles(new_ids, progress_reporter(self.stdout.write, "articles indexed", len(new_ids)))
            step("Writing search entries…")
            sync_pages(new_ids, progress_reporter(self.stdout.write, "search entries written", len(new_ids)))
        if not HomePage.objects.filter(locale__language_code="ru").exists():
            step("Translating the demo site into Russian (wagtail-localize)…")
            with tasks_run_once(log), transaction.atomic():
                build_russian_site(tree["home"], rng, log)
            step("Counting children in the Russian tree…")
            # Translating leaves the new Russian parents with a child count of zero; Wagtail would
            # then give the next page an editor adds under one of them the path of an existing page.
            recount_children(HomePage.objects.get(locale__language_code="ru"))
        else:
            self.stdout.write("The Russian site already exists; keeping it.")
        self.stdout.write(self.style.SUCCESS(f"Demo site ready in {time.monotonic() - started:.1f} s."))
