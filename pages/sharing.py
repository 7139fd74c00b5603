"""Share links for a page: plain addresses of each service's own share form.

No script, button or image of theirs is loaded, so a page view tells these services nothing;
only a reader who clicks goes to them, carrying the page's address and title.
"""

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ShareLink:
    service: str  # a short name, for the CSS class
    label: str  # what a screen reader announces
    name: str  # what is shown
    href: str


def _url(base, **params):
    return f"{base}?{urlencode(params, quote_via=quote)}"


def share_links(title, url):
    return [
        ShareLink(
            "email",
            _("Share by e-mail"),
            _("E-mail"),
            f"mailto:?{urlencode({'subject': title, 'body': url}, quote_via=quote)}",
        ),
        ShareLink("x", _("Share on X"), "X", _url("https://x.com/intent/post", text=title, url=url)),
        ShareLink(
            "linkedin",
            _("Share on LinkedIn"),
            "LinkedIn",
            _url("https://www.linkedin.com/sharing/share-offsite/", url=url),
        ),
        ShareLink(
            "facebook",
            _("Share on Facebook"),
            "Facebook",
            _url("https://www.facebook.com/sharer/sharer.php", u=url),
        ),
        ShareLink(
            "telegram",
            _("Share on Telegram"),
            "Telegram",
            _url("https://t.me/share/url", url=url, text=title),
        ),
        ShareLink("vk", _("Share on VK"), "VK", _url("https://vk.com/share.php", url=url, title=title)),
    ]
