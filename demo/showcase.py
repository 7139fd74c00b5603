"""One demo publication that shows what an article can hold: a described main image, a gallery
and footnotes. The home page's editors chose it as the lead article; the places after it show
the newest articles."""

import json
import uuid
from datetime import date, timedelta

from home.models import FeaturedArticle
from pages.models import ArticleKind, ArticlePage

SHOWCASE_TITLE = "Storing gas for two winters: what the reserves can and cannot do"


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def showcase_body(images):
    return json.dumps(
        [
            _block(
                "paragraph",
                "<p>Storage sites filled to the brim in autumn look like security, yet a full tank covers "
                "only part of a cold season's demand [1]. How long the reserve lasts depends on how "
                "fast it can be drawn, not only on how much it holds [2].</p>",
            ),
            _block("heading", {"text": "Three ways of counting a reserve", "level": "h2"}),
            _block(
                "paragraph",
                "<p>Volumes are quoted in cubic metres, in days of consumption or as a share of capacity; "
                "each figure flatters a different country [3]. Comparing them side by side shows why "
                "ministers rarely agree on who is best prepared [1].</p>",
            ),
            _block(
                "gallery",
                {
                    "title": "Sites visited by the working group",
                    "images": [
                        {
                            "image": image.pk,
                            "caption": caption,
                            "alt_text": alt,
                        }
                        for image, (caption, alt) in zip(
                            images,
                            [
                                ("A salt-cavern site near the coast.", "Two white domes above a flat shore"),
                                ("Compressors at a depleted field.", "A row of grey compressor housings"),
                                (
                                    "The control room during a withdrawal test.",
                                    "Operators before a wall of screens",
                                ),
                            ],
                            strict=False,
                        )
                    ],
                },
            ),
            _block(
                "footnotes",
                {
                    "notes": [
                        "<p>Working-group estimate from the operators' published capacity figures, "
                        "autumn of the previous year.</p>",
                        "<p>Withdrawal rates fall as a site empties, so the last tenth of a reserve is "
                        "the slowest to reach the grid.</p>",
                        "<p>See the EGF round-table summary on storage statistics, in the Documents "
                        "section.</p>",
                    ]
                },
            ),
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
        summary=(
            "Full storage sites are a comfort, not a guarantee: what limits a reserve is the speed at "
            "which it can be drawn. A working-group note with its sources."
        ),
        main_image=images[0],
        main_image_alt="A gas storage site seen from above, its domes and pipework against open fields",
        body=showcase_body(images[1:4]),
        regions=tree["regions"][:1],
        topics=tree["topics"][:1],
    )
    section.add_child(instance=article)
    FeaturedArticle.objects.create(home=tree["home"], article=article, sort_order=0)
    return article
