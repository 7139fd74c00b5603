"""``{% responsive_image %}``: every content picture of the site as one ``<picture>`` element.

Built on Wagtail's own ``Picture`` (what its ``{% picture %}`` tag renders), with three things the
plain tag cannot do from a template:

- the fallback format follows the upload: PNG and GIF stay PNG (their transparency survives),
  everything else becomes JPEG; the modern formats come first (``RESPONSIVE_IMAGE_FORMATS``);
- widths an upload is too small for are dropped instead of repeated (Wagtail never enlarges,
  and two equal widths in one ``srcset`` are invalid HTML);
- the first picture of a response loads at once, every later one ``loading="lazy"``, so the
  picture readers see first is not delayed while those below the fold wait.

Usage::

    {% responsive_image page.main_image "width-{960,480,1440}" sizes="(min-width: 48rem) 46rem, 100vw"
       alt=page.main_image_alt class="hero" %}

The first size of the spec is the one the ``<img>`` names in ``src``, ``width`` and ``height``.
"""

import functools

from django import template
from django.conf import settings
from django.utils.safestring import mark_safe
from PIL import features
from wagtail.images.models import Filter, Picture
from wagtail.images.shortcuts import get_renditions_or_not_found

register = template.Library()

FIRST_IMAGE_SHOWN = "_first_image_shown"


def modern_formats():
    """The formats offered before the fallback, without AVIF where this Pillow cannot write it."""
    formats = getattr(settings, "RESPONSIVE_IMAGE_FORMATS", ("avif", "webp"))
    return [fmt for fmt in formats if fmt != "avif" or features.check("avif")]


def fallback_format(image):
    return "png" if image.file.name.lower().endswith((".png", ".gif")) else "jpeg"


@functools.lru_cache(maxsize=512)
def filter_for(spec):
    """One Filter per spec and process: a Filter parses its spec into operations the first time it
    is used, which cost more than finding the picture's prefetched renditions."""
    return Filter(spec=spec)


def _is_first_image(context):
    request = context.get("request")
    if request is None:
        return False
    first = not getattr(request, FIRST_IMAGE_SHOWN, False)
    setattr(request, FIRST_IMAGE_SHOWN, True)
    return first


@register.simple_tag(takes_context=True)
def responsive_image(context, image, spec, sizes, alt="", **attrs):
    if not image:
        return ""
    sizes_specs = Filter.expand_spec(spec)
    formats = [*modern_formats(), fallback_format(image)]
    specs = [f"{size}|format-{fmt}" for fmt in formats for size in sizes_specs]
    renditions = get_renditions_or_not_found(image, [filter_for(s) for s in specs])

    kept, widths_seen = {}, set()
    for spec_name, rendition in renditions.items():
        fmt = spec_name.rsplit("format-", 1)[1]
        if (fmt, rendition.width) not in widths_seen:
            widths_seen.add((fmt, rendition.width))
            kept[spec_name] = rendition

    several_widths = len(kept) > len(formats)
    html_attrs = {"alt": alt, "sizes": sizes if several_widths else None, "decoding": "async"}
    if _is_first_image(context):
        html_attrs["fetchpriority"] = "high"
    else:
        html_attrs["loading"] = "lazy"
    html_attrs.update(attrs)
    return mark_safe(Picture(kept, html_attrs).__html__())  # noqa: S308 - Wagtail escapes the attributes
