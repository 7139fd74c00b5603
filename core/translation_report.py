"""The admin's Translations report: every page and snippet sent for translation, its languages,
which translations are drafts and which lag behind the English source, and by how much.

One page of the report costs a fixed number of queries whatever the archive's size: the count,
the rows, their translations, and one query per kind of translated object.
"""

from collections import defaultdict
from urllib.parse import urlencode

import django_filters
from django import forms
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from core import translation_status as status

PERMISSION = "wagtail_localize.submit_translation"


def section_choices():
    """The top sections of the English site (children of its home page)."""
    default = Locale.get_default()
    return [(page.path, page.title) for page in Page.objects.filter(depth=3, locale=default).order_by("path")]


def kind_choices():
    used = TranslationSource.objects.values("specific_content_type")
    return [
        (content_type.pk, content_type.model_class()._meta.verbose_name.capitalize())
        for content_type in ContentType.objects.filter(pk__in=used)
        if content_type.model_class() is not None
    ]


class TranslationReportFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (status.OUT_OF_DATE, _("Out of date")),
            (status.DRAFT, _("Draft translation")),
            (status.UP_TO_DATE, _("Up to date")),
        ],
        method="filter_status",
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    section = django_filters.ChoiceFilter(
        label=_("Section"), choices=section_choices, method="filter_section", empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=kind_choices, field_name="specific_content_type", empty_label=_("All")
    )

    class Meta:
        model = TranslationSource
        fields = []

    def filter_status(self, queryset, name, value):
        return status.with_status(queryset, value)

    def filter_section(self, queryset, name, value):
        return queryset.filter(source_path__startswith=value)


class LanguagesColumn(Column):
    cell_template_name = "core/translations/languages_cell.html"


class SyncColumn(Column):
    cell_template_name = "core/translations/sync_cell.html"


class TranslationReportView(ReportView):
    page_title = _("Translations")
    header_icon = "site"
    index_url_name = "translation_report"
    index_results_url_name = "translation_report_results"
    filterset_class = TranslationReportFilterSet
    results_template_name = "wagtailadmin/generic/listing_results.html"
    paginate_by = 50
    columns = [
        TitleColumn("title", label=_("English source"), get_url=lambda source: source.source_url),
        Column("kind", label=_("Kind"), accessor="kind_label"),
        LanguagesColumn("languages", label=_("Translations")),
        Column("last_synced", label=_("Last sync"), accessor="last_synced"),
        SyncColumn("sync", label=_("Actions")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        translations = Translation.objects.filter(enabled=True).select_related("target_locale")
        return (
            status.translated_sources()
            .prefetch_related(Prefetch("translations", queryset=translations, to_attr="enabled_translations"))
            .order_by("-source_edited_at", "-pk")
        )

    def get_table(self, object_list):
        # Sync sends staff back to the report as they left it (not to the results fragment).
        query = self.request.GET.urlencode()
        describe(list(object_list), reverse(self.index_url_name) + (f"?{query}" if query else ""))
        return super().get_table(object_list)


def describe(sources, next_url):
    """Gives each source row what its cells show: links, its languages and how far behind each is."""
    targets = translated_objects(sources)
    for source in sources:
        model = source.specific_content_type.model_class()
        source.kind_label = model._meta.verbose_name.capitalize()
        source.source_url = edit_url(model, source.source_object_pk)
        source.last_synced = _("%(time)s ago") % {"time": timesince(source.last_updated_at)}
        source.sync_url = (
            reverse("wagtail_localize:update_translations", args=[source.pk])
            + "?"
            + urlencode({"next": next_url})
        )
        behind = source.source_edited_at and source.source_edited_at > source.last_updated_at
        source.languages = []
        for translation in source.enabled_translations:
            target = targets.get((source.object_id, translation.target_locale_id))
            source.languages.append(
                {
                    "language": translation.target_locale.get_display_name(),
                    "exists": target is not None,
                    "draft": target is not None and getattr(target, "live", True) is False,
                    "pending": getattr(target, "has_unpublished_changes", False)
                    and getattr(target, "live", False),
                    "behind": timesince(source.last_updated_at, source.source_edited_at) if behind else "",
                    "edit_url": edit_url(model, target.pk) if target is not None else "",
                }
            )


def translated_objects(sources):
    """{(translation_key, locale_id): translated page or snippet}, one query per kind of object."""
    keys_by_model = defaultdict(set)
    for source in sources:
        model = source.specific_content_type.model_class()
        keys_by_model[Page if issubclass(model, Page) else model].add(source.object_id)
        source.source_object_pk = None
    found = {}
    for model, keys in keys_by_model.items():
        objects = model.objects.filter(translation_key__in=keys)
        if model is Page:
            objects = objects.only(
                "pk", "title", "translation_key", "locale_id", "live", "has_unpublished_changes"
            )
        for obj in objects:
            found[(obj.translation_key, obj.locale_id)] = obj
    for source in sources:
        original = found.get((source.object_id, source.locale_id))
        source.source_object_pk = original.pk if original is not None else None
        # Its name now, which may differ from the one it had at the last sync (object_repr).
        source.title = str(original) if original is not None else source.object_repr
    return found


def edit_url(model, pk):
    if pk is None:
        return ""
    if issubclass(model, Page):
        return reverse("wagtailadmin_pages:edit", args=[pk])
    return reverse(f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:edit", args=[quote(pk)])
