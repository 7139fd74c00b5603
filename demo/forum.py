"""Demo debates for the Forum: open and closed topics with invited experts and a few approved replies.

The wording is written for this project; replies mix it with phrases from demo.texts.
"""

from datetime import timedelta

from django.apps import apps as django_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.membership import MEMBERS_GROUP
from demo import texts
from forum.groups import ensure_forum_groups
from forum.models import ForumTopicPage, InvitedExpert, TopicStatus
from forum.posts import ForumPost, PostStatus

DEMO_MEMBER_EMAIL = "demo.member@egf.example"

# (title, opening statement paragraphs, status, days since the debate opened)
TOPICS = [
    (
        "Can the Black Sea grain corridor survive another winter?",
        [
            "Shipping through the western Black Sea has resumed, but insurers, port operators and navies all "
            "describe the arrangement as fragile.",
            "We ask our experts whether the corridor now rests on interests strong enough to outlast the next "
            "escalation, and what would have to change if it does not.",
        ],
        TopicStatus.OPEN,
        12,
    ),
    (
        "Is the Middle Corridor a real alternative or a hedge?",
        [
            "Freight across the Caspian has grown quickly from a low base. Governments along the route speak of "
            "a new Silk Road; logistics firms speak of bottlenecks.",
            "Is the route a lasting shift in Eurasian trade, or an insurance policy that will shrink once older "
            "routes reopen?",
        ],
        TopicStatus.OPEN,
        30,
    ),
    (
        "Sanctions after ten years: what have they changed?",
        [
            "A decade of sanctions has produced a large literature and few agreed conclusions.",
            "This debate asks a narrower question: which behaviour has changed because of them, and which "
            "would have changed anyway?",
        ],
        TopicStatus.OPEN,
        50,
    ),
    (
        "Arctic shipping: opportunity or flashpoint?",
        [
            "Thinner ice lengthens the season on northern routes, and the states around the Arctic are "
            "rewriting their plans for ports, patrols and research stations.",
            "Our experts weigh the commercial promise against the risk of a new zone of military competition.",
        ],
        TopicStatus.OPEN,
        75,
    ),
    (
        "Energy interdependence in the South Caucasus",
        [
            "Pipelines built in the 2000s tied the region's economies to European demand.",
            "Has that interdependence made conflicts less likely, or simply raised their cost? This debate is "
            "closed; its replies remain in the archive.",
        ],
        TopicStatus.CLOSED,
        200,
    ),
    (
        "Visa liberalisation and the Eastern Partnership",
        [
            "Visa-free travel was once the most visible benefit the European Union offered its eastern "
            "neighbours.",
            "Looking back, did it change attitudes towards the Union, and what could play a similar role now? "
            "This debate is closed; its replies remain in the archive.",
        ],
        TopicStatus.CLOSED,
        320,
    ),
]

REPLY_OPENINGS = [
    "I would add one point to the opening statement.",
    "The discussion so far underrates the domestic side.",
    "Speaking from experience in the region, the picture is more mixed.",
    "A useful comparison is the situation ten years ago.",
    "I am less optimistic than the previous reply.",
]


def demo_member(faker):
    """A member who writes the demo replies; no password, so nobody can log in as them."""
    user, created = get_user_model().objects.get_or_create(
        username="demo.member",
        defaults={
            "email": DEMO_MEMBER_EMAIL,
            "first_name": faker.first_name(),
            "last_name": faker.last_name(),
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    members, _created = Group.objects.get_or_create(name=MEMBERS_GROUP)
    user.groups.add(members)
    return user


def reply_text(rng):
    return f"{rng.choice(REPLY_OPENINGS)} {texts.paragraph(rng, 2)}\n\n{texts.paragraph(rng, 1)}"


def build_forum_topics(forum_index, experts, rng, faker):
    """Adds the demo debates under the Forum; returns them (English pages)."""
    ensure_forum_groups(django_apps)
    member = demo_member(faker)
    now = timezone.now().replace(second=0, microsecond=0)
    topics = []
    for title, paragraphs, status, days_open in TOPICS:
        opened = now - timedelta(days=days_open)
        topic = ForumTopicPage(
            title=title,
            opening_statement=texts.text_body(*paragraphs),
            status=status,
            show_in_menus=False,
            first_published_at=opened,
        )
        forum_index.add_child(instance=topic)
        for order, expert in enumerate(rng.sample(experts, rng.randint(2, 3))):
            InvitedExpert.objects.create(topic=topic, expert=expert, sort_order=order)

        replies = rng.randint(2, 4)
        posted = [
            opened + timedelta(days=days_open * (number + 1) / (replies + 2)) for number in range(replies)
        ]
        ForumPost.objects.bulk_create(
            ForumPost(
                topic=topic,
                author=member,
                body=reply_text(rng),
                status=PostStatus.APPROVED,
                created=when,
                moderated_at=when,
            )
            for when in posted
        )
        ForumTopicPage.objects.filter(pk=topic.pk).update(last_activity=posted[-1])
        topics.append(topic)
    return topics
