"""How to cite an article: APA 7 and Chicago bibliography entries on the English site, a
ГОСТ Р 7.0.5–2008 reference on the Russian one, and BibTeX and RIS files for reference managers.

Authors are the article's experts in their order, then the people named in the free byline;
with neither, the European Geopolitical Forum stands as author. The choices behind each format
are under "Cite this" in README.md.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.http import HttpResponse
from django.utils import dateformat, timezone, translation
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from core.absolute_urls import absolute_url

SITE_NAME = _("European Geopolitical Forum")
GOST_LABEL = "ГОСТ Р 7.0.5–2008"  # a standard's name, the same in every language

# Article kinds (values of pages.models.ArticleKind) → (BibTeX entry type, RIS type). EGF
# publications are reports the Forum issues; news items are news; everything else is a web page.
ENTRY_TYPES = {"publication": ("techreport", "RPRT"), "news": ("misc", "NEWS")}
WEB_PAGE = ("misc", "ELEC")

BIBTEX_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# LaTeX's special characters in text mode. Braces become commands rather than \{ \}, because
# BibTeX counts every brace, escaped or not, and a lone one would end or swallow the field.
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
# What separates people in a byline: "Jane Smith; Ivan Petrov", "… and …", "… & …", "… и …".
BYLINE_SEPARATOR = re.compile(r";|\s+(?:and|&|и)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Person:
    family: str
    given: str = ""

    @property
    def initials(self):
        """'Jean-Paul Marie' → 'J.-P. M.'; given names written as initials ('J.R.') keep them."""
        words = self.given.replace(".", ". ").split()
        return " ".join(
            "-".join(f"{part.strip('.')[0]}." for part in word.split("-") if part.strip("."))
            for word in words
        )


def person(full_name, family_name=""):
    """Splits a full name. A known family name is looked for at the end, then at the start (Russian
    order); otherwise the last word is the family name, and a single word is a family name alone."""
    full, family = " ".join(full_name.split()), " ".join(family_name.split())
    if family and full == family:
        return Person(family)
    if family and full.endswith(" " + family):
        return Person(family, full[: -len(family)].strip())
    if family and full.startswith(family + " "):
        return Person(family, full[len(family) :].strip())
    given, _space, last = full.rpartition(" ")
    return Person(last, given)


def byline_people(byline):
    """The people of a free byline, which editors write as 'Name, affiliation' (the help text's
    'Jane Smith, University of Vienna'): what follows a name's first comma is left out."""
    names = (part.split(",")[0].strip() for part in BYLINE_SEPARATOR.split(byline or ""))
    return [person(name) for name in names if name]


def _stop(text, mark="."):
    """The mark that closes an element, unless the text ends with a stop of its own ('Why?')."""
    return "" if text.rstrip().endswith((".", "?", "!", "…")) else mark


def _closed(text):
    return f"{text}{_stop(text)}"


def _listed(names, last_joiner):
    """'A', 'A, and B' style lists: a comma between all, and last_joiner before the last name."""
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + f", {last_joiner} " + names[-1]


def bibtex_escape(text):
    return "".join(BIBTEX_ESCAPES.get(char, char) for char in " ".join(text.split()))


@dataclass(frozen=True)
class Citation:
    people: tuple
    title: str
    date: date
    url: str
    accessed: date
    kind: str
    slug: str
    language: str

    @classmethod
    def of(cls, article, request):
        """The citation of an article as read in the active language (the one of its URL); its
        expert links should be prefetched (ExpertLinksMixin.prefetch_experts)."""
        links = getattr(article, article.expert_links).all()
        experts = [person(link.expert.title, link.expert.last_name) for link in links]
        return cls(
            people=tuple(experts + byline_people(article.byline)),
            title=" ".join(article.title.split()),
            date=article.date,
            url=absolute_url(article.get_url(request)),
            accessed=timezone.localdate(),
            kind=article.kind,
            slug=article.slug,
            language=translation.get_language() or "en",
        )

    @property
    def is_report(self):
        return ENTRY_TYPES.get(self.kind, WEB_PAGE)[0] == "techreport"

    @property
    def site_name(self):
        with translation.override(self.language):
            return str(SITE_NAME)

    @property
    def styles(self):
        """(label, reference as HTML) for the page: ГОСТ for Russian readers, APA and Chicago,
        which are English-language styles, for everyone else."""
        if self.language == "ru":
            return [(GOST_LABEL, self.gost())]
        return [(_("APA, 7th edition"), self.apa()), (_("Chicago, bibliography entry"), self.chicago())]

    # --- formatted references -------------------------------------------------------------------
    def apa(self):
        """'Family, I., & Family, I. (2025, March 12). <em>Title</em>. European Geopolitical Forum. URL'.
        A report gives the year alone; with the Forum as author, its name is not repeated as the site."""
        with translation.override("en"):
            site = str(SITE_NAME)
            when = str(self.date.year) if self.is_report else dateformat.format(self.date, "Y, F j")
        names = [f"{p.family}, {p.initials}" if p.given else p.family for p in self.people]
        if len(names) > 20:  # APA lists 19, an ellipsis, then the last author
            authors = ", ".join(names[:19]) + ", . . . " + names[-1]
        else:
            authors = _listed(names, "&")
        source = f" {site}." if authors else ""
        return format_html(
            "{} ({}). <em>{}</em>{}{} {}",
            _closed(authors or site),
            when,
            self.title,
            _stop(self.title),
            source,
            self.url,
        )

    def chicago(self):
        """'Family, Given, and Given Family. “Title.” European Geopolitical Forum, March 12, 2025. URL.'
        A report's title is in italics, with the year alone; no access date, since the page is dated."""
        with translation.override("en"):
            site = str(SITE_NAME)
            day = dateformat.format(self.date, "F j, Y")
        names = [f"{p.family}, {p.given}" if p.given else p.family for p in self.people[:1]]
        names += [f"{p.given} {p.family}".strip() for p in self.people[1:]]
        # The first name is inverted, so even two are "Ward, Geoffrey C., and Ken Burns".
        if len(names) > 10:  # Chicago lists the first seven of more than ten
            authors = ", ".join(names[:7]) + ", et al."
        else:
            authors = _listed(names, "and")
        if self.is_report:
            title = format_html("<em>{}</em>{}", self.title, _stop(self.title))
            source = f"{site}, {self.date.year}."
        else:
            title = format_html("“{}{}”", self.title, _stop(self.title))
            source = f"{site}, {day}." if authors else f"{day}."  # the Forum as author is the site
        return format_html("{} {} {} {}.", _closed(authors or site), title, source, self.url)

    def gost(self):
        """'Фамилия И. О. Заглавие [Электронный ресурс] // Европейский геополитический форум. — 2025.
        — 12 марта. — URL: … (дата обращения: 14.05.2025).' One to three authors head the reference;
        with four or more the title leads and the first of them follows it, with [и др.]."""
        with translation.override("ru"):
            site = str(SITE_NAME)
            day = dateformat.format(self.date, "j E")
        headed = 0 < len(self.people) <= 3
        heading = ", ".join(f"{p.family} {p.initials}".strip() for p in self.people) if headed else ""
        start = f"{_closed(heading)} {self.title}" if heading else self.title
        responsibility = ""
        if len(self.people) > 3:
            first = self.people[0]
            responsibility = f" / {f'{first.initials} {first.family}'.strip()} [и др.]"
        accessed = self.accessed.strftime("%d.%m.%Y")
        return format_html(
            "{} [Электронный ресурс]{} // {}. — {}. — {}. — URL: {} (дата обращения: {}).",
            start,
            responsibility,
            site,
            self.date.year,
            day,
            self.url,
            accessed,
        )

    # --- files for reference managers -----------------------------------------------------------
    @property
    def file_stem(self):
        return self.slug or "citation"

    def bibtex(self):
        """One BibTeX entry; BibTeX styles read year, month, institution/howpublished and url,
        biblatex date and urldate. Text stays UTF-8 (Cyrillic included), for biber or a UTF-8 LaTeX."""
        entry_type = ENTRY_TYPES.get(self.kind, WEB_PAGE)[0]
        site = bibtex_escape(self.site_name)
        if self.people:
            # A single name (no given name) is braced so that BibTeX reads it as one family name.
            authors = " and ".join(
                f"{bibtex_escape(p.family)}, {bibtex_escape(p.given)}"
                if p.given
                else f"{{{bibtex_escape(p.family)}}}"
                for p in self.people
            )
        else:
            authors = f"{{{site}}}"  # the Forum as a body, not as 'Forum, European Geopolitical'
        fields = [
            ("author", f"{{{authors}}}"),
            # Extra braces keep the title's capitals in styles that lower-case titles.
            ("title", f"{{{{{bibtex_escape(self.title)}}}}}"),
            ("institution" if entry_type == "techreport" else "howpublished", f"{{{site}}}"),
            ("year", f"{{{self.date.year}}}"),
            ("month", BIBTEX_MONTHS[self.date.month - 1]),
            ("date", f"{{{self.date.isoformat()}}}"),
            ("url", f"{{{self.url}}}"),
            ("urldate", f"{{{self.accessed.isoformat()}}}"),
        ]
        key = re.sub(r"[^A-Za-z0-9]+", "-", self.slug).strip("-") or "article"
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        return f"@{entry_type}{{egf{self.date.year}-{key},\n{body}\n}}\n"

    def ris(self):
        """One RIS record (the tagged format of EndNote, Zotero, Mendeley), lines ending in CRLF."""
        ris_type = ENTRY_TYPES.get(self.kind, WEB_PAGE)[1]
        site = self.site_name
        authors = [f"{p.family}, {p.given}" if p.given else p.family for p in self.people] or [site]
        lines = [("TY", ris_type)]
        lines += [("AU", author) for author in authors]
        lines += [("TI", self.title)]
        if ris_type != "RPRT":  # the website (or news source) the page belongs to
            lines += [("T2", site)]
        lines += [
            ("PB", site),
            ("PY", str(self.date.year)),
            ("DA", self.date.strftime("%Y/%m/%d")),
            ("UR", self.url),
            ("Y2", self.accessed.strftime("%Y/%m/%d")),
            ("LA", self.language),
            ("ER", ""),
        ]
        return "".join(f"{tag}  - {' '.join(value.split())}\r\n" for tag, value in lines)

    def bibtex_file(self):
        return _attachment(self.bibtex(), f"{self.file_stem}.bib", "application/x-bibtex")

    def ris_file(self):
        return _attachment(self.ris(), f"{self.file_stem}.ris", "application/x-research-info-systems")


def _attachment(text, filename, content_type):
    response = HttpResponse(text, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
