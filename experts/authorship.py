"""Expert authorship: pages that name experts (article authors, publication authors, a debate's
invited experts) as ordered links to their ExpertPage, plus an optional free-text byline.

One abstract link model and one page mixin give every such page the same byline, the same
listing prefetch and the same relinking of translations to the experts' translated profiles.
"""

from collections import defaultdict

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from core.translation import in_locale
from experts.chooser import ExpertChooser
from experts.models import ExpertPage


class ExpertLink(Orderable):
    """One expert in the ordered list of a page; subclasses add the ParentalKey to their page."""

    expert = models.ForeignKey(
        ExpertPage,
        on_delete=models.CASCADE,
        related_name="%(app_label)s_%(class)s_links",
        help_text="Choose an expert from the Experts section.",
    )

    panels = [FieldPanel("expert", widget=ExpertChooser)]

    class Meta(Orderable.Meta):
        abstract = True


class ExpertLinksMixin:
    """For pages with an ExpertLink child relation; ``expert_links`` names it."""

    expert_links = "authors"

    @classmethod
    def experts_prefetch(cls):
        """The links with their expert profiles, in one query for any number of pages."""
        link_model = cls._meta.get_field(cls.expert_links).related_model
        return Prefetch(cls.expert_links, queryset=link_model.objects.select_related("expert"))

    @classmethod
    def attach_expert_names(cls, pages):
        """Gives these pages their links in memory with only the experts' names and job titles, for
        a byline in text (a search entry): two queries, and one object per expert however many pages
        name them, since a whole profile page costs more to build than the page that names it."""
        relation = cls._meta.get_field(cls.expert_links)
        link_model, page_column = relation.related_model, relation.field.attname
        rows = list(
            link_model.objects.filter(**{f"{page_column}__in": [page.pk for page in pages]}).values_list(
                page_column, "expert_id", "sort_order"
            )
        )
        experts = ExpertPage.objects.only("title", "job_title").in_bulk({row[1] for row in rows})
        links = defaultdict(list)
        for page_id, expert_id, sort_order in rows:
            links[page_id].append(link_model(expert=experts[expert_id], sort_order=sort_order))
        for page in pages:
            setattr(page, cls.expert_links, links[page.pk])

    def prefetch_experts(self, request):
        """One query for the links and their profiles; nothing once done. A preview shows the
        editor's unsaved links, which live in memory, not in the database."""
        if not getattr(request, "is_preview", False):
            prefetch_related_objects([self], self.experts_prefetch())

    def linked_experts(self, request):
        """The page's links with their profiles, fetched when first asked for."""
        self.prefetch_experts(request)
        return getattr(self, self.expert_links).all()

    @property
    def authors_line(self):
        """'NAME, TITLE and NAME, TITLE' from the linked experts (prefetched in listings) and the byline."""
        names = [link.expert.name_with_title for link in getattr(self, self.expert_links).all()]
        if getattr(self, "byline", ""):
            names.append(self.byline)
        return get_text_list(names, _("and"))

    def synchronise_extra_from(self, source):
        """A translation links the experts' profiles in its own language (wagtail-localize keeps the
        source's)."""
        links = list(getattr(self, self.expert_links).all())
        translated = in_locale(ExpertPage, [link.expert for link in links], self.locale_id)
        for link, expert in zip(links, translated, strict=True):
            link.expert = expert
