"""schema.org node of an expert's profile (registered in ExpertsConfig.ready)."""

from experts.models import ExpertRole


def expert_schema(expert, head):
    node = {
        "@type": "Person",
        "@id": head.page_url + "#person",
        "name": expert.title,
        "familyName": expert.last_name,
        "url": head.page_url,
        "description": head.description,
    }
    if expert.job_title:
        node["jobTitle"] = expert.job_title
    if expert.role == ExpertRole.STAFF:
        node["worksFor"] = {"@type": "Organization", "@id": head.organization_id, "name": head.site_name}
    if expert.affiliation:
        node["affiliation"] = {"@type": "Organization", "name": expert.affiliation}
    if expert.photo_id:
        node["image"] = head.image["url"]
    return {"@type": "ProfilePage", "url": head.page_url, "inLanguage": head.language, "mainEntity": node}
