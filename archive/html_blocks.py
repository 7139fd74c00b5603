"""Legacy HTML to the site's body blocks (pages.blocks.BodyBlock), sanitised on the way.

The HTML is parsed into a small tree (html.parser tolerates broken markup; this module closes
what was left open and ignores stray end tags), then rebuilt from a short list of allowed
elements: nothing of the input is copied through, so scripts, styles and event attributes
cannot survive. Whatever is dropped or changed is counted in ``warnings`` for the report.

Text runs become rich-text paragraphs (bold, italic, links, lists, super/subscript); h1–h6
become heading blocks, images (with a figure's caption) image blocks, block quotes quote
blocks, tables table blocks and video frames embed blocks. Links to other archive items
become internal links through ``links`` (see ``archive.links``).
"""

import re
import uuid
from collections import Counter
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

VOID = {"br", "img", "hr", "input", "meta", "link", "source", "embed", "wbr", "area", "col", "param", "track"}
# Dropped with everything inside them.
DROPPED = {"script", "style", "noscript", "template", "head", "title", "form", "button", "select", "textarea"}
DROPPED |= {"svg", "canvas", "object", "applet", "frameset", "input", "meta", "link"}
CONTAINERS = {"html", "body", "div", "section", "article", "main", "header", "footer", "aside", "center", "p"}
CONTAINERS |= {"nav", "dl", "dd", "dt", "address", "pre"}
INLINE_TAGS = {"b": "b", "strong": "b", "i": "i", "em": "i", "sup": "sup", "sub": "sub"}
# Unwrapped silently: they only styled text.
UNWRAPPED = {"span", "font", "u", "small", "big", "abbr", "acronym", "code", "mark", "kbd", "tt", "s", "del"}
UNWRAPPED |= {"ins", "label", "q", "time", "var", "samp", "dfn", "bdi", "bdo", "nobr", "cite", "strike"}
HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
HEADING_LIMIT = 200
CAPTION_LIMIT = 255
SAFE_SCHEMES = ("http://", "https://", "mailto:")
VIDEO_HOSTS = {"youtube.com", "www.youtube.com", "youtu.be", "vimeo.com", "player.vimeo.com"}


class Node:
    def __init__(self, tag, attrs=()):
        self.tag, self.attrs, self.children = tag, dict(attrs), []

    def text(self):
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def find(self, tag):
        for child in self.children:
            if isinstance(child, Node):
                if child.tag == tag:
                    return child
                found = child.find(tag)
                if found is not None:
                    return found
        return None


class TreeBuilder(HTMLParser):
    def __init__(self, warnings):
        super().__init__(convert_charrefs=True)
        self.root = Node("body")
        self.stack = [self.root]
        self.warnings = warnings

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.warnings["event attribute removed"] += 1
            elif name == "style":
                self.warnings["style attribute removed"] += 1
            elif value and value.strip().lower().startswith(("javascript:", "vbscript:", "data:text")):
                self.warnings["script address removed"] += 1
        node = Node(tag, attrs)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        open_tags = [node.tag for node in self.stack]
        if tag not in open_tags[1:]:
            self.warnings["stray closing tag ignored"] += 1
            return
        while self.stack[-1].tag != tag:
            self.stack.pop()
            self.warnings["unclosed tag closed"] += 1
        self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _space(text):
    return re.sub(r"\s+", " ", text).strip()


def video_url(src):
    """The page address of a YouTube or Vimeo player frame (what the embed block takes), or None."""
    parts = urlsplit(src if "//" in src else f"https://{src}")
    host = (parts.hostname or "").lower()
    if host not in VIDEO_HOSTS:
        return None
    if "youtube" in host and parts.path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={parts.path.split('/')[2]}"
    if host == "player.vimeo.com" and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.split('/')[2]}"
    if "youtube" in host and parse_qs(parts.query).get("v"):
        return f"https://www.youtube.com/watch?v={parse_qs(parts.query)['v'][0]}"
    return f"https://{host}{parts.path}"


class Converter:
    """One conversion: ``blocks`` in StreamField's raw form, ``warnings``, ``pending`` link targets."""

    def __init__(self, links, images):
        self.links, self.images = links, images
        self.blocks, self.warnings, self.pending = [], Counter(), set()
        self.rich, self.run, self.hoisted = [], [], []

    def convert(self, html):
        builder = TreeBuilder(self.warnings)
        builder.feed(html or "")
        builder.close()
        if len(builder.stack) > 1:
            self.warnings["unclosed tag closed"] += len(builder.stack) - 1
        self.walk(builder.root)
        self.flush_rich()
        return self

    # --- blocks ------------------------------------------------------------------------------
    def add(self, kind, value):
        self.flush_rich()
        self.blocks.append({"type": kind, "value": value, "id": str(uuid.uuid4())})

    def flush_run(self):
        html = "".join(self.run).strip()
        self.run = []
        if re.sub(r"<br/>|\s", "", html):
            self.rich.append(f"<p>{html}</p>")
        hoisted, self.hoisted = self.hoisted, []
        for node in hoisted:
            self.block_element(node)

    def flush_rich(self):
        if self.run:
            self.flush_run()
        if self.rich:
            value, self.rich = "".join(self.rich), []
            self.blocks.append({"type": "paragraph", "value": value, "id": str(uuid.uuid4())})

    def walk(self, node):
        for child in node.children:
            if isinstance(child, str):
                self.run.append(escape(re.sub(r"\s+", " ", child)))
            elif child.tag in INLINE_TAGS or child.tag in UNWRAPPED or child.tag in {"a", "br"}:
                self.run.append(self.inline(child))
            else:
                self.block_element(child)
        if node.tag in CONTAINERS:
            self.flush_run()

    def block_element(self, node):
        tag = node.tag
        if tag in DROPPED:
            self.warnings[f"<{tag}> removed"] += 1
        elif tag in CONTAINERS:
            self.flush_run()
            self.walk(node)
        elif tag in {"ul", "ol"}:
            self.flush_run()
            self.rich.append(self.list_html(node))
        elif tag in HEADINGS:
            self.heading(node)
        elif tag in {"img", "figure"}:
            self.image(node)
        elif tag == "blockquote":
            self.quote(node)
        elif tag == "table":
            self.table(node)
        elif tag in {"iframe", "embed", "video"}:
            self.embed(node)
        elif tag == "hr":
            self.flush_run()
        else:
            self.warnings[f"unknown <{tag}> replaced by its text"] += 1
            self.walk(node)

    def heading(self, node):
        text = _space(node.text())
        if not text:
            return
        if len(text) > HEADING_LIMIT:
            self.warnings["long heading shortened"] += 1
        self.add("heading", {"text": text[:HEADING_LIMIT], "level": HEADINGS[node.tag]})

    def image(self, node):
        img = node if node.tag == "img" else node.find("img")
        caption = node.find("figcaption") if node.tag == "figure" else None
        image_id = self.images(img.attrs.get("src") or "", img.attrs.get("alt") or "") if img else None
        if image_id is None:
            self.warnings["image left out (not in the media folder)"] += 1
            return
        self.add(
            "image",
            {
                "image": image_id,
                "caption": _space(caption.text())[:CAPTION_LIMIT] if caption else "",
                "alt_text": _space(img.attrs.get("alt") or "")[:CAPTION_LIMIT],
            },
        )

    def quote(self, node):
        cite = node.find("footer") or node.find("cite")
        attribution = _space(cite.text()) if cite else ""
        if cite:
            cite.children = []
        paragraphs = [_space(part) for part in self._paragraph_texts(node)]
        quote = "\n".join(part for part in paragraphs if part)
        if quote:
            self.add("quote", {"quote": quote, "attribution": attribution[:CAPTION_LIMIT]})

    def _paragraph_texts(self, node):
        current = []
        for child in node.children:
            if isinstance(child, Node) and child.tag in CONTAINERS:
                yield "".join(current)
                current = []
                yield child.text()
            else:
                current.append(child if isinstance(child, str) else child.text())
        yield "".join(current)

    def table(self, node):
        rows, header = [], False
        for row in self._rows(node):
            cells = [cell for cell in row.children if isinstance(cell, Node) and cell.tag in {"td", "th"}]
            if not rows:
                header = bool(cells) and all(cell.tag == "th" for cell in cells)
            rows.append([_space(cell.text()) for cell in cells])
        if not rows:
            return
        width = max(len(row) for row in rows)
        caption = node.find("caption")
        self.add(
            "table",
            {
                "data": [row + [""] * (width - len(row)) for row in rows],
                "first_row_is_table_header": header,
                "first_col_is_header": False,
                "table_caption": _space(caption.text()) if caption else "",
            },
        )

    def _rows(self, node):
        for child in node.children:
            if isinstance(child, Node):
                if child.tag == "tr":
                    yield child
                elif child.tag in {"thead", "tbody", "tfoot"}:
                    yield from self._rows(child)

    def embed(self, node):
        source = node.find("source") if node.tag == "video" else None
        src = (source or node).attrs.get("src") or ""
        url = video_url(src) if src else None
        if url is None:
            self.warnings[f"<{node.tag}> from an unknown site removed"] += 1
            return
        self.add("embed", url)

    # --- rich text ---------------------------------------------------------------------------
    def inline(self, node):
        if isinstance(node, str):
            return escape(re.sub(r"\s+", " ", node))
        tag = node.tag
        if tag == "br":
            return "<br/>"
        if tag in {"img", "iframe", "embed", "video", "figure", "table"}:
            self.hoisted.append(node)
            return ""
        if tag in DROPPED:
            self.warnings[f"<{tag}> removed"] += 1
            return ""
        inner = "".join(self.inline(child) for child in node.children)
        if tag in INLINE_TAGS:
            name = INLINE_TAGS[tag]
            return f"<{name}>{inner}</{name}>" if inner.strip() else inner
        if tag == "a":
            return self.link(node, inner)
        if tag not in UNWRAPPED:
            self.warnings[f"unknown <{tag}> replaced by its text"] += 1
        return inner

    def link(self, node, inner):
        href = (node.attrs.get("href") or "").strip()
        if not href or not inner.strip():
            return inner
        target = self.links(href)
        if target is None:
            if not href.lower().startswith(SAFE_SCHEMES):
                if not href.startswith("#"):
                    self.warnings["link to an unknown address removed"] += 1
                return inner
            return f'<a href="{escape(href)}">{inner}</a>'
        linktype, value = target
        if linktype == "pending":
            self.pending.add(value)
            return inner
        return f'<a linktype="{linktype}" id="{value}">{inner}</a>'

    def list_html(self, node):
        items = []
        for child in node.children:
            if isinstance(child, Node) and child.tag == "li":
                nested = [c for c in child.children if isinstance(c, Node) and c.tag in {"ul", "ol"}]
                text = "".join(self.inline(c) for c in child.children if c not in nested).strip()
                items.append(f"<li>{text}{''.join(self.list_html(n) for n in nested)}</li>")
            elif isinstance(child, Node) or child.strip():
                text = self.inline(child).strip()
                if text:
                    items.append(f"<li>{text}</li>")
        tag = "ol" if node.tag == "ol" else "ul"
        return f"<{tag}>{''.join(items)}</{tag}>" if items else ""


def convert(html, links, images):
    """The blocks, warnings and pending targets for ``html``.

    ``links(href)`` returns ("page" | "document", id), ("pending", legacy_id) for an archive item
    not imported yet, or None for an outside address; ``images(src, alt)`` returns an image id or None.
    """
    return Converter(links, images).convert(html)


def rich_text(html, links, images=lambda src, alt: None):
    """Rich text only (expert biographies, map descriptions): the paragraphs, nothing else."""
    conversion = convert(html, links, images)
    dropped = [block for block in conversion.blocks if block["type"] != "paragraph"]
    if dropped:
        conversion.warnings["headings, images and tables left out of rich text"] += len(dropped)
    text = "".join(block["value"] for block in conversion.blocks if block["type"] == "paragraph")
    return text, conversion
