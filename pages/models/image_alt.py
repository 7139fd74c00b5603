"""The alt-text field that sits under a page's main image."""

from django.db import models


def main_image_alt_field():
    return models.CharField(
        "Main image alt text",
        max_length=250,
        blank=True,
        help_text=(
            "What the picture shows, for readers who cannot see it, e.g. 'Gas storage tanks at the port "
            "of Gdańsk'. Leave empty to use the image's description from the image library; with "
            "neither, the picture counts as decorative and screen readers skip it."
        ),
    )
