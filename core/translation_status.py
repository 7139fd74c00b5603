"""How far translations lag behind their English source, in a fixed number of queries.

A source is out of date when it changed after its last sync (wagtail-localize's
``TranslationSource.last_updated_at``): for a page, its last publication (what a Sync takes);
for a snippet, its last save where the model records one (``updated_at``).
"""

import operator
from functools import reduce

from django.db.models import BooleanField, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from wagtail.models import DraftStateMixin, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource

OUT_OF_DATE = "out_of_date"
DRAFT = "draft"
UP_TO_DATE = "up_to_date"


def timestamped_snippet_models():
    return [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin) and any(f.name == "updated_at" for f in model._meta.fields)
    ]


def _same_object(model):
    return model.objects.filter(translation_key=OuterRef("object_id"), locale_id=OuterRef("locale_id"))


def source_edited_at():
    """When the source object last changed in a way a Sync would pick up."""
    times = [Subquery(_same_object(Page).values("last_published_at")[:1])]
    times += [
        Subquery(_same_object(model).values("updated_at")[:1]) for model in timestamped_snippet_models()
    ]
    return Coalesce(*times) if len(times) > 1 else times[0]


def draft_translation_exists():
    """Whether the source has an unpublished translation: a page, or a snippet that has drafts
    (regions and topics)."""
    models = [Page] + [model for model in get_snippet_models() if issubclass(model, DraftStateMixin)]
    drafts = [
        Exists(
            model.objects.filter(translation_key=OuterRef("object_id"), live=False).exclude(
                locale_id=OuterRef("locale_id")
            )
        )
        for model in models
        if issubclass(model, TranslatableMixin)
    ]
    return ExpressionWrapper(reduce(operator.or_, drafts), output_field=BooleanField())


def translated_sources():
    """Every source with at least one enabled translation, annotated for the report's filters."""
    return (
        TranslationSource.objects.filter(
            Exists(Translation.objects.filter(source=OuterRef("pk"), enabled=True))
        )
        .annotate(
            source_edited_at=source_edited_at(),
            source_path=Subquery(_same_object(Page).values("path")[:1]),
            has_draft=draft_translation_exists(),
        )
        .select_related("specific_content_type", "locale")
    )


def out_of_date_condition():
    return Q(source_edited_at__gt=F("last_updated_at"))


def with_status(sources, status):
    if status == OUT_OF_DATE:
        return sources.filter(out_of_date_condition())
    if status == DRAFT:
        return sources.filter(has_draft=True)
    if status == UP_TO_DATE:
        return sources.exclude(out_of_date_condition())
    return sources


def out_of_date_translations_count():
    """Translations whose source changed after their last sync (one query)."""
    return (
        Translation.objects.filter(enabled=True)
        .annotate(
            source_edited_at=Subquery(
                TranslationSource.objects.filter(pk=OuterRef("source_id"))
                .annotate(edited=source_edited_at())
                .values("edited")[:1]
            )
        )
        .filter(source_edited_at__gt=F("source__last_updated_at"))
        .count()
    )
