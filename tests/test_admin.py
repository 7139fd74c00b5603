from django.urls import reverse
from bs4 import BeautifulSoup

def test_explore(admin_client, demo):
    url = reverse("pages_articlepage_modeladmin_index")
    print(url)
    r = admin_client.get(url)
    print(r.status_code)
    soup = BeautifulSoup(r.content, "html.parser")
    f = soup.select_one(".changelist-filter")
    print(f.prettify()[:6000] if f else r.content[:3000])
    rows = soup.select("table tbody tr")
    print(len(rows))
    print(rows[0].prettify()[:3000])
