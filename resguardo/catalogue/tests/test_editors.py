import pytest

from resguardo.catalogue.models import Resource, ResourceType
from resguardo.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_an_editor_publishes_a_resource_in_the_admin_and_readers_find_it(client, editor):
    sign_in(client, editor)
    response = client.post("/editors/catalogue/resource/add/", {
        "title": "Early warning by community radio", "slug": "early-warning-radio",
        "resource_type": ResourceType.objects.get(slug="guides-manuals").pk,
        "status": "published", "full_text": "How villages warn each other by radio.",
        "translation_key": "8c7f2a6e-2b8a-4d1e-9c55-6a0a3c1f9d10", "countries": [],
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Resource.objects.get(slug="early-warning-radio").published_at is not None
    found = client.get("/en/catalogue/", {"q": "villages warn"}).content.decode()
    assert "Early warning by community radio" in found


def test_withdrawing_takes_a_resource_out_of_search(client, editor):
    from resguardo.conftest import make_resource

    resource = make_resource("Radio guide", full_text="community radio")
    sign_in(client, editor)
    client.post("/editors/catalogue/resource/", {
        "action": "withdraw", "_selected_action": [resource.pk]})
    assert Resource.objects.get(pk=resource.pk).status == "withdrawn"
    assert "Radio guide" not in client.get("/en/catalogue/", {"q": "radio"}).content.decode()
