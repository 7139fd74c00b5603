"""One demo publication that shows what an article can hold: a described main image, a gallery
and footnotes. The home page's editors chose it as the lead article; the places after it show
the newest articles."""

import json
import uuid
from datetime import date, timedelta

from home.models import FeaturedArticle
from pages.models import ArticleKind, ArticlePage

SHOWCASE_TITLE = "Storing gas for two winters: what the reserves can and cannot do"
SUMMARY = (
    "Full storage sites are a comfort, not a guarantee: what limits a reserve is the speed at which it "
    "can be drawn. A working-group note with its sources."
)
MAIN_IMAGE_ALT = "A gas storage site seen from above, its domes and pipework against open fields"
HEADING = "Three ways of counting a reserve"
PARAGRAPHS = [
    "Storage sites filled to the brim in autumn look like security, yet a full tank covers only part of "
    "a cold season's demand [1]. How long the reserve lasts depends on how fast it can be drawn, not only "
    "on how much it holds [2].",
    "Volumes are quoted in cubic metres, in days of consumption or as a share of capacity; each figure "
    "flatters a different country [3]. Comparing them side by side shows why ministers rarely agree on "
    "who is best prepared [1].",
]
GALLERY_TITLE = "Sites visited by the working group"
GALLERY = [  # (caption, alt text)
    ("A salt-cavern site near the coast.", "Two white domes above a flat shore"),
    ("Compressors at a depleted field.", "A row of grey compressor housings"),
    ("The control room during a withdrawal test.", "Operators before a wall of screens"),
]
NOTES = [
    "Working-group estimate from the operators' published capacity figures, autumn of the previous year.",
    "Withdrawal rates fall as a site empties, so the last tenth of a reserve is the slowest to reach the grid.",
    "See the EGF round-table summary on storage statistics, in the Documents section.",
]

# The Russian of every text above, so that the Russian demo reads as Russian throughout (demo.russian
# takes these instead of generated text, and the footnote markers stay where they belong).
RUSSIAN = {
    SHOWCASE_TITLE: "Газ на две зимы: на что способны запасы и на что нет",
    SUMMARY: (
        "Полные хранилища успокаивают, но ничего не гарантируют: запас ограничен скоростью, с которой "
        "его можно отбирать. Записка рабочей группы с источниками."
    ),
    MAIN_IMAGE_ALT: "Газовое хранилище сверху: купола и трубопроводы среди открытых полей",
    HEADING: "Три способа считать запас",
    PARAGRAPHS[0]: (
        "Заполненные к осени хранилища выглядят как гарантия, но полный резервуар покрывает лишь часть "
        "спроса холодного сезона [1]. Срок, на который хватит запаса, зависит не только от объёма, но и "
        "от скорости отбора [2]."
    ),
    PARAGRAPHS[1]: (
        "Объёмы называют в кубометрах, в днях потребления или в долях от вместимости, и каждая из этих "
        "цифр выгодна своей стране [3]. Если сравнить их рядом, понятно, почему министры редко сходятся "
        "во мнении, кто подготовлен лучше [1]."
    ),
    GALLERY_TITLE: "Объекты, которые посетила рабочая группа",
    GALLERY[0][0]: "Хранилище в соляных кавернах у побережья.",
    GALLERY[0][1]: "Два белых купола над плоским берегом",
    GALLERY[1][0]: "Компрессоры на выработанном месторождении.",
    GALLERY[1][1]: "Ряд серых корпусов компрессоров",
    GALLERY[2][0]: "Диспетчерская во время испытания отбора.",
    GALLERY[2][1]: "Операторы перед стеной мониторов",
    NOTES[0]: "Оценка рабочей группы по опубликованным операторами данным о мощностях, осень прошлого года.",
    NOTES[1]: (
        "По мере опустошения хранилища скорость отбора падает, поэтому последняя десятая часть запаса "
        "доходит до сети медленнее всего."
    ),
    NOTES[2]: "См. итоги круглого стола EGF о статистике хранения в разделе «Документы».",
}


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _items(values):
    """A list block's items with their ids, as the editor saves them: wagtail-localize finds each
    item's text by its id, so items without one would stay untranslated."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def showcase_body(images):
    return json.dumps(
        [
            _block("paragraph", f"<p>{PARAGRAPHS[0]}</p>"),
            _block("heading", {"text": HEADING, "level": "h2"}),
            _block("paragraph", f"<p>{PARAGRAPHS[1]}</p>"),
            _block(
                "gallery",
                {
                    "title": GALLERY_TITLE,
                    "images": _items(
                        {"image": image.pk, "caption": caption, "alt_text": alt}
                        for image, (caption, alt) in zip(images, GALLERY, strict=False)
                    ),
                },
            ),
            _block("footnotes", {"notes": _items(f"<p>{note}</p>" for note in NOTES)}),
        ]
    )


def add_showcase(tree):
    """The showcase publication, chosen as the home page's lead article."""
    section = tree["sections"][ArticleKind.PUBLICATION]
    images = tree["images"]
    article = ArticlePage(
        title=SHOWCASE_TITLE,
        # A month old, so that the lead article is not simply the newest one.
        date=date.today() - timedelta(days=30),
        summary=SUMMARY,
        main_image=images[0],
        main_image_alt=MAIN_IMAGE_ALT,
        body=showcase_body(images[1:4]),
        regions=tree["regions"][:1],
        topics=tree["topics"][:1],
    )
    section.add_child(instance=article)
    FeaturedArticle.objects.create(home=tree["home"], article=article, sort_order=0)
    return article
