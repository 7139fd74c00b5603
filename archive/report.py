"""The import's account of itself: a count per outcome, each problem with its file and line,
redirect collisions; printed as a summary and written as JSON for other tools."""

import json
from collections import Counter

OUTCOMES = ("created", "updated", "unchanged", "skipped")


class Report:
    def __init__(self, dry_run=False):
        self.dry_run = dry_run
        self.counts = Counter(dict.fromkeys(OUTCOMES, 0))
        self.problems, self.warnings, self.collisions = [], [], []
        self.seconds = 0.0

    def outcome(self, record, outcome):
        self.counts[outcome] += 1
        for warning in record.warnings:
            self.warn(record.file, record.line, record.id, warning)

    def skip(self, file, line, legacy_id, field, reason):
        self.counts["skipped"] += 1
        self.problems.append({"file": file, "line": line, "id": legacy_id, "field": field, "reason": reason})

    def warn(self, file, line, legacy_id, message):
        self.warnings.append({"file": file, "line": line, "id": legacy_id, "message": message})

    def collision(self, record, old_path, other):
        self.collisions.append(
            {"file": record.file, "line": record.line, "id": record.id, "old_url": old_path}
        )
        self.warn(
            record.file, record.line, record.id, f"old URL {old_path} already redirects to {other}; kept"
        )

    def as_dict(self):
        return {
            "dry_run": self.dry_run,
            "summary": dict(self.counts, warnings=len(self.warnings), collisions=len(self.collisions)),
            "seconds": round(self.seconds, 1),
            "problems": self.sorted_problems(),
            "warnings": self.warnings,
            "collisions": self.collisions,
        }

    def sorted_problems(self):
        return sorted(self.problems, key=lambda p: (p["file"], p["line"]))

    def summary_line(self):
        counts = self.counts
        prefix = "Dry run, nothing written: " if self.dry_run else ""
        return (
            f"{prefix}{counts['created']} created, {counts['updated']} updated, {counts['unchanged']} unchanged, "
            f"{counts['skipped']} skipped, {len(self.warnings)} warnings, {len(self.collisions)} redirect collisions"
            f" ({self.seconds:.1f} s)"
        )

    def write(self, path):
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(self.as_dict(), handle, ensure_ascii=False, indent=1)
