"""schema.org node of a publication for sale (registered in ShopConfig.ready)."""

from pages.structured_data import authors


def product_schema(product, head):
    node = {
        "@type": ["Book", "Product"],
        "@id": head.page_url + "#book",
        "name": product.title,
        "description": head.description,
        "url": head.page_url,
        "author": authors(product, head),
        "publisher": head.publisher(),
        "datePublished": str(product.year),
        "numberOfPages": product.page_count,
        "inLanguage": head.language,
        "image": [head.image["url"]],
        "offers": {
            "@type": "Offer",
            "price": str(product.price),
            "priceCurrency": product.currency,
            "availability": "https://schema.org/" + ("InStock" if product.in_stock else "OutOfStock"),
            "url": head.page_url,
        },
    }
    if product.isbn:
        node["isbn"] = product.isbn.replace("-", "").replace(" ", "")
    return node
