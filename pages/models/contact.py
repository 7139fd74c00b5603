"""Contact Us: a form built in the admin; each submission is stored and e-mailed to the office."""

from http import HTTPStatus

from django import forms
from django.core.mail import EmailMessage
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from accounts.honeypot import HoneypotFormMixin
from accounts.rate_limit import allow, client_address
from core.mail import send_or_log
from core.single_line import SingleLineCharField, SingleLineEmailField, SingleLineURLField

# Whatever fields editors add, a message is stored and e-mailed whole: these bound its size.
CONTACT_LINE_MAX_LENGTH = 200
CONTACT_TEXT_MAX_LENGTH = 10_000
# Enough for a reader with several questions; a script is stopped for ten minutes.
MESSAGES_PER_ADDRESS = 5
MESSAGE_PERIOD_SECONDS = 10 * 60


class ContactFormField(TranslatableMixin, AbstractFormField):
    """Translatable so that a translated Contact page asks its questions in its own language."""

    page = ParentalKey("ContactPage", on_delete=models.CASCADE, related_name="form_fields")
    # The field's machine name keys stored submissions: the same in every language.
    override_translatable_fields = [SynchronizedField("clean_name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order"]


class ContactFormBuilder(FormBuilder):
    """The editor's fields, each text field capped, one-line fields kept to one line (each is a line
    of the office's e-mail), plus the hidden trap field that turns away form-filling bots."""

    def create_singleline_field(self, field, options):
        return SingleLineCharField(max_length=CONTACT_LINE_MAX_LENGTH, **options)

    def create_multiline_field(self, field, options):
        return forms.CharField(max_length=CONTACT_TEXT_MAX_LENGTH, widget=forms.Textarea, **options)

    def create_email_field(self, field, options):
        return SingleLineEmailField(**options)

    def create_url_field(self, field, options):
        return SingleLineURLField(assume_scheme="https", **options)

    def create_hidden_field(self, field, options):
        # Its value is the editor's default, but a script can post anything in it.
        return SingleLineCharField(max_length=CONTACT_LINE_MAX_LENGTH, widget=forms.HiddenInput, **options)

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

    def serve(self, request, *args, **kwargs):
        """Wagtail's form view, with a limit per visitor on the messages stored and e-mailed."""
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        if not form.is_valid():
            return self.render_form(request, form)
        if not allow(
            "contact-message", client_address(request), MESSAGES_PER_ADDRESS, MESSAGE_PERIOD_SECONDS
        ):
            form.add_error(
                None,
                _(
                    "You have sent several messages in a short time, so we cannot take another one just now. "
                    "Please wait a few minutes, then send this one again."
                ),
            )
            return self.render_form(request, form, status=HTTPStatus.TOO_MANY_REQUESTS)
        submission = self.process_form_submission(form)
        return self.render_landing_page(request, submission, *args, **kwargs)

    def render_form(self, request, form, status=HTTPStatus.OK):
        context = self.get_context(request)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def get_submissions_list_view_class(self):
        """Messages are what visitors typed: their exports must not run as spreadsheet formulas."""
        # Imported here: Wagtail's admin views cannot be imported while the models load.
        from core.spreadsheets import FormulaSafeSubmissionsListView

        return FormulaSafeSubmissionsListView

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
