"""The Russian gettext catalogue: complete for the project's own strings, compiled, used by Django.

Strings are found without GNU gettext: Django's templatize() turns each template into Python-ish
source whose gettext calls (the same msgids makemessages extracts) are read with `ast`, as are the
gettext calls in the project's own Python code.
"""

import ast
import gettext as gnu_gettext
import re
from datetime import date
from io import StringIO
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.template.utils import get_app_template_dirs
from django.utils import translation
from django.utils.translation.template import templatize

from core.templatetags.site_tags import written_out
from tests.html import fetch, text

RU_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES" / "django.po"
# Function name → (index of the context argument or None, index of the msgid argument).
GETTEXT_CALLS = {
    **dict.fromkeys(("_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy"), (None, 0)),
    **dict.fromkeys(("pgettext", "pgettext_lazy", "npgettext", "npgettext_lazy"), (0, 1)),
}
CALL_START = re.compile(rf"\b(?:{'|'.join(GETTEXT_CALLS)})\(")
CLOSING_PAREN = re.compile(r"\)")


def project_dirs():
    """The project's own apps (not third-party ones), plus config/."""
    local = [config for config in apps.get_app_configs() if config.name in settings.LOCAL_APPS]
    return [Path(config.path) for config in local] + [Path(settings.BASE_DIR) / "config"]


def project_templates():
    """site/templates and each project app's templates/ (third-party apps ship their own Russian)."""
    own_apps = project_dirs()
    own_dirs = [Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]]
    own_dirs += [
        Path(folder) for folder in get_app_template_dirs("templates") if Path(folder).parent in own_apps
    ]
    return sorted(path for folder in own_dirs for path in folder.rglob("*.html"))


def msgids_in(node):
    """(context, msgid) of every gettext-family call with literal strings under an ast node."""
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
        if name not in GETTEXT_CALLS:
            continue
        context_at, msgid_at = GETTEXT_CALLS[name]
        literals = [arg.value if isinstance(arg, ast.Constant) else None for arg in call.args]
        if len(literals) > msgid_at and isinstance(literals[msgid_at], str):
            yield (None if context_at is None else literals[context_at]), literals[msgid_at]


def calls_in_templatized(source):
    """Each gettext call in templatize() output, parsed on its own: the rest is not Python.

    A call ends at the first ')' after which it parses, so a ')' inside a msgid is skipped.
    """
    for start in CALL_START.finditer(source):
        for end in CLOSING_PAREN.finditer(source, start.end()):
            try:
                yield ast.parse(source[start.start() : end.end()], mode="eval")
                break
            except SyntaxError:
                continue


def template_msgids(path):
    source = templatize(path.read_text(encoding="utf-8"), origin=str(path))
    for call in calls_in_templatized(source):
        yield from msgids_in(call)


def code_msgids(path):
    yield from msgids_in(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))


def project_msgids():
    """{(context, msgid): first file using it} for every translatable string of the project."""
    found = {}
    for path in project_templates():
        for key in template_msgids(path):
            found.setdefault(key, path)
    for path in (path for folder in project_dirs() for path in folder.rglob("*.py")):
        for key in code_msgids(path):
            found.setdefault(key, path)
    return found


def test_extraction_reads_the_templates_like_makemessages():
    """Guards the check below against finding nothing: these are msgids makemessages writes."""
    msgids = {msgid for _, msgid in project_msgids()}
    assert {"READ MORE", "By %(byline)s", "%(counter)s article", "Add to calendar (.ics)", "News"} <= msgids


def test_every_project_string_has_a_russian_translation():
    catalogue = {(entry.msgctxt, entry.msgid): entry for entry in polib.pofile(str(RU_CATALOGUE))}
    missing = []
    for key, path in sorted(project_msgids().items(), key=lambda item: str(item[0])):
        entry = catalogue.get(key)
        if entry is None or entry.obsolete or entry.fuzzy or not entry.translated():
            missing.append(f"{key[1]!r} ({Path(path).relative_to(settings.BASE_DIR)})")
    assert not missing, (
        "Not translated in locale/ru/LC_MESSAGES/django.po (run makemessages -l ru, translate, "
        "then compile_translations):\n" + "\n".join(missing)
    )


def test_django_reads_the_compiled_russian_catalogue():
    with translation.override("ru"):
        assert translation.gettext("READ MORE") == "ПОДРОБНЕЕ"
        header_date = written_out(date(2025, 12, 14))
    # Lower-case weekday and genitive month, as Russian writes dates.
    assert header_date == "воскресенье, 14 декабря 2025"
    with translation.override("en"):
        assert written_out(date(2025, 12, 14)) == "Sunday 14 December 2025"


@pytest.mark.parametrize(
    "count, shown",
    [
        (1, "1 статья"),
        (3, "3 статьи"),
        (5, "5 статей"),
        (11, "11 статей"),
        (21, "21 статья"),
        (24, "24 статьи"),
    ],
)
def test_russian_article_counts_use_the_three_plural_forms(count, shown):
    with translation.override("ru"):
        template = translation.ngettext("%(counter)s article", "%(counter)s articles", count)
    assert template % {"counter": count} == shown


@pytest.mark.django_db
def test_russian_search_page_is_in_russian(client):
    page = fetch(client, "/ru/search/")
    assert text(page.find("h1")) == "Расширенный поиск"
    assert text(page.select_one(".brand-name")) == "Европейский геополитический форум"


def write_catalogue(locale_dir, entries):
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "xx"}
    po.extend(entries)
    folder = locale_dir / "xx" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po.save(str(folder / "django.po"))
    return folder


def test_compile_translations_writes_a_catalogue_gettext_reads(tmp_path):
    entry = polib.POEntry(msgid="Search", msgstr="Поиск")
    folder = write_catalogue(tmp_path, [entry])
    output = StringIO()
    call_command("compile_translations", locale_dir=tmp_path, stdout=output)
    assert f"Compiled {folder / 'django.mo'}" in output.getvalue()
    with open(folder / "django.mo", "rb") as mo_file:
        assert gnu_gettext.GNUTranslations(mo_file).gettext(entry.msgid) == "Поиск"


def test_compile_translations_refuses_fuzzy_and_empty_entries(tmp_path):
    folder = write_catalogue(
        tmp_path,
        [
            polib.POEntry(msgid="Search", msgstr="Поиск"),
            polib.POEntry(msgid="Login", msgstr="Вход?", flags=["fuzzy"]),
            polib.POEntry(msgid="Next", msgstr=""),
        ],
    )
    with pytest.raises(CommandError, match=r"fuzzy: 'Login'; untranslated: 'Next'"):
        call_command("compile_translations", locale_dir=tmp_path, stdout=StringIO())
    assert not (folder / "django.mo").exists()
