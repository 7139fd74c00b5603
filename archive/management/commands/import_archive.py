"""``manage.py import_archive FILE…``: bring legacy archive files (JSON Lines, see archive/schema/,
or WordPress exports ending in .xml, read with ``--mapping``) into the site; safe to run again,
``--dry-run`` writes nothing."""

from django.core.management.base import BaseCommand, CommandError

from archive.importer import ArchiveImport
from archive.wxr import MappingError, load_mapping


class Command(BaseCommand):
    help = "Import legacy archive files (JSON Lines, see archive/schema/) into the site."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", help="Archive files (.jsonl) or WordPress exports (.xml).")
        parser.add_argument("--media", help="Folder that the records' file paths are relative to.")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, write nothing.")
        parser.add_argument(
            "--mapping", help="WordPress files: which category is which article kind, region or topic."
        )
        parser.add_argument("--report", help="Write the machine-readable report (JSON) to this file.")

    def handle(self, files, media, dry_run, report, mapping, **options):
        try:
            mapping = load_mapping(mapping) if mapping else None
        except MappingError as error:
            raise CommandError(str(error)) from None
        result = ArchiveImport(media_root=media, dry_run=dry_run, log=self.stdout.write, mapping=mapping).run(
            files
        )
        for problem in result.sorted_problems():
            field = f" {problem['field']}" if problem["field"] else ""
            self.stdout.write(
                f"  skipped {problem['file']}:{problem['line']} {problem['id']}{field}: {problem['reason']}"
            )
        if report:
            result.write(report)
            self.stdout.write(f"Report written to {report}")
        style = self.style.WARNING if result.problems else self.style.SUCCESS
        self.stdout.write(style(result.summary_line()))
