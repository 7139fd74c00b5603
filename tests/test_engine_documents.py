"""The engine's documents built from a plan are the documents Wagtail's own mapping builds."""

import pytest
from modelsearch.backends.elasticsearch8 import Elasticsearch8Mapping
from modelsearch.backends.elasticsearch9 import Elasticsearch9Mapping
from modelsearch.backends.opensearch3 import OpenSearch3Mapping
from wagtail.search.index import get_indexed_models

from search.fallback import elasticsearch8, elasticsearch9, opensearch3
from search.models import SearchEntry

MAPPINGS = [
    (elasticsearch8.SearchBackend.mapping_class, Elasticsearch8Mapping),
    (elasticsearch9.SearchBackend.mapping_class, Elasticsearch9Mapping),
    (opensearch3.SearchBackend.mapping_class, OpenSearch3Mapping),
]
PER_MODEL = 25


def _indexed_samples():
    """Some objects of every indexed model the demo site holds, as an index is given them."""
    samples = []
    for model in get_indexed_models():
        objects = list(model.get_indexed_objects().order_by("pk")[:PER_MODEL])
        if model is SearchEntry:
            SearchEntry.attach_filter_slugs(objects)
        samples.extend((model, obj) for obj in objects)
    return samples


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("planned", "wagtails"), MAPPINGS, ids=["elasticsearch8", "elasticsearch9", "opensearch3"]
)
def test_planned_documents_are_wagtails_documents(planned, wagtails):
    samples = _indexed_samples()
    models = {model for model, _ in samples}
    # The demo site has pages of every type, documents, images and entries with regions and topics.
    assert len(models) >= 10
    assert any(obj.regions.all() for model, obj in samples if model is SearchEntry)
    for model, obj in samples:
        assert planned(model).get_document(obj) == wagtails(model).get_document(obj), (model, obj.pk)
