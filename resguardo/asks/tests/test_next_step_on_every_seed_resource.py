"""Issue 14: 14 of the 17 seed resources ended in "The library has no copy or link for this
resource yet" and nothing else. Now every seed resource page, in every interface language,
leads somewhere: a copy, the publisher's page, or a button to ask the editors."""

import pytest
from django.utils.html import strip_tags

from resguardo.catalogue.models import Resource
from resguardo.seeds import library
from resguardo.seeds.load import publisher_pages

pytestmark = pytest.mark.django_db
WORDS = {  # what a reader of each language reads
    "en": ("See its page on the publisher’s site", "Ask the editors for a copy",
           "Read it as light text"),
    "es": ("Ver su página en el sitio de quien lo publica", "Pedir una copia a los editores",
           "Leerlo como texto ligero"),
}


def _get_it(client, resource: Resource, code: str) -> str:  # type: ignore[no-untyped-def]
    body = client.get(f"/{code}{resource.get_absolute_url()[3:]}").content.decode()
    return body.split("<h2>", 2)[1].split("<h2>", 1)[0]  # from "Get it" to the next heading


@pytest.mark.parametrize("code", WORDS)
def test_every_seed_resource_page_offers_a_next_step(client, seeded, code):
    page_link, ask_copy, light_text = WORDS[code]
    pages = publisher_pages()
    for spec in library.RESOURCES:
        resource = Resource.objects.get(title=spec["title"])
        part = _get_it(client, resource, code)
        held = "text" in spec
        assert (light_text in part) == held, spec["title"]
        assert (ask_copy in part) == (not held), spec["title"]
        assert (page_link in part) == (spec["title"] in pages), spec["title"]
        if spec["title"] in pages:
            assert f'href="{pages[spec["title"]]}"' in part
        assert "no copy or link" not in strip_tags(part)


def test_of_the_fourteen_without_a_copy_eight_lead_to_the_publishers_page(seeded):
    without_copy = [spec["title"] for spec in library.RESOURCES if "text" not in spec]
    assert len(without_copy) == 14
    # Two of the ten trusted links belong to reports the library holds (001 and 004).
    assert len([title for title in without_copy if title in publisher_pages()]) == 8
