"""WordPress export files (WXR) read as archive records, so they go through the same import.

What becomes what:
- ``wp:author`` -> an expert (``wxr:author:<login>``); a post's ``dc:creator`` is its author;
- a published post -> an article, its kind from the first category the mapping gives a kind
  (else the mapping's ``default_kind``); a published page -> an article of ``page_kind``
  (pages are left out when that is null);
- categories the mapping marks as a region or topic -> that region or topic
  (``wxr:region:<slug>``), every tag -> a topic (``wxr:topic:<tag slug>``);
- attachments -> the post's main image (``_thumbnail_id``) and its other files; an upload is
  read from the media folder at the same place as under ``wp-content/uploads/`` when it is
  there, else only its URL is recorded (as for any archive record);
- a post's permalink and ``?p=ID`` address -> its old URLs: redirects, and links between posts.
Drafts, pending, private and trashed items are not imported; the report lists each one skipped.
WXR has no line numbers worth having, so a problem's "line" is the item's position in the file
(0 for the channel's authors and categories).
"""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify

from archive.records import Problem, Record
from archive.validation import problems

ARTICLE_KINDS = {"news", "publication", "review", "press", "presentation", "members"}
NAMESPACES = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
UPLOADS = "/wp-content/uploads/"
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp")
BLOCK_TAG = re.compile(r"<(p|div|h[1-6]|ul|ol|table|blockquote|figure)\b", re.IGNORECASE)
IMG_SRC = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")', re.IGNORECASE)


class MappingError(ValueError):
    pass


def load_mapping(path):
    """The mapping file, checked; a MappingError says what is wrong with it."""
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise MappingError(f"{path}: cannot read the mapping ({error})") from None
    if not isinstance(mapping, dict):
        raise MappingError(f"{path}: the mapping must be a JSON object")
    mapping = {"language": "en", "default_kind": "news", "page_kind": None, "categories": {}} | mapping
    if mapping["language"] not in ("en", "ru"):
        raise MappingError(f"{path}: language must be en or ru")
    for key in ("default_kind", "page_kind"):
        if mapping[key] is not None and mapping[key] not in ARTICLE_KINDS:
            raise MappingError(f"{path}: {key} must be one of {', '.join(sorted(ARTICLE_KINDS))}")
    for name, meaning in mapping["categories"].items():
        if (
            not isinstance(meaning, dict)
            or len(meaning) != 1
            or not {"kind", "region", "topic"} >= set(meaning)
        ):
            raise MappingError(f'{path}: category {name!r} must map to one of "kind", "region" or "topic"')
        if "kind" in meaning and meaning["kind"] not in ARTICLE_KINDS:
            raise MappingError(f"{path}: category {name!r}: unknown article kind {meaning['kind']!r}")
    return mapping


def _autop(html):
    """WordPress stores posts without paragraphs, adding them on display: add them here."""
    if BLOCK_TAG.search(html):
        return html
    paragraphs = (part.strip() for part in re.split(r"\n\s*\n", html))
    return "".join(f"<p>{part.replace(chr(10), '<br>')}</p>" for part in paragraphs if part)


def _slug(text):
    return slugify(text)[:100].strip("-")


class _Reader:
    def __init__(self, path, mapping, media_root):
        self.name, self.mapping = str(path), mapping
        self.media_root = Path(media_root).resolve() if media_root else None
        self.records, self.problems = [], []
        self.terms = {}  # legacy id -> region or topic record data, made once however many posts use it

    def text(self, element, tag):
        found = element.find(tag, self.ns)
        return (found.text or "").strip() if found is not None else ""

    def media(self, url, title=""):
        """A media reference for an upload: its path in the media folder if there, else the URL."""
        ref = {"title": title[:255]} if title else {}
        relative = url.split(UPLOADS, 1)[1] if UPLOADS in url else ""
        if relative and self.media_root and (self.media_root / relative).resolve().is_file():
            return ref | {"path": relative}
        return ref | {"url": url}

    def read(self, path):
        try:
            channel = ET.parse(path).getroot().find("channel")
        except ET.ParseError as error:
            self.problems.append(Problem(self.name, error.position[0], "", f"not readable XML ({error})"))
            return
        children = list(channel) if channel is not None else []
        version = next((el for el in children if el.tag.endswith("}wxr_version")), None)
        if version is None:
            self.problems.append(Problem(self.name, 1, "", "not a WordPress export (no wp:wxr_version)"))
            return
        self.ns = NAMESPACES | {"wp": version.tag[1:].split("}")[0]}
        self.descriptions = {
            self.text(el, "wp:category_nicename"): self.text(el, "wp:category_description")
            for el in channel.findall("wp:category", self.ns)
        }
        items = channel.findall("item")
        self.attachments = {
            self.text(item, "wp:post_id"): item
            for item in items
            if self.text(item, "wp:post_type") == "attachment"
        }
        self.authors = set()
        for author in channel.findall("wp:author", self.ns):
            if self.text(author, "wp:author_login"):
                self.add(self.expert(author), 0)
        for position, item in enumerate(items, start=1):
            self.item(item, position)
        for data in self.terms.values():
            self.add(data, 0)

    def add(self, data, position):
        errors = problems(data)
        if errors:
            field, reason = errors[0]
            self.problems.append(Problem(self.name, position, field, reason, data["id"]))
        else:
            self.records.append(Record(data, self.name, position))

    def expert(self, author):
        login = self.text(author, "wp:author_login")
        name = self.text(author, "wp:author_display_name") or login
        self.authors.add(login)
        return {
            "kind": "expert",
            "id": f"wxr:author:{_slug(login)}",
            "language": self.mapping["language"],
            "title": name,
            "last_name": self.text(author, "wp:author_last_name") or name.split()[-1],
        }

    def term(self, kind, slug, name, category=""):
        slug = _slug(slug) or _slug(name)
        legacy_id = f"wxr:{kind}:{slug}"
        description = self.descriptions.get(category, "")
        self.terms.setdefault(
            legacy_id,
            {"kind": kind, "id": legacy_id, "language": self.mapping["language"], "title": name, "slug": slug}
            | ({"description": description} if description else {}),
        )
        return legacy_id

    def item(self, item, position):
        post_type, status = self.text(item, "wp:post_type"), self.text(item, "wp:status")
        if post_type not in ("post", "page"):
            return  # attachments are read with the posts that use them; menus and the rest are not content
        post_id = self.text(item, "wp:post_id")
        legacy_id = f"wxr:{post_type}:{post_id}"
        if status != "publish":
            reason = f"WordPress status {status!r}: only published items are imported"
            self.problems.append(Problem(self.name, position, "status", reason, legacy_id))
            return
        kind = self.mapping["default_kind"] if post_type == "post" else self.mapping["page_kind"]
        if kind is None:
            return
        data = {"kind": "article", "id": legacy_id, "language": self.mapping["language"]}
        data |= {"title": self.text(item, "title") or f"Untitled {post_id}"}
        slug = _slug(self.text(item, "wp:post_name"))
        data |= {"slug": slug} if slug else {}
        data["date"] = (self.text(item, "wp:post_date") or "")[:10]
        regions, topics, kinds = [], [], []
        for category in item.findall("category"):
            slug, name = category.get("nicename", ""), (category.text or "").strip()
            if category.get("domain") == "post_tag":
                topics.append(self.term("topic", slug, name))
                continue
            meaning = self.mapping["categories"].get(slug, {})
            if "kind" in meaning:
                kinds.append(meaning["kind"])
            elif "region" in meaning:
                regions.append(self.term("region", meaning["region"], name, slug))
            elif "topic" in meaning:
                topics.append(self.term("topic", meaning["topic"], name, slug))
        data["article_kind"] = kinds[0] if kinds else kind
        data |= {"regions": list(dict.fromkeys(regions)), "topics": list(dict.fromkeys(topics))}
        creator = self.text(item, "dc:creator")
        if creator in self.authors:
            data["authors"] = [f"wxr:author:{_slug(creator)}"]
        elif creator:
            data["byline"] = creator[:200]
        excerpt = " ".join(strip_tags(self.text(item, "excerpt:encoded")).split())
        data |= {"summary": Truncator(excerpt).chars(600)} if excerpt else {}
        data["body"] = IMG_SRC.sub(self.local_src, _autop(self.text(item, "content:encoded")))
        self.files(item, post_id, data)
        data["old_urls"] = [url for url in (self.text(item, "link"), self.text(item, "guid")) if url]
        self.add(data, position)

    def local_src(self, match):
        ref = self.media(match.group(2))
        return match.group(1) + ref.get("path", match.group(2)) + match.group(3)

    def files(self, item, post_id, data):
        thumbnail = ""
        for meta in item.findall("wp:postmeta", self.ns):
            if self.text(meta, "wp:meta_key") == "_thumbnail_id":
                thumbnail = self.text(meta, "wp:meta_value")
        if thumbnail in self.attachments:
            attachment = self.attachments[thumbnail]
            data["image"] = self.media(
                self.text(attachment, "wp:attachment_url"), self.text(attachment, "title")
            )
        files = [
            self.media(self.text(attachment, "wp:attachment_url"), self.text(attachment, "title"))
            for attachment_id, attachment in self.attachments.items()
            if self.text(attachment, "wp:post_parent") == post_id
            and attachment_id != thumbnail
            and not self.text(attachment, "wp:attachment_url").lower().endswith(IMAGE_SUFFIXES)
        ]
        data |= {"attachments": files} if files else {}


def read_wxr(path, mapping, media_root=None):
    """(records, problems) of one WXR file, with ``mapping`` from ``load_mapping``."""
    reader = _Reader(path, mapping, media_root)
    reader.read(path)
    return reader.records, reader.problems
