import pytest

from resguardo.pages.models import Page

pytestmark = pytest.mark.django_db


def test_the_common_elements_page_has_a_heading_per_element(client, seeded):
    body = client.get("/en/learn/common-elements/").content.decode()
    for element in ["Identify the collective", "Evaluate social and power dynamics",
                    "Strengthen relationships", "Move beyond the individual",
                    "Analyse collective threats and root causes", "Develop strategies",
                    "Monitor and refine"]:
        assert f"<h2>{element}</h2>" in body


def test_a_case_study_lists_its_protocol_and_links_resources(client, seeded):
    body = client.get("/en/learn/case-study-la-puya/").content.decode()
    assert "<li>Not entering into dialogue with the companies" in body
    assert "Community Protocols</a>" in body


def test_the_index_lists_every_page(client, seeded):
    body = client.get("/en/learn/").content.decode()
    assert body.count('<li class="item">') == 5


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    '<a href="https://example.org" onclick="x()">a</a>',
])
def test_raw_html_and_script_links_in_markdown_never_reach_the_page(client, db, source):
    Page.objects.create(title="Unsafe", slug="unsafe", body=f"Text\n\n{source}")
    body = client.get("/en/learn/unsafe/").content.decode()
    article = body.split("<article>", 1)[1].split("</article>", 1)[0]
    assert "<script" not in article and "onerror=" not in article.replace("onerror=&quot;", "")
    assert 'href="javascript' not in article and "<img" not in article
    assert "onclick=" not in article.replace("onclick=&quot;", "")


def test_an_unpublished_page_is_not_found(client, db):
    Page.objects.create(title="Hidden", slug="hidden", body="x", is_published=False)
    assert client.get("/en/learn/hidden/").status_code == 404
