"""Compile the gettext catalogues with polib, so no machine needs GNU gettext (msgfmt)."""

import os
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


def catalogue_problems(po):
    """'fuzzy: …; untranslated: …' naming the entries that would show English, or ''."""
    problems = []
    for label, entries in (("fuzzy", po.fuzzy_entries()), ("untranslated", po.untranslated_entries())):
        if entries:
            problems.append(f"{label}: " + ", ".join(repr(entry.msgid) for entry in entries))
    return "; ".join(problems)


def write_mofile(po, mo_path):
    # Write beside the target and rename, so a running server never reads a half-written file.
    partial = mo_path.with_name(mo_path.name + ".partial")
    po.save_as_mofile(str(partial))
    os.replace(partial, mo_path)


class Command(BaseCommand):
    help = "Compile every locale/*/LC_MESSAGES/*.po to .mo; refuses fuzzy or untranslated entries."

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-dir",
            type=Path,
            help="folder holding <language>/LC_MESSAGES/*.po (default: LOCALE_PATHS)",
        )

    def handle(self, *args, locale_dir=None, **options):
        locale_dirs = [locale_dir] if locale_dir else [Path(path) for path in settings.LOCALE_PATHS]
        catalogues = sorted(
            po_path for folder in locale_dirs for po_path in folder.glob("*/LC_MESSAGES/*.po")
        )
        if not catalogues:
            raise CommandError(f"No */LC_MESSAGES/*.po under {', '.join(map(str, locale_dirs))}")
        parsed = {po_path: polib.pofile(str(po_path)) for po_path in catalogues}
        # Check every catalogue before writing any, so a refused run leaves the old .mo files alone.
        refused = [
            f"{po_path}: {problems}" for po_path, po in parsed.items() if (problems := catalogue_problems(po))
        ]
        if refused:
            raise CommandError("Not compiled, translate these first:\n" + "\n".join(refused))
        for po_path, po in parsed.items():
            write_mofile(po, po_path.with_suffix(".mo"))
            self.stdout.write(
                f"Compiled {po_path.with_suffix('.mo')} ({len(po.translated_entries())} messages)"
            )
