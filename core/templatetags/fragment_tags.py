"""``{% shared_fragment "name" page [variant] %}…{% endshared_fragment %}``: the enclosed HTML is
rendered once per page, language, site and variant and kept in the shared cache (core.fragments).
A variant of None renders afresh, for a request the cache must not answer (unknown parameters)."""

from django import template

from core.fragments import cached_fragment, fragment_key

register = template.Library()


class SharedFragmentNode(template.Node):
    def __init__(self, nodelist, name, page, variant):
        self.nodelist = nodelist
        self.name = name
        self.page = page
        self.variant = variant

    def render(self, context):
        variant = self.variant.resolve(context) if self.variant is not None else ""
        key = fragment_key(
            context.get("request"), self.name.resolve(context), self.page.resolve(context), variant
        )
        return cached_fragment(key, lambda: self.nodelist.render(context))


@register.tag
def shared_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) not in (3, 4):
        raise template.TemplateSyntaxError(f"{bits[0]} takes a name, a page and optionally a variant.")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    name, page, *variant = (parser.compile_filter(bit) for bit in bits[1:])
    return SharedFragmentNode(nodelist, name, page, variant[0] if variant else None)
