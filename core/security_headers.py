"""The headers that tell browsers what a page may do: a Content-Security-Policy (django-csp) and a
Permissions-Policy.

The public site's policy is in settings (CONTENT_SECURITY_POLICY). The Wagtail admin gets its own,
looser one: its widgets and wagtail-localize's editor start from inline scripts that carry no nonce
(and a nonce in the policy would make browsers ignore 'unsafe-inline').

A preview is the public page rendered for the admin: Wagtail passes a stand-in request for the
page's public address through every middleware, so it would get the site's frame-ancestors 'none'
and X-Frame-Options DENY, and the editor's side panel could not show it. Previews keep the site's
policy but may be framed by the admin's own origin.
"""

from csp.constants import SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings

ADMIN_PREFIX = "/admin/"


# What the admin needs beyond the site's policy (settings.CONTENT_SECURITY_POLICY): its inline
# scripts, avatars and embed thumbnails from elsewhere, and editors' previews framing the site itself.
ADMIN_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", "https:"],
    "frame-ancestors": [SELF],
}


def admin_policy():
    return default_config({**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], **ADMIN_DIRECTIVES})


# Browser features the site never uses, switched off for every page and any frame inside it.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
)


class SecurityHeadersMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the admin's policy under /admin/, plus Permissions-Policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = admin_policy()
        if not report_only and is_preview(request):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts

    def process_response(self, request, response):
        response = super().process_response(request, response)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if is_preview(request):
            # Some of Wagtail's preview views (a revision's, a workflow task's) keep the DENY that
            # Django's XFrameOptionsMiddleware gave the stand-in request.
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response


def is_preview(request):
    """Whether the request is Wagtail's stand-in for a page rendered as a preview in the admin."""
    return getattr(request, "is_preview", False)
