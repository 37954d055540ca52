"""Sending the proposal form as a visitor does: read the page, fill it, send it."""

import re
from typing import Any

from django.test import Client

from resguardo.catalogue.models import ResourceType

CODE = re.compile(r'id="code">([A-Z2-9-]{19})<')


def shown_stamp(client: Client) -> str:
    page = client.get("/en/propose/").content.decode()
    found = re.search(r'name="shown" value="([^"]+)"', page)
    assert found, "the form carries its stamp"
    return found.group(1)


def proposal_data(client: Client, **fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "url": "https://example.org/guide", "title": "A village guide to early warning",
        "summary": "How a village warns itself when threatened.",
        "resource_type": ResourceType.objects.get(slug="guides-manuals").pk,
        "permission": "CC BY 4.0", "risk": "no", "website": "",
        "shown": shown_stamp(client),
    }
    data.update(fields)
    return {k: v for k, v in data.items() if v is not None}


def code_in(page: bytes) -> str:
    found = CODE.search(page.decode())
    assert found, "the page shows a reference code"
    return found.group(1)
