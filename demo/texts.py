"""Demo texts: fixed wording for the structural pages, and a generator for article text.

All wording here is written for this project; articles are assembled from these phrases
and from Faker, seeded so every run produces the same site.
"""

import json
import uuid

REGIONS = [
    ("Black Sea", "black-sea"),
    ("Caucasus", "caucasus"),
    ("Central Asia", "central-asia"),
    ("Baltic States", "baltic"),
    ("Eastern Europe", "eastern-europe"),
    ("Russia", "russia"),
    ("European Union", "european-union"),
    ("Middle East", "middle-east"),
    ("Arctic", "arctic"),
    ("Western Balkans", "western-balkans"),
]

TOPICS = [
    ("Energy security", "energy-security", "Pipelines, liquefied gas terminals and the politics of supply."),
    ("Sanctions", "sanctions", "Who imposes them, who evades them, and what they change."),
    (
        "Protracted conflicts",
        "protracted-conflicts",
        "Ceasefire lines that have outlived the wars behind them.",
    ),
    ("Trade corridors", "trade-corridors", "Rail, road and sea routes that bypass old chokepoints."),
    ("Security and defence", "security-defence", "Alliances, arms control and military balances."),
    ("Governance and elections", "governance-elections", "How power changes hands, or does not."),
    (
        "Climate and resources",
        "climate-resources",
        "Water, minerals and the strategic side of the energy transition.",
    ),
    ("Migration", "migration", "Movements of people and the policies that respond to them."),
]

ACTORS = [
    "Brussels",
    "Moscow",
    "Ankara",
    "Baku",
    "Tbilisi",
    "Yerevan",
    "Astana",
    "Kyiv",
    "Warsaw",
    "Bucharest",
    "Chisinau",
    "Vilnius",
    "Tehran",
    "Beijing",
    "Washington",
    "Berlin",
    "Paris",
]
MOVES = [
    "rethinks",
    "doubles down on",
    "quietly revises",
    "tests the limits of",
    "bets on",
    "hesitates over",
    "reopens talks on",
    "pushes back against",
    "takes stock of",
]
SUBJECTS = [
    "gas transit",
    "the southern corridor",
    "grain exports",
    "border demarcation",
    "visa liberalisation",
    "the sanctions regime",
    "port concessions",
    "power-grid links",
    "arms procurement",
    "rail connectivity",
    "a peace framework",
    "critical minerals",
    "election monitoring",
    "water sharing",
    "a free-trade deal",
]
ANGLES = [
    "What changes after the summit",
    "Three scenarios for the next winter",
    "Lessons from the last decade",
    "Winners and losers",
    "Why the timing matters",
    "A view from the region",
    "The numbers behind the talk",
]

SENTENCES = [
    "The decision surprised few observers in {actor}, where officials had signalled it for months.",
    "Much depends on whether {actor} treats the arrangement as a precedent or as an exception.",
    "Regional capitals read the move through the lens of {subject}, not of the headline dispute.",
    "Investors have so far priced in delay rather than collapse.",
    "Neither side has published the annexes, which is where the real commitments usually sit.",
    "The policy debate in {actor} has shifted from whether to act to how quickly.",
    "A smaller group of governments is now carrying most of the diplomatic effort.",
    "Past agreements on {subject} were undone less by opposition than by neglect.",
    "Local elites have learned to play outside partners against each other.",
    "What looks like a technical file is, in practice, a question of sovereignty.",
]

BOOK_TITLES = [
    "Borders of the Steppe",
    "The Pipeline Century",
    "After the Ceasefire",
    "Ports and Power",
    "The Quiet Frontier",
    "Grain, Gas and Guns",
    "Small States, Long Memories",
]


def article_title(rng):
    actor, move, subject = rng.choice(ACTORS), rng.choice(MOVES), rng.choice(SUBJECTS)
    if rng.random() < 0.3:
        return f"{rng.choice(ANGLES)}: {actor} and {subject}"
    return f"{actor} {move} {subject}"


def review_title(rng):
    return f"Review: {rng.choice(BOOK_TITLES)}"


def paragraph(rng, sentences=3):
    return " ".join(
        rng.choice(SENTENCES).format(actor=rng.choice(ACTORS), subject=rng.choice(SUBJECTS))
        for _ in range(sentences)
    )


def summary(rng):
    return paragraph(rng, 2)


def body_json(rng, paragraphs=4):
    """A StreamField body as stored JSON: paragraphs, a heading, and sometimes a quote."""
    blocks = [{"type": "paragraph", "value": f"<p>{paragraph(rng)}</p>", "id": str(uuid.uuid4())}]
    blocks.append(
        {"type": "heading", "value": {"text": rng.choice(ANGLES), "level": "h2"}, "id": str(uuid.uuid4())}
    )
    for _ in range(paragraphs - 1):
        blocks.append({"type": "paragraph", "value": f"<p>{paragraph(rng)}</p>", "id": str(uuid.uuid4())})
    if rng.random() < 0.3:
        blocks.append(
            {
                "type": "quote",
                "value": {"quote": paragraph(rng, 1), "attribution": "A participant in the EGF round table"},
                "id": str(uuid.uuid4()),
            }
        )
    return json.dumps(blocks)


def rich(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def text_body(*paragraphs):
    return json.dumps(
        [{"type": "paragraph", "value": rich(text), "id": str(uuid.uuid4())} for text in paragraphs]
    )


ABOUT_PAGES = [
    (
        "Who we are",
        "An independent forum where analysts, diplomats and business people from the wider Europe meet.",
        [
            "The European Geopolitical Forum brings together people who study the politics of the wider "
            "European neighbourhood and people who act in it.",
            "Our members come from universities, ministries, companies and the press; what they share is a "
            "preference for evidence over slogans.",
        ],
    ),
    (
        "What we do",
        "Analysis, closed-door debates, public events and publications.",
        [
            "We publish short analyses and longer studies, host round tables under the Chatham House rule, "
            "and run moderated online debates between invited experts.",
            "Each year a small number of commissioned papers look at one region in depth.",
        ],
    ),
    (
        "What makes us different?",
        "We put people from both sides of a dispute in the same room, and in the same debate.",
        [
            "Many institutes speak about the regions they study; we try to speak with them.",
            "Our debates are bilingual, in English and Russian, so that local voices are heard in their own words.",
        ],
    ),
    (
        "Why is geopolitics important?",
        "Geography still shapes which choices governments really have.",
        [
            "Routes, resources and neighbours do not change with elections, and policies that ignore them "
            "tend to fail quietly.",
            "Understanding those constraints is the first step to loosening them.",
        ],
    ),
]

LEGAL_PAGES = [
    (
        "Terms and Conditions",
        [
            "Articles on this site may be quoted with a link to the original page.",
            "Members are responsible for what they post in the Forum and agree to its rules when they register.",
        ],
    ),
    (
        "Privacy Policy",
        [
            "We store the data you give us when you register or write to us, and use it only to run the forum "
            "and answer you.",
            "You may ask us at any time to show, correct or delete what we hold about you.",
        ],
    ),
]

FORUM_PAGES = [
    (
        "Terms & Rules",
        [
            "Debates are moderated. Posts appear once a moderator has read them.",
            "Argue with ideas, not with people; posts that insult or advertise are removed.",
        ],
    ),
    (
        "Help",
        [
            "To take part, register with your e-mail address and confirm it from the message we send you.",
            "You can then reply to any open debate; closed debates stay readable in the archive.",
        ],
    ),
]

JOB_TITLES = ["Senior Fellow", "Research Director", "Associate Analyst", "Programme Lead", "Visiting Scholar"]
AFFILIATIONS = [
    "European Geopolitical Forum",
    "Institute for Black Sea Studies",
    "Centre for Eurasian Policy",
    "University of Vienna",
    "Baltic Security Network",
    "Caspian Energy Review",
]
OUTLETS = ["The Brussels Observer", "Eurasia Weekly", "Radio Danube", "The Northern Courier"]
PARTNERS = [
    ("Institute for Black Sea Studies", "Joint round tables on maritime security."),
    ("Centre for Eurasian Policy", "Co-publishes the annual corridor review."),
    ("Baltic Security Network", "Exchanges analysts for short research visits."),
    ("Caspian Energy Review", "Shares data on regional energy flows."),
    ("Danube Dialogue Foundation", "Supports the forum's bilingual debates."),
]
