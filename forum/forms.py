"""The reply form members fill in under a debate (also used to correct a post)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.honeypot import HoneypotFormMixin
from forum.posts import POST_MAX_LENGTH


class PostForm(HoneypotFormMixin):
    body = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Plain text. Leave an empty line between paragraphs; web addresses become links."),
        error_messages={
            "required": _("Please write something before sending your reply."),
            "max_length": _(
                "Your reply is too long: at most %(limit_value)d characters, you wrote %(show_value)d."
            ),
        },
        max_length=POST_MAX_LENGTH,
    )
