"""Contact Us: a form built in the admin; each submission is stored and e-mailed to the office."""

from django.core.mail import EmailMessage
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from accounts.honeypot import HoneypotFormMixin
from core.mail import send_or_log


class ContactFormField(TranslatableMixin, AbstractFormField):
    """Translatable so that a translated Contact page asks its questions in its own language."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    # The field's machine name keys stored submissions: the same in every language.
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class ContactFormBuilder(FormBuilder):
    """The editor's fields plus the hidden trap field that turns away form-filling bots."""

    def get_form_class(self):
        return type("ContactForm", (HoneypotFormMixin, BaseForm), self.formfields)


class ContactPage(AbstractEmailForm):
    form_builder = ContactFormBuilder
    # Addresses are configuration, not text: translations keep the source's.
    override_translatable_fields = [SynchronizedField("to_address")]

    intro = RichTextField(blank=True, features=["bold", "italic", "link"], help_text="Shown above the form.")
    thank_you_text = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="Shown after a message is sent."
    )

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label="Form field"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading="E-mail sent for each message",
        ),
    ]
    parent_page_types = ["pages.SectionPage", "home.HomePage"]
    subpage_types = []
    page_description = (
        "A contact form. Messages are kept under Forms in the admin and e-mailed to the address you give."
    )

    def send_mail(self, form):
        """The notice goes through the site's background mail: a failing mail server never costs the
        reader their message, which is already stored."""
        addresses = [address.strip() for address in self.to_address.split(",") if address.strip()]
        headers = {"Auto-Submitted": "auto-generated"}
        message = EmailMessage(
            self.subject, self.render_email(form), self.from_address or None, addresses, headers=headers
        )
        send_or_log(message)

    class Meta:
        verbose_name = "Contact form page"
