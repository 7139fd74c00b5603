"""The admin's "Scheduled pages" report: every page with a revision waiting for its publishing time."""

from django.db.models import IntegerField
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Revision


def scheduled_revisions():
    return Revision.page_revisions.filter(approved_go_live_at__isnull=False)


class ScheduledPagesView(PageReportView):
    page_title = _("Scheduled pages")
    header_icon = "time"
    index_url_name = "scheduled_pages_report"
    index_results_url_name = "scheduled_pages_report_results"
    any_permission_required = ["add", "change", "publish"]

    def get_queryset(self):
        page_ids = scheduled_revisions().annotate(page_id=Cast("object_id", IntegerField())).values("page_id")
        self.queryset = (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
            .filter(pk__in=page_ids)
            .specific(defer=True)
        )
        return super().get_queryset()
