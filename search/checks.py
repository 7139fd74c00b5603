"""A start-up check that the installed Elasticsearch client matches the server's major version."""

from importlib.metadata import PackageNotFoundError, version

from django.conf import settings
from django.core.checks import Error, register


@register()
def elasticsearch_client_matches_server(app_configs, **kwargs):
    if not settings.ELASTICSEARCH_URL:
        return []
    try:
        installed = version("elasticsearch")
    except PackageNotFoundError:
        installed = "none"
    if installed.split(".")[0] == str(settings.ELASTICSEARCH_MAJOR):
        return []
    return [
        Error(
            f"ELASTICSEARCH_MAJOR is {settings.ELASTICSEARCH_MAJOR} "
            f"but the installed elasticsearch client is {installed}.",
            hint=f"pip install 'elasticsearch>={settings.ELASTICSEARCH_MAJOR},<{settings.ELASTICSEARCH_MAJOR + 1}'",
            id="search.E001",
        )
    ]
