import pytest


@pytest.mark.django_db
def test_a_visitor_at_the_root_meets_the_approach_not_a_login_form(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    for words in ("de Bedoeling", "systeemwereld", "Maatwerk", "Regietheater",
                  "Visie-creatie", "Casuïstiekbesprekingen", "Dit kan niet waar zijn",
                  "Verhalen"):
        assert words in html, words
    assert 'href="/sparsessie/"' in html
    assert 'href="/inloggen/"' in html


@pytest.mark.django_db
def test_the_home_page_reads_in_english_too(client):
    client.post("/taal/", {"language": "en", "next": "/"})
    html = client.get("/").content.decode()
    assert 'lang="en"' in html
    assert "Working from the purpose" in html
    assert "Request a sparring session" in html


@pytest.mark.django_db
def test_the_public_pages_load_nothing_from_another_origin(client):
    import re

    for url in ("/", "/sparsessie/", "/privacy/", "/sparsessie/verstuurd/"):
        html = client.get(url).content.decode()
        sources = re.findall(r'(?:src|href)="([^"]+)"', html)
        outside = [s for s in sources if s.startswith(("http:", "https:", "//"))]
        assert outside == [], (url, outside)


@pytest.mark.django_db
def test_someone_logged_in_still_goes_to_her_organisation_from_the_root(cast, client_for):
    response = client_for(cast.member).get("/")
    assert response.status_code == 302
    assert response["Location"] == "/o/regenboog/"
