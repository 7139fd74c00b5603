"""Moderation in the Wagtail admin: the Forum posts listing, its filters and bulk decisions."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.urls import path
from django.utils.functional import cached_property
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.admin_menu import CountedMenuViewSetMixin
from forum import dashboard_panel  # noqa: F401 (registers the dashboard panel)
from forum.admin_views import moderate_selected
from forum.models import ForumTopicPage
from forum.moderation import moderate
from forum.posts import ForumPost, PostStatus

# The listing opens on the posts that wait for a moderator; "Any status" shows them all.
ANY_STATUS = "any"


def status_label(status):
    return capfirst(str(PostStatus(status).label))


def debate_choices():
    debates = ForumTopicPage.objects.filter(pk__in=ForumPost.objects.values("topic")).select_related("locale")
    return [
        (debate.pk, f"{debate.title} ({debate.locale.language_code})") for debate in debates.order_by("title")
    ]


def author_name(user):
    """The name the Author column shows (ForumPost.author_name), for one user."""
    return user.get_full_name() or user.get_username()


def author_choices():
    authors = get_user_model().objects.filter(pk__in=ForumPost.objects.values("author"))
    return sorted(((user.pk, author_name(user)) for user in authors), key=lambda choice: choice[1].lower())


class StatusFilter(django_filters.ChoiceFilter):
    def filter(self, queryset, value):
        if value == ANY_STATUS:
            return queryset
        return super().filter(queryset, value)


class ForumPostFilterSet(WagtailFilterSet):
    status = StatusFilter(
        label="Status",
        choices=[(ANY_STATUS, "Any status")] + [(value, status_label(value)) for value in PostStatus.values],
        empty_label=None,
        widget=forms.RadioSelect,
    )
    topic = django_filters.ChoiceFilter(label="Debate", choices=debate_choices, field_name="topic_id")
    author = django_filters.ChoiceFilter(label="Author", choices=author_choices, field_name="author_id")

    class Meta:
        model = ForumPost
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = PostStatus.PENDING
        super().__init__(data, *args, **kwargs)


class SelectColumn(Column):
    """A checkbox per post for the bulk decisions, with one in the header that ticks them all."""

    header_template_name = "forum/admin/select_all_header.html"
    cell_template_name = "forum/admin/select_cell.html"


class StatusColumn(Column):
    def get_value(self, post):
        return status_label(post.status)


class ForumPostIndexView(generic.IndexView):
    template_name = "forum/admin/forum_post_index.html"
    default_ordering = ["-created", "-pk"]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("topic", "topic__locale", "author")

    @cached_property
    def columns(self):
        return [SelectColumn("select", label="Select"), *super().columns]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["bulk_actions"] = [("approve", "Approve"), ("reject", "Reject"), ("hide", "Hide")]
        return context


class ForumPostForm(WagtailAdminModelForm):
    reason = forms.CharField(
        label="Reason (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Sent to the author with the news that the post was approved or rejected.",
    )


class ForumPostEditView(generic.EditView):
    """A moderator's change of status is recorded and announced like a bulk decision."""

    def save_instance(self):
        post = self.form.instance
        if "status" not in self.form.changed_data:
            return super().save_instance()
        new_status = post.status
        post.status = self.form.initial["status"]  # moderate() makes the change, and its effects
        instance = super().save_instance()
        moderate(
            ForumPost.objects.filter(pk=instance.pk),
            new_status,
            self.request.user,
            self.form.cleaned_data["reason"],
        )
        instance.refresh_from_db()
        return instance


class ForumPostPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "add":
            return False  # posts are written by members on the site, never in the admin
        return super().user_has_permission(user, action)


register_permission_policy(ForumPost, ForumPostPermissionPolicy(ForumPost))


class ForumPostViewSet(CountedMenuViewSetMixin, ModelViewSet):
    model = ForumPost
    icon = "comment"
    menu_label = "Forum posts"
    menu_order = 160
    add_to_admin_menu = True
    copy_view_enabled = False
    index_view_class = ForumPostIndexView
    edit_view_class = ForumPostEditView
    filterset_class = ForumPostFilterSet
    search_fields = ["body"]
    search_backend_name = None  # the database: posts are not in the search index
    list_per_page = 50
    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("reason"), FieldPanel("body")], base_form_class=ForumPostForm
    )
    list_display = [
        "excerpt",
        Column(
            "topic_title",
            label="Debate",
            accessor=lambda post: f"{post.topic.title} ({post.topic.locale.language_code})",
        ),
        Column("author_name", label="Author", classname="field-author"),
        StatusColumn("status", label="Status", sort_key="status", classname="field-status"),
        DateColumn("created", label="Created", sort_key="created"),
    ]

    def waiting_count(self):
        return ForumPost.objects.filter(status=PostStatus.PENDING).count()


@hooks.register("register_admin_viewset")
def forum_post_viewset():
    return ForumPostViewSet("forumpost", url_prefix="forum/forumpost")


@hooks.register("register_admin_urls")
def forum_moderation_urls():
    return [path("forum/posts/moderate/", moderate_selected, name="forum_moderate_posts")]
