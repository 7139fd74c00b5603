from pages.models.articles import (  # noqa: F401
    CONTEXT_KINDS,
    ArticleAuthor,
    ArticleIndexPage,
    ArticleKind,
    ArticlePage,
    ContextIndexPage,
)
from pages.models.contact import ContactFormField, ContactPage  # noqa: F401
from pages.models.documents import DocumentLibraryPage  # noqa: F401
from pages.models.events import EventIndexPage, EventPage  # noqa: F401
from pages.models.maps import MapIndexPage, MapPage  # noqa: F401
from pages.models.partners import Partner, PartnersPage  # noqa: F401
from pages.models.standard import MenuLinkPage, SectionPage, StandardPage  # noqa: F401
from pages.models.taxonomy import Region, Topic  # noqa: F401
from pages.models.topics import TopicListPage  # noqa: F401
