"""The Atom feed, the OpenSearch description and the CSV/JSON twins of the catalogue exist in
every interface language: their words and their links are those of the language in their
address, and the twins' columns are the same machine names in all."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from resguardo.catalogue.twins import COLUMNS
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
EVERY = [code for code, _name in settings.LANGUAGES]
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SITE = "http://testserver"


def _in(language: str, name: str, *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _head_link(page: str, kind: str) -> str:
    found = re.search(rf'<link rel="[^"]*" type="{re.escape(kind)}"[^>]* href="([^"]+)">', page)
    assert found, kind
    return found.group(1)


@pytest.mark.parametrize("language", EVERY)
def test_each_language_has_its_feed_of_new_resources_in_its_words_and_addresses(
        client, language):
    guide = make_resource("A field guide", summary="How to walk together.")
    feed_url = _in(language, "catalogue:feed")
    feed = ET.fromstring(client.get(feed_url).content)

    with translation.override(language):
        title, subtitle = _("Resguardo: new resources"), _(
            "Resources on collective protection newly published in the library.")
    assert feed.get(XML_LANG) == language
    assert feed.findtext(f"{ATOM}title") == title
    assert feed.findtext(f"{ATOM}subtitle") == subtitle
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {"self": SITE + feed_url,
                     "alternate": SITE + _in(language, "catalogue:catalogue")}
    [entry] = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == SITE + _in(
        language, "catalogue:resource", guide.slug)


@pytest.mark.parametrize("language", EVERY)
def test_every_page_names_the_feed_and_the_search_of_its_own_language(client, language):
    make_resource("A field guide")
    for page in ("home", "catalogue:catalogue", "pages:index", "events:index"):
        html = client.get(_in(language, page)).content.decode()
        assert _head_link(html, "application/atom+xml") == _in(language, "catalogue:feed")
        assert f'<a href="{_in(language, "catalogue:feed")}">' in html  # and in the footer
        assert _head_link(html, "application/opensearchdescription+xml") == _in(
            language, "opensearch")

    description = ET.fromstring(client.get(_in(language, "opensearch")).content)
    templates = {url.get("type"): url.get("template") for url in
                 description.iter("{http://a9.com/-/spec/opensearch/1.1/}Url")}
    assert templates == {
        "text/html": SITE + _in(language, "catalogue:catalogue") + "?q={searchTerms}",
        "application/json": SITE + _in(language, "catalogue:catalogue-json")
        + "?q={searchTerms}"}


def test_the_twins_link_each_row_to_its_page_in_the_language_asked(client, settings):
    settings.PAGE_SIZE = 1
    guide = make_resource("A field guide")
    make_resource("A report")
    for language in EVERY:
        data = client.get(_in(language, "catalogue:catalogue-json"), {"sort": "title"}).json()
        assert data["results"][0]["url"] == SITE + _in(language, "catalogue:resource",
                                                       guide.slug)
        assert data["next"] == (SITE + _in(language, "catalogue:catalogue-json")
                                + "?sort=title&page=2")

        response = client.get(_in(language, "catalogue:catalogue-csv"), {"sort": "title"})
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        # The header is the same machine names in every language: scripts read it.
        assert rows[0] == COLUMNS
        assert rows[1][COLUMNS.index("url")] == SITE + _in(language, "catalogue:resource",
                                                           guide.slug)
