"""Page numbers as every paginated list on the site shows them: 1 … 4 5 6 … 20."""


def elided_page_range(page):
    return page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
