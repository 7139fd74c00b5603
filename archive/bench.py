"""``python -m archive.bench [RECORDS]`` (make bench-import): time the import of a synthetic archive.

Writes RECORDS records (default 10,000) with tests/archive_samples/generate.py into var/, builds
a fresh SQLite database under var/ (migrate, then the demo site's sections without articles) and
imports the file into it, printing the import's time and the peak memory of this process.
Setup runs in child processes, so the peak memory measured here is the import's alone.
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-import"


def main(records):
    VAR.mkdir(parents=True, exist_ok=True)
    archive, database = VAR / f"archive-{records}.jsonl", VAR / "bench.sqlite3"
    database.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    setup = [
        [ROOT / "tests" / "archive_samples" / "generate.py", str(records), archive],
        [ROOT / "manage.py", "migrate", "--noinput", "-v0"],
        [ROOT / "manage.py", "seed_demo", "--articles", "0"],
    ]
    for command in setup:
        print("$", " ".join(str(part) for part in command[:4]), flush=True)
        subprocess.run([sys.executable, *command], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)

    import django
    from django.core.management import call_command

    django.setup()
    started = time.monotonic()
    call_command("import_archive", str(archive))
    seconds = time.monotonic() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(f"Imported {records} records into {database} in {seconds:.1f} s; peak memory {peak_mb:.0f} MB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
