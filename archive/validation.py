"""Checks a record against the archive's JSON Schema (archive/schema/).

A small validator for the part of JSON Schema the file uses (type, enum, const, lengths,
pattern, properties, required, additionalProperties, items, anyOf, allOf, if/then, local $ref),
rather than a new dependency: the importer needs each problem as (field, reason) for its
report, and the schema is written to stay inside this subset.
"""

import json
import re
from functools import cache
from pathlib import Path

SCHEMA_PATH = Path(__file__).parent / "schema" / "archive-record-v1.schema.json"
FORMAT_NAME = "egf-archive"
FORMAT_VERSION = 1

TYPES = {
    "string": str,
    "object": dict,
    "array": list,
    "boolean": bool,
    "integer": int,
    "null": type(None),
}


@cache
def schema():
    return json.loads(SCHEMA_PATH.read_text())


def _resolve(rule):
    while "$ref" in rule:
        rule = schema()["$defs"][rule["$ref"].removeprefix("#/$defs/")] | {
            k: v for k, v in rule.items() if k != "$ref"
        }
    return rule


def _where(path):
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))


def problems(value, rule=None, path=()):
    """Every (field, reason) by which ``value`` breaks ``rule`` (the whole schema by default)."""
    rule = _resolve(schema() if rule is None else rule)
    found = []
    expected = rule.get("type")
    if expected and not isinstance(value, TYPES[expected]):
        return [(_where(path), f"must be a {expected}")]
    if "enum" in rule and value not in rule["enum"]:
        found.append((_where(path), f"must be one of {', '.join(map(str, rule['enum']))}"))
    if "const" in rule and value != rule["const"]:
        found.append((_where(path), f"must be {rule['const']!r}"))
    if isinstance(value, str):
        if len(value) < rule.get("minLength", 0):
            found.append((_where(path), "must not be empty"))
        if "maxLength" in rule and len(value) > rule["maxLength"]:
            found.append((_where(path), f"is longer than {rule['maxLength']} characters"))
        if "pattern" in rule and not re.search(rule["pattern"], value):
            found.append((_where(path), f"{value[:60]!r} is not in the expected form"))
    if isinstance(value, dict):
        for name in rule.get("required", []):
            if name not in value:
                found.append((_where(path + (name,)), "is required"))
        known = rule.get("properties", {})
        for name, item in value.items():
            if name in known:
                found += problems(item, known[name], path + (name,))
            elif rule.get("additionalProperties", True) is False:
                found.append((_where(path + (name,)), "is not a field of this format"))
    if isinstance(value, list) and "items" in rule:
        for position, item in enumerate(value):
            found += problems(item, rule["items"], path + (position,))
    if "anyOf" in rule and all(problems(value, option, path) for option in rule["anyOf"]):
        found += problems(value, rule["anyOf"][0], path)
    for part in rule.get("allOf", []):
        if not problems(value, part.get("if", {}), path):
            found += problems(value, part.get("then", {}), path)
    return found


def header_problem(header):
    """Why the first line of a file is not this format's header, or None."""
    if not isinstance(header, dict) or header.get("format") != FORMAT_NAME:
        return f'the first line must be {{"format": "{FORMAT_NAME}", "version": {FORMAT_VERSION}}}'
    if header.get("version") != FORMAT_VERSION:
        version = header.get("version")
        return f"version {version!r} of the format is not supported (this importer reads {FORMAT_VERSION})"
    return None
