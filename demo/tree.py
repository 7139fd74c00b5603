"""Builds the demo page tree of DESIGN.md once: sections, experts, events, maps, documents."""

from collections import Counter
from contextlib import contextmanager
from datetime import timedelta
from email.utils import parseaddr

from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site

from accounts.membership import MEMBERS_GROUP
from demo import media, texts
from demo.forum import build_forum_topics
from demo.shop import build_products
from experts.models import ExpertIndexPage, ExpertListingPage, ExpertPage, ExpertRole
from forum.models import ForumIndexPage
from home.models import HomePage
from pages.models import (
    ArticleIndexPage,
    ArticleKind,
    ContactFormField,
    ContactPage,
    ContextIndexPage,
    DocumentLibraryPage,
    EventIndexPage,
    EventPage,
    MapIndexPage,
    MapPage,
    MenuLinkPage,
    Partner,
    PartnersPage,
    Region,
    SectionPage,
    StandardPage,
    Topic,
    TopicListPage,
)
from shop.models import ShopIndexPage

EXPERT_COUNT = 24
STAFF_COUNT = 6


def add(parent, page, in_menu=True):
    page.show_in_menus = in_menu
    parent.add_child(instance=page)
    return page


def _images(count):
    Image = get_image_model()
    return [
        Image.objects.create(
            title=f"Illustration {number + 1}", file=media.picture(f"EGF {number + 1}", number)
        )
        for number in range(count)
    ]


def _taxonomy(locale):
    regions = [Region.objects.create(name=name, slug=slug, locale=locale) for name, slug in texts.REGIONS]
    topics = [
        Topic.objects.create(name=name, slug=slug, description=description, locale=locale)
        for name, slug, description in texts.TOPICS
    ]
    return regions, topics


def _experts(index, rng, faker):
    experts = []
    for number in range(EXPERT_COUNT):
        first, last = faker.first_name(), faker.last_name()
        photo = get_image_model().objects.create(
            title=f"Portrait of {first} {last}",
            file=media.picture(f"{first[0]}{last[0]}", number, (320, 320)),
        )
        experts.append(
            add(
                index,
                ExpertPage(
                    title=f"{first} {last}",
                    last_name=last,
                    job_title=rng.choice(texts.JOB_TITLES),
                    affiliation=rng.choice(texts.AFFILIATIONS),
                    role=ExpertRole.STAFF if number < STAFF_COUNT else ExpertRole.AFFILIATED,
                    photo=photo,
                    bio=texts.rich(
                        f"{first} {last} works on {rng.choice(texts.SUBJECTS)} and {rng.choice(texts.SUBJECTS)}.",
                        texts.paragraph(rng, 2),
                    ),
                ),
                in_menu=False,
            )
        )
    return experts


def _events(index, rng, regions, topics, images):
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    cities = ["Brussels", "Vienna", "Tbilisi", "Istanbul", "Riga", "Almaty"]
    for number, days in enumerate([20, 45, 90, -15, -60, -120, -200, -320, -400, -500]):
        start = now + timedelta(days=days, hours=10 - now.hour)
        event = EventPage(
            title=f"Round table: {rng.choice(texts.SUBJECTS)} in {rng.choice(cities)}",
            slug=f"round-table-{number + 1}",
            start=start,
            end=start + timedelta(hours=3),
            venue=f"Conference centre, {rng.choice(cities)}",
            summary=texts.summary(rng),
            body=texts.text_body(texts.paragraph(rng), texts.paragraph(rng)),
            main_image=rng.choice(images),
        )
        add(index, event, in_menu=False)
        event.regions.set(rng.sample(regions, 1))
        event.topics.set(rng.sample(topics, 1))
        event.save()


def _maps(index, rng, regions):
    for number, (name, slug) in enumerate(texts.REGIONS[:8]):
        image = get_image_model().objects.create(
            title=f"Map of the {name} region", file=media.picture(f"Map: {name}", number + 3, (960, 640))
        )
        page = MapPage(
            title=f"{name}: routes and borders",
            slug=f"map-{slug}",
            map_image=image,
            description=texts.rich(texts.paragraph(rng, 2)),
            source="EGF research team",
        )
        add(index, page, in_menu=False)
        page.regions.set([region for region in regions if region.slug == slug])
        page.save()


def _documents(rng):
    Document = get_document_model()
    root = Collection.get_first_root_node()
    collections = [root.add_child(name=name) for name in ("Reports", "Statements", "Conference papers")]
    for number in range(15):
        title = f"{rng.choice(texts.ANGLES)} ({number + 1})"
        Document.objects.create(
            title=title,
            file=media.pdf(title, [texts.paragraph(rng, 1)[:90] for _ in range(4)]),
            collection=collections[number % len(collections)],
        )


@contextmanager
def generators_left_as_found(rng, faker):
    """The Forum and the Shop draw from the shared generators and then put them back, so the
    articles and everything else generated after them come out as they did before those sections."""
    states = rng.getstate(), faker.random.getstate()
    try:
        yield
    finally:
        rng.setstate(states[0])
        faker.random.setstate(states[1])


def build_tree(rng, faker, log):
    """Creates the English home page and everything under it; returns what articles need."""
    locale = Locale.get_default()
    Locale.objects.get_or_create(language_code="ru")
    Group.objects.get_or_create(name=MEMBERS_GROUP)
    root = Page.get_first_root_node()

    # Wagtail's installer leaves a placeholder "Welcome" page as the site root; it makes way.
    Page.objects.filter(depth=2, content_type__model="page", content_type__app_label="wagtailcore").delete()
    home = HomePage(
        title="European Geopolitical Forum",
        slug="home",
        intro="Independent analysis and expert debate on the geopolitics of the wider Europe, "
        "in English and Russian.",
    )
    root.add_child(instance=home)
    site = Site.objects.filter(is_default_site=True).first() or Site(hostname="localhost", port=80)
    site.root_page = home
    site.is_default_site = True
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    log("home page and site")

    images = _images(10)
    regions, topics = _taxonomy(locale)
    log(f"{len(images)} images, {len(regions)} regions, {len(topics)} topics")

    about = add(
        home, SectionPage(title="About", intro="Who we are, how we work, and the people behind the forum.")
    )
    for title, intro, paragraphs in texts.ABOUT_PAGES:
        add(
            about,
            StandardPage(
                title=title, intro=intro, body=texts.text_body(*paragraphs), search_description=intro
            ),
        )
    add(about, TopicListPage(title="Issues we work on", intro="The themes that run through our analysis."))
    press = add(
        about,
        ArticleIndexPage(
            title="EGF in Press", kind=ArticleKind.PRESS, intro="EGF experts quoted and published elsewhere."
        ),
    )
    add(about, ExpertListingPage(title="Staff", role=ExpertRole.STAFF, intro="The team that runs the forum."))
    add(
        about,
        ExpertListingPage(
            title="Affiliated Experts",
            role=ExpertRole.AFFILIATED,
            intro="Analysts who write and debate with us.",
        ),
    )
    presentations = add(
        about,
        ArticleIndexPage(
            title="Expert Presentations",
            kind=ArticleKind.PRESENTATION,
            intro="Slides and recordings from our events.",
        ),
    )
    partners = add(about, PartnersPage(title="EGF Partners", intro="Organisations we work with."))
    for order, (name, description) in enumerate(texts.PARTNERS):
        Partner.objects.create(
            page=partners, name=name, description=description, sort_order=order, logo=images[order]
        )
    contact = add(
        about,
        ContactPage(
            title="Contact Us",
            intro=texts.rich("Write to the EGF office. We answer within a few working days."),
            thank_you_text=texts.rich("Thank you, your message has reached the EGF office."),
            to_address=settings.CONTACT_EMAIL,
            from_address=parseaddr(settings.DEFAULT_FROM_EMAIL)[1],
            subject="Message from the EGF website",
        ),
    )
    for order, (label, field_type, required) in enumerate(
        [
            ("Your name", "singleline", True),
            ("Your e-mail", "email", True),
            ("Subject", "singleline", False),
            ("Message", "multiline", True),
        ]
    ):
        ContactFormField.objects.create(
            page=contact, label=label, field_type=field_type, required=required, sort_order=order
        )
    log("About section")

    forum = add(
        home, ForumIndexPage(title="Forum", intro="Moderated debates between invited experts and members.")
    )
    for title, paragraphs in texts.FORUM_PAGES:
        add(forum, StandardPage(title=title, body=texts.text_body(*paragraphs)))
    add(forum, MenuLinkPage(title="Registration", slug="registration", destination="account_signup"))

    experts_index = add(
        home, ExpertIndexPage(title="Experts", intro="Everyone who writes for the forum, from A to Z.")
    )
    experts = _experts(experts_index, rng, faker)
    with generators_left_as_found(rng, faker):
        build_forum_topics(forum, experts, rng, faker)
    log(f"{len(experts)} experts")

    context = add(
        home,
        ContextIndexPage(title="Context", intro="News, analysis, publications and events from the forum."),
    )
    sections = {
        kind: add(context, ArticleIndexPage(title=title, kind=kind, intro=intro))
        for kind, title, intro in [
            (ArticleKind.NEWS, "News", "Short pieces on what happened and why it matters."),
            (ArticleKind.PUBLICATION, "Publications", "Longer analyses and policy papers."),
        ]
    }
    events = add(context, EventIndexPage(title="Events", intro="Round tables, conferences and briefings."))
    _events(events, rng, regions, topics, images)
    add(
        context,
        DocumentLibraryPage(
            title="Documents", intro="Reports, statements and conference papers to download."
        ),
    )
    _documents(rng)
    maps = add(context, MapIndexPage(title="Maps", intro="Maps drawn for our analyses."))
    _maps(maps, rng, regions)
    members = add(
        context,
        ArticleIndexPage(
            title="Members Area", kind=ArticleKind.MEMBERS, intro="Briefings for forum members."
        ),
    )
    sections[ArticleKind.REVIEW] = add(
        context,
        ArticleIndexPage(
            title="Book reviews",
            kind=ArticleKind.REVIEW,
            intro="New books on the region, reviewed by our experts.",
        ),
    )
    log("Context section with events, documents and maps")

    shop = add(home, ShopIndexPage(title="EGF Shop", intro="Order printed copies of EGF publications."))
    with generators_left_as_found(rng, faker):
        build_products(shop, experts, rng)
    legal = [
        add(home, StandardPage(title=title, body=texts.text_body(*paragraphs)), in_menu=False)
        for title, paragraphs in texts.LEGAL_PAGES
    ]
    home.terms_page, home.privacy_page, home.contact_page = legal[0], legal[1], contact
    home.save()
    log("Shop, legal pages and footer")
    return {
        "home": home,
        "sections": sections,
        "extra_sections": [press, presentations, members],
        "experts": experts,
        "regions": regions,
        "topics": topics,
        "images": images,
    }


def existing_tree():
    """What build_tree returned, found again in a database that already has the demo site."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home is None:
        return None
    context_indexes = ArticleIndexPage.objects.descendant_of(home)
    sections = {}
    for index in context_indexes.filter(
        kind__in=[ArticleKind.NEWS, ArticleKind.PUBLICATION, ArticleKind.REVIEW]
    ):
        sections.setdefault(index.kind, index)
    return {
        "home": home,
        "sections": sections,
        "extra_sections": [],
        "experts": list(ExpertPage.objects.descendant_of(home)),
        "regions": list(Region.objects.filter(locale=home.locale)),
        "topics": list(Topic.objects.filter(locale=home.locale)),
        "images": list(get_image_model().objects.filter(title__startswith="Illustration")),
    }


def recount_children(home):
    """Sets ``numchild`` right on every page of one site, from one read of its tree paths.

    Wagtail's ``Page.fix_tree()`` does the same with a subquery per page, which at 100,000 pages
    takes longer than all the rest of seeding."""
    pages = Page.objects.filter(path__startswith=home.path).values_list("pk", "path", "numchild")
    rows = list(pages)
    children = Counter(path[: -Page.steplen] for _pk, path, _numchild in rows)
    wrong = [
        Page(pk=pk, numchild=children[path]) for pk, path, numchild in rows if numchild != children[path]
    ]
    Page.objects.bulk_update(wrong, ["numchild"], batch_size=500)
    return len(wrong)
