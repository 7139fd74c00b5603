"""Reading archive files: JSON Lines with a format header, each line checked against the schema.

A record keeps where it came from (file and line), so that every problem the import reports
points at the line to fix.
"""

import json
from dataclasses import dataclass, field

from archive.validation import header_problem, problems


class RecordError(Exception):
    """A record that cannot be imported; ``field`` names the part of it at fault."""

    def __init__(self, field, reason):
        super().__init__(reason)
        self.field, self.reason = field, reason


@dataclass
class Record:
    data: dict
    file: str
    line: int
    warnings: list = field(default_factory=list)
    remote_media: list = field(default_factory=list)
    pending: set = field(default_factory=set)  # legacy ids its links name that are not imported yet
    collisions: list = field(default_factory=list)  # (old path, where it already redirects)

    def reset(self):
        """Forget what an earlier attempt at importing this record noted."""
        self.warnings, self.remote_media, self.pending, self.collisions = [], [], set(), []

    @property
    def id(self):
        return self.data["id"]

    @property
    def kind(self):
        return self.data["kind"]

    @property
    def language(self):
        return self.data["language"]

    @property
    def source_id(self):
        return self.data.get("translation_of")

    def where(self):
        return f"{self.file}:{self.line}"


@dataclass
class Problem:
    file: str
    line: int
    field: str
    reason: str
    legacy_id: str = ""


def read_lines(name, lines):
    """(records, problems) of one archive file given as an iterable of text lines."""
    records, found = [], []
    header_seen = False
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            data = json.loads(text)
        except ValueError as error:
            found.append(Problem(name, number, "", f"not valid JSON ({error.msg}, column {error.colno})"))
            continue
        if not header_seen:
            header_seen = True
            reason = header_problem(data)
            if reason:
                found.append(Problem(name, number, "", reason))
                return records, found
            continue
        legacy_id = data.get("id", "") if isinstance(data, dict) else ""
        errors = problems(data)
        if errors:
            field_name, reason = errors[0]
            more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
            found.append(Problem(name, number, field_name, reason + more, str(legacy_id)))
            continue
        if data.get("translation_of") and data["language"] == "en":
            found.append(Problem(name, number, "translation_of", "English is the source language", legacy_id))
            continue
        records.append(Record(data, name, number))
    if not header_seen:
        found.append(Problem(name, 1, "", "the file is empty"))
    return records, found


def read_file(path):
    with open(path, encoding="utf-8") as handle:
        return read_lines(str(path), handle)
