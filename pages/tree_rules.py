"""Adding a page where the site's structure does not allow it: say why, not "no permission".

Wagtail refuses a page type under a parent that its rules exclude (an article under the Forum) with
its generic "Sorry, you do not have permission to access this area"; editors then look for a missing
permission. This create view checks the structure first and names the rule."""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import capfirst, get_text_list
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page


def refusal(page_class, parent):
    """Why a page_class cannot go under parent, or None when the tree allows it."""
    kind = page_class._meta.verbose_name
    parent_kind = parent.specific_class._meta.verbose_name
    allowed_parents = page_class.allowed_parent_page_models()
    if (
        page_class not in parent.specific_class.allowed_subpage_models()
        or type(parent.specific) not in allowed_parents
    ):
        places = get_text_list([model._meta.verbose_name_plural for model in allowed_parents], "or")
        return (
            f"A page of type “{kind}” does not belong under “{parent.title}” ({parent_kind}). "
            f"Add it under one of the {places}."
        )
    if not page_class.can_create_at(parent):
        return f"No more pages of type “{kind}” can be added under “{parent.title}”."
    return None


class TreeRuleCreateView(CreateView):
    def dispatch(self, request, content_type_app_name, content_type_model_name, parent_page_id):
        parent = get_object_or_404(Page, id=parent_page_id).specific
        content_type = ContentType.objects.filter(
            app_label=content_type_app_name, model=content_type_model_name
        ).first()
        page_class = content_type.model_class() if content_type else None
        if (
            page_class
            and issubclass(page_class, Page)
            and parent.permissions_for_user(request.user).can_add_subpage()
        ):
            if reason := refusal(page_class, parent):
                messages.error(request, capfirst(reason))
                return redirect("wagtailadmin_explore", parent.pk)
        return super().dispatch(request, content_type_app_name, content_type_model_name, parent_page_id)


class TreeRulePageViewSet(PageViewSet):
    """The page editor of one page type, with the clearer refusal; the explorer is left as it is."""

    add_view_class = TreeRuleCreateView
    parent_models = []
