"""Old URLs of a record answer 301 with the new page (or document), in the record's language.

Redirects are made for every site (``site=None``), as old links came from anywhere. An old
URL that already redirects elsewhere (another record, or an editor's redirect) is a collision:
it is kept as it is and reported. URLs a record no longer lists lose the redirect made for them.
"""

from wagtail.contrib.redirects.models import Redirect

from archive.links import normalise


def sync_redirects(record, item, page=None, link=""):
    """Makes the record's redirects; returns the normalised old paths it now owns."""
    wanted = list(dict.fromkeys(normalise(url) for url in record.data.get("old_urls", [])))
    owned = []
    existing = {redirect.old_path: redirect for redirect in Redirect.objects.filter(old_path__in=wanted)}
    for path in wanted:
        redirect = existing.get(path)
        if redirect is None:
            Redirect.objects.create(
                old_path=path, site=None, is_permanent=True, redirect_page=page, redirect_link=link
            )
        elif (page is not None and redirect.redirect_page_id != page.pk) or (
            page is None and redirect.link != link
        ):
            record.collisions.append((path, redirect.link))
            continue
        owned.append(path)
    dropped = [path for path in (item.old_paths if item else []) if path not in owned]
    if dropped:
        mine = Redirect.objects.filter(old_path__in=dropped)
        (mine.filter(redirect_page=page) if page is not None else mine.filter(redirect_link=link)).delete()
    return owned
