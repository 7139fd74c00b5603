"""The one block library used by every body field of the site."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "superscript", "subscript"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=200, help_text="The heading as readers will see it.")
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading"), ("h3", "Sub-heading")],
        default="h2",
        help_text="Use a sub-heading inside a section.",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        description = "A heading that splits the text into sections."
        preview_value = {"text": "Energy security after the winter", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Shown under the image.")
    alt_text = blocks.CharBlock(
        required=False,
        help_text="Describe the image for readers who cannot see it. Leave empty to use the image title.",
    )

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        description = "An image across the text column, with an optional caption."


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(help_text="The quoted words, without quotation marks.")
    attribution = blocks.CharBlock(required=False, help_text="Who said it, e.g. 'Minister of Energy'.")

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"
        description = "A highlighted quotation with who said it."
        preview_value = {
            "quote": "Pipelines outlast the governments that sign for them.",
            "attribution": "A forum participant",
        }


class DocumentDownloadBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, help_text="Link text; the document title is used if empty.")

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        description = "A download link to a file from the document library."


class CallOutBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    link_page = blocks.PageChooserBlock(required=False, help_text="Optional page to point readers to.")
    link_url = blocks.URLBlock(required=False, help_text="Or an address on another website.")

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"
        description = "A boxed note that stands out from the text, with an optional link."
        preview_value = {
            "title": "Key findings",
            "text": "<p>Three corridors carry most of the region's gas.</p>",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("link_page") and value.get("link_url"):
            raise blocks.StructBlockValidationError(
                block_errors={"link_url": ValidationError("Choose a page or an address, not both.")}
            )
        return value


class GalleryImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Shown under this picture.")
    alt_text = blocks.CharBlock(
        required=False,
        help_text=(
            "Describe the picture for readers who cannot see it. Leave empty to use the image's "
            "description from the image library."
        ),
    )


# An empty picture slot; a new gallery starts with two, the fewest it takes.
EMPTY_PICTURE = {"image": None, "caption": "", "alt_text": ""}


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, max_length=120, help_text="Optional heading above the pictures.")
    images = blocks.ListBlock(
        GalleryImageBlock(), min_num=2, default=[EMPTY_PICTURE, EMPTY_PICTURE], label="Pictures"
    )

    class Meta:
        icon = "image"
        template = "blocks/gallery.html"
        label = "Gallery"
        description = "Several pictures side by side, each with its own caption."


FOOTNOTE_FEATURES = ["bold", "italic", "link", "document-link"]


class FootnotesBlock(blocks.StructBlock):
    """The notes of a text; paragraphs cite them as [1], [2]… (see pages/templatetags/footnotes.py)."""

    notes = blocks.ListBlock(
        blocks.RichTextBlock(features=FOOTNOTE_FEATURES, label="Note"),
        min_num=1,
        label="Notes",
        help_text=(
            "One entry per note, in order. In the text, type [1] where note 1 is cited, [2] for "
            "note 2 and so on: readers see a small linked number that jumps to the note, and each "
            "note links back to where it is cited."
        ),
    )

    class Meta:
        icon = "list-ol"
        template = "blocks/footnotes.html"
        label = "Notes (footnotes)"
        description = "Numbered notes and sources at the end of the text, cited as [1], [2]… in paragraphs."
        preview_value = {"notes": ["<p>International Energy Agency, <i>Gas Market Report</i>, 2024.</p>"]}


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        icon="pilcrow",
        template="blocks/paragraph.html",
        description="Text with links, lists and emphasis. Type [1], [2]… to cite the notes of a Notes block.",
        preview_value="<p>The forum met in Brussels to compare notes on the southern corridor.</p>",
    )
    heading = HeadingBlock()
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    embed = EmbedBlock(
        icon="media",
        template="blocks/embed.html",
        description="A video or slide deck from a site such as YouTube or Vimeo, by its address.",
        help_text="Paste the address of the video or slides.",
    )
    document = DocumentDownloadBlock()
    table = TableBlock(
        template="blocks/table.html",
        description="A simple table of figures or facts.",
    )
    callout = CallOutBlock()
    gallery = GalleryBlock()
    footnotes = FootnotesBlock()
