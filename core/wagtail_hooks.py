"""Admin for translators and editors: the Translations and Scheduled pages reports, "Translate" on a
snippet's edit view, and the dashboard panels for pages in moderation, scheduled pages and
translations out of date."""

from django.contrib.admin.utils import quote
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, TranslatableMixin, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.action_menu import ActionMenuItem

from core import translation_status
from core.dashboard import register_count_panel
from core.scheduled_pages import ScheduledPagesView, scheduled_revisions
from core.translation_report import PERMISSION, TranslationReportView


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("reports/translations/", TranslationReportView.as_view(), name="translation_report"),
        path(
            "reports/translations/results/",
            TranslationReportView.as_view(results_only=True),
            name="translation_report_results",
        ),
        path("reports/scheduled/", ScheduledPagesView.as_view(), name="scheduled_pages_report"),
        path(
            "reports/scheduled/results/",
            ScheduledPagesView.as_view(results_only=True),
            name="scheduled_pages_report_results",
        ),
    ]


class PermittedMenuItem(MenuItem):
    def __init__(self, *args, is_permitted, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_permitted = is_permitted

    def is_shown(self, request):
        return self.is_permitted(request.user)


def may_translate(user):
    return user.has_perm(PERMISSION)


def may_edit_pages(user):
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


def may_publish_pages(user):
    return PagePermissionPolicy().user_has_permission(user, "publish")


@hooks.register("construct_reports_menu")
def translations_report_in_place_of_wagtail_localizes(request, menu_items):
    # wagtail-localize's own "Translations" report lists translation records without their state;
    # this project's report replaces it under the same name.
    menu_items[:] = [
        item for item in menu_items if item.url != reverse("wagtail_localize:translations_report")
    ]


@hooks.register("register_reports_menu_item")
def translations_report_menu_item():
    return PermittedMenuItem(
        _("Translations"),
        reverse("translation_report"),
        icon_name="site",
        order=900,
        is_permitted=may_translate,
    )


@hooks.register("register_reports_menu_item")
def scheduled_pages_menu_item():
    return PermittedMenuItem(
        _("Scheduled pages"),
        reverse("scheduled_pages_report"),
        icon_name="time",
        order=910,
        is_permitted=may_edit_pages,
    )


class TranslateSnippetMenuItem(ActionMenuItem):
    """ "Translate" on a snippet's edit view, not only in the listing's "More" menu."""

    name = "action-translate"
    label = _("Translate")
    icon_name = "wagtail-localize-language"

    def is_shown(self, context):
        instance = context.get("instance")
        return (
            context["view"] == "edit"
            and isinstance(instance, TranslatableMixin)
            and context["request"].user.has_perm(PERMISSION)
            and Locale.objects.exclude(
                pk__in=instance.get_translations(inclusive=True).values("locale_id")
            ).exists()
        )

    def get_url(self, parent_context):
        instance = parent_context["instance"]
        return reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[instance._meta.app_label, instance._meta.model_name, quote(instance.pk)],
        )


@hooks.register("register_snippet_action_menu_item")
def translate_snippet_menu_item(model):
    return TranslateSnippetMenuItem(order=90) if issubclass(model, TranslatableMixin) else None


register_count_panel(
    may_publish_pages,
    "pages-in-moderation",
    order=50,
    heading=_("Pages in moderation"),
    count=WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS).count,
    url=lambda: reverse("wagtailadmin_reports:workflow"),
    link_text=_("See the workflows"),
)
register_count_panel(
    may_edit_pages,
    "scheduled-pages",
    order=51,
    heading=_("Scheduled pages"),
    count=lambda: scheduled_revisions().count(),
    url=lambda: reverse("scheduled_pages_report"),
    link_text=_("See what goes live when"),
)
register_count_panel(
    may_translate,
    "translations-out-of-date",
    order=52,
    heading=_("Translations out of date"),
    count=translation_status.out_of_date_translations_count,
    url=lambda: reverse("translation_report") + f"?status={translation_status.OUT_OF_DATE}",
    link_text=_("See what to sync"),
)
