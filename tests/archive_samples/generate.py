"""Writes a synthetic archive file for load tests: ``python tests/archive_samples/generate.py N FILE``.

Ten experts, four regions and topics, then N records in all: English articles of every public
kind (one in ten translated into Russian), with links to earlier and later items and old URLs.
"""

import json
import random
import sys

KINDS = ["news", "news", "news", "publication", "publication", "review"]
WORDS = "river corridor treaty border pipeline summit harvest tariff steppe harbour".split()


def records(count, rng):
    yield {"format": "egf-archive", "version": 1}
    fixed = []
    for kind in ("region", "topic"):
        for number in range(4):
            fixed.append(
                {
                    "kind": kind,
                    "id": f"gen:{kind}:{number}",
                    "language": "en",
                    "title": f"{kind.title()} {number}",
                    "slug": f"gen-{kind}-{number}",
                }
            )
    for number in range(10):
        fixed.append(
            {
                "kind": "expert",
                "id": f"gen:expert:{number}",
                "language": "en",
                "title": f"Expert Number{number}",
                "last_name": f"Number{number}",
            }
        )
    yield from fixed
    articles = (count - len(fixed)) * 10 // 11
    for number in range(articles):
        title = " ".join(rng.choice(WORDS) for _ in range(5)).capitalize() + f" {number}"
        link = f"/old/{rng.randrange(articles)}.html"
        yield {
            "kind": "article",
            "id": f"gen:article:{number}",
            "language": "en",
            "article_kind": rng.choice(KINDS),
            "title": title,
            "date": f"{rng.randrange(1998, 2025)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
            "authors": [f"gen:expert:{rng.randrange(10)}"],
            "regions": [f"gen:region:{rng.randrange(4)}"],
            "topics": [f"gen:topic:{rng.randrange(4)}"],
            "summary": f"Summary of item {number}.",
            "body": f'<p>Text of item {number} with <b>bold</b> and <a href="{link}">a link</a>.</p>'
            f"<h2>Part two</h2><p>More text.</p>",
            "old_urls": [f"/old/{number}.html"],
        }
        if number % 10 == 0 and count - len(fixed) - articles > number // 10:
            yield {
                "kind": "article",
                "id": f"gen:article:{number}:ru",
                "language": "ru",
                "translation_of": f"gen:article:{number}",
                "article_kind": "news",
                "title": f"Статья {number}",
                "date": "2000-01-01",
                "summary": f"Сводка {number}.",
                "body": f'<p>Текст {number} с <b>жирным</b> и <a href="{link}">ссылкой</a>.</p>'
                "<h2>Часть вторая</h2><p>Ещё текст.</p>",
                "old_urls": [f"/ru/old/{number}.html"],
            }


if __name__ == "__main__":
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        for record in records(int(sys.argv[1]), random.Random(1)):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
