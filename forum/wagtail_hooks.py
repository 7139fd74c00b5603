"""Moderation in the Wagtail admin: the Forum posts listing, its filters and bulk decisions."""

from django.contrib.admin import RelatedOnlyFieldListFilter
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView

from forum import dashboard_panel  # noqa: F401 (registers the dashboard panel)
from forum.admin_views import moderate_selected
from forum.models import ForumTopicPage
from forum.posts import ForumPost, PostStatus


class ForumPostPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False  # posts are written by members on the site, never in the admin


class ForumPostEditView(EditView):
    """A moderator's change of status is recorded like a bulk decision, and an approval moves the debate up."""

    def form_valid(self, form):
        if "status" in form.changed_data:
            form.instance.moderated_by = self.request.user
            form.instance.moderated_at = timezone.now()
            if form.instance.status == PostStatus.APPROVED:
                ForumTopicPage.mark_activity(
                    [form.instance.topic.translation_key], form.instance.moderated_at
                )
        return super().form_valid(form)


class ForumPostAdmin(ModelAdmin):
    model = ForumPost
    menu_label = "Forum posts"
    menu_icon = "comment"
    menu_order = 160
    add_to_settings_menu = False
    list_display = ("select", "excerpt", "topic_title", "author_or_former_member", "status", "created")
    list_display_add_buttons = "excerpt"
    list_filter = (
        ("topic", RelatedOnlyFieldListFilter),
        "status",
        ("author", RelatedOnlyFieldListFilter),
    )
    search_fields = ("body",)
    ordering = ("-created", "-pk")
    list_per_page = 50
    index_template_name = "forum/admin/forum_post_index.html"
    permission_helper_class = ForumPostPermissionHelper
    edit_view_class = ForumPostEditView
    panels = [FieldPanel("status"), FieldPanel("body")]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("topic", "topic__locale", "author")

    def select(self, post):
        return format_html(
            '<input type="checkbox" name="post" value="{}" form="bulk-moderation" aria-label="Select post {}">',
            post.pk,
            post.pk,
        )

    select.short_description = "Select"

    def topic_title(self, post):
        return f"{post.topic.title} ({post.topic.locale.language_code})"

    topic_title.short_description = "Debate"

    def author_or_former_member(self, post):
        return post.author_name

    author_or_former_member.short_description = "Author"


modeladmin_register(ForumPostAdmin)


@hooks.register("register_admin_urls")
def forum_moderation_urls():
    return [path("forum/posts/moderate/", moderate_selected, name="forum_moderate_posts")]
