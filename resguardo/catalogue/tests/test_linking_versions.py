"""Editors say in the admin that a resource is the same work as another, in another
language, without seeing the key that links them; each public page then lists the other."""

import pytest
from django.test import Client
from django.urls import reverse

from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db


def edit(client: Client, resource: Resource, **changes: object):
    """The resource's change form sent back as it is, with `changes`."""
    data = {
        "title": resource.title, "slug": resource.slug, "status": resource.status,
        "resource_type": resource.resource_type_id, "countries": [],
        "languages": [lang.code for lang in resource.languages.all()],
        "summary": resource.summary, "full_text": resource.full_text,
        **changes,
    }
    return client.post(reverse("admin:catalogue_resource_change", args=[resource.pk]), data)


def other_languages(resource: Resource) -> str:
    body = Client().get(resource.get_absolute_url()).content.decode()
    return body.split("<h2>In other languages</h2>", 1)[1] if "In other languages" in body else ""


@pytest.fixture
def guides(db) -> tuple[Resource, Resource]:
    return (make_resource("Collective protection guide", languages=["en"]),
            make_resource("Guía de protección colectiva", languages=["es"]))


def test_linking_a_version_in_the_admin_lists_each_on_the_others_page(editor_client, guides):
    english, spanish = guides
    response = edit(editor_client, spanish, same_work_as=english.pk)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Collective protection guide" in other_languages(spanish)
    assert "Guía de protección colectiva" in other_languages(english)


def test_the_form_offers_the_link_not_the_key(editor_client, guides):
    english, spanish = guides
    edit(editor_client, spanish, same_work_as=english.pk)
    body = editor_client.get(reverse("admin:catalogue_resource_change",
                                     args=[spanish.pk])).content.decode()
    assert 'name="translation_key"' not in body
    assert "Same work as" in body and "choose it here by typing part of its title" in body
    assert reverse("admin:catalogue_resource_works") in body  # where the choices come from
    english_admin = reverse("admin:catalogue_resource_change", args=[english.pk])
    assert f'<a href="{english_admin}">Collective protection guide (English)</a>' in body


def test_a_version_linked_to_one_of_a_work_joins_the_whole_work(editor_client, guides):
    english, spanish = guides
    french = make_resource("Guide de protection collective", languages=["fr"])
    edit(editor_client, spanish, same_work_as=english.pk)
    edit(editor_client, french, same_work_as=spanish.pk)
    listed = other_languages(english)
    assert "Guía de protección colectiva" in listed and "Guide de protection" in listed


def test_unlinking_takes_the_resource_out_of_the_work(editor_client, guides):
    english, spanish = guides
    edit(editor_client, spanish, same_work_as=english.pk)
    response = edit(editor_client, spanish, separate_work="on")
    assert response.status_code == 302
    assert other_languages(english) == other_languages(spanish) == ""


def test_a_resource_is_not_a_version_of_itself(editor_client, guides):
    english, _spanish = guides
    response = edit(editor_client, english, same_work_as=english.pk)
    assert response.status_code == 200
    assert "this one is itself" in response.content.decode()


def test_linking_and_unlinking_at_once_is_refused(editor_client, guides):
    english, spanish = guides
    response = edit(editor_client, spanish, same_work_as=english.pk, separate_work="on")
    assert "not both" in response.content.decode()
    assert Resource.objects.get(pk=spanish.pk).translation_key != english.translation_key


def test_the_choices_are_found_by_words_of_the_title(editor_client, guides):
    url = reverse("admin:catalogue_resource_works")
    found = editor_client.get(url, {"term": "protección guía"}).json()
    assert [r["text"] for r in found["results"]] == ["Guía de protección colectiva (Español)"]
    assert found["pagination"] == {"more": False}


def test_the_choices_are_for_staff_only(client, guides):
    response = client.get(reverse("admin:catalogue_resource_works"), {"term": "guide"})
    assert response.status_code == 302 and "guide" not in response.content.decode()


def test_the_list_action_links_the_selected_and_their_versions(editor_client, guides):
    english, spanish = guides
    french = make_resource("Guide de protection collective", languages=["fr"])
    edit(editor_client, spanish, same_work_as=english.pk)
    editor_client.post(reverse("admin:catalogue_resource_changelist"), {
        "action": "link_versions", "_selected_action": [spanish.pk, french.pk]})
    listed = other_languages(english)
    assert "Guía de protección colectiva" in listed and "Guide de protection" in listed


def test_a_page_of_choices_past_the_end_is_empty(editor_client, guides):
    url = reverse("admin:catalogue_resource_works")
    for page in ("2", "99999999999999999999999", "x", "²", "0"):
        found = editor_client.get(url, {"term": "guide", "page": page}).json()
        assert found["pagination"] == {"more": False}
