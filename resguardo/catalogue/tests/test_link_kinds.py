"""A resource's external link says what it leads to: the work itself, or a page about it on
the publisher's site, which is no copy (readers may still ask the editors for one)."""

import pytest
from django.urls import reverse

from resguardo.catalogue.models import Resource
from resguardo.conftest import admin_form, make_resource

pytestmark = pytest.mark.django_db
WORDS = {
    "en": {"work": "Open it on the publisher’s site",
           "page": "See its page on the publisher’s site",
           "none": "The library has no copy of its own yet."},
    "fr": {"work": "L’ouvrir sur le site qui la publie",
           "page": "Voir sa page sur le site qui la publie",
           "none": "La bibliothèque n’en a pas encore de copie à elle."},
}


def _get_it(client, resource: Resource, code: str) -> str:  # type: ignore[no-untyped-def]
    body = client.get(f"/{code}/resources/{resource.slug}/").content.decode()
    return body.split('<ul class="get">', 1)[1].split("</ul>", 1)[0]


@pytest.mark.parametrize("code", WORDS)
def test_the_page_names_what_the_link_leads_to_and_says_the_library_holds_no_copy(
        client, code):
    work = make_resource("A guide online", url="https://example.org/guide.pdf")
    page = make_resource("A guide announced", url="https://example.org/news/guide",
                         link_kind=Resource.LinkKind.PAGE)
    words = WORDS[code]
    shown = _get_it(client, work, code)
    assert words["work"] in shown and words["page"] not in shown and words["none"] in shown
    shown = _get_it(client, page, code)
    assert words["page"] in shown and words["work"] not in shown and words["none"] in shown
    assert 'href="https://example.org/news/guide" rel="noopener noreferrer"' in shown


def test_a_resource_with_its_own_copy_does_not_say_it_has_none(client):
    held = make_resource("Held", full_text="The text.\n\nMore text.",
                         url="https://example.org/news/held", link_kind="page")
    assert WORDS["en"]["none"] not in _get_it(client, held, "en")


def test_an_editor_marks_a_link_as_the_publishers_page(editor_client):
    resource = make_resource("Guide", url="https://example.org/guide")
    assert resource.link_kind == Resource.LinkKind.WORK  # what a link meant before
    change = reverse("admin:catalogue_resource_change", args=[resource.pk])
    form = admin_form(editor_client.get(change), link_kind="page")
    assert editor_client.post(change, form).status_code == 302
    resource.refresh_from_db()
    assert resource.link_kind == Resource.LinkKind.PAGE
