"""Engine documents built from a plan worked out once per model.

Wagtail's mapping looks every search field up again for each object it turns into a document: its
model field, its column name, the rules for its value. Over a rebuild of 10,000 pages and entries
those lookups cost more than reading the values. The plan keeps, per search field, its column name
and, where its value is a plain column, the attribute to read; everything else (related fields,
methods, stream text, fields with searchable content of their own) goes through Wagtail's code.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db.models.fields.related import RelatedField
from modelsearch.index import AutocompleteField, BaseField, FilterField


def _plain_column(search_field, model):
    """The attribute that holds this search field's value as the document takes it, or None when
    Wagtail's mapping does more than read it."""
    if type(search_field).get_value is not BaseField.get_value:
        return None
    try:
        field = search_field.get_field(model)
    except FieldDoesNotExist:
        return None  # a method or property, called per object
    if not field.concrete or field.many_to_many or hasattr(field, "get_searchable_content"):
        return None
    target = field
    while isinstance(target, RelatedField):
        target = target.target_field
    return None if hasattr(target, "get_searchable_content") else field.attname


class _Plan:
    def __init__(self, mapping, model):
        self.content_types = mapping.get_all_content_types()
        self.steps = [
            (
                field,
                mapping.get_field_column_name(field),
                _plain_column(field, model),
                isinstance(field, AutocompleteField) and not isinstance(field, FilterField),
            )
            for field in mapping.model.get_search_fields()
        ]


_plans = {}


class PlannedDocumentMapping:
    """Mixin for an engine's mapping class: the same documents, from a plan made once per model."""

    def get_document(self, obj):
        key = (type(self), self.model, type(obj))
        plan = _plans.get(key)
        if plan is None:
            plan = _plans[key] = _Plan(self, type(obj))
        doc = {"pk": str(obj.pk), "_django_content_type": list(plan.content_types)}
        edgengrams = []
        for field, name, attname, autocomplete in plan.steps:
            if attname is None:
                name, value, field_edgengrams = self._get_document_field_data(field, obj)
                edgengrams.extend(field_edgengrams)
            else:
                value = self._clean_value(getattr(obj, attname))
                if autocomplete:
                    edgengrams.append(value)
            doc[name] = value
        doc["_edgengrams"] = edgengrams
        return doc
