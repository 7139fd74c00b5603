"""schema.org nodes of the home page: the Forum and its site (registered in HomeConfig.ready)."""


def home_schema(home, head):
    organization = {
        "@type": "Organization",
        "@id": head.organization_id,
        "name": head.site_name,
        "url": head.home_url,
        "logo": head.logo(),
        "description": head.description,
    }
    website = {
        "@type": "WebSite",
        "@id": head.home_url + "#website",
        "name": head.site_name,
        "url": head.home_url,
        "inLanguage": head.language,
        "publisher": {"@id": head.organization_id},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": head.search_url_template()},
            "query-input": "required name=search_term_string",
        },
    }
    return [organization, website]
