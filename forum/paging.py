"""Page numbers for the forum's lists, elided like the rest of the site (1 … 4 5 6 … 20)."""


def elided_range(page_obj):
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
