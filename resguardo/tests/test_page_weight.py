"""Every public page, stylesheet included, fits in a server's first TCP flight (14,336 bytes
compressed), with a catalogue filled to the limits of every field, not just the seed."""

import random

import pytest
from django.conf import settings
from django.test import Client

from resguardo.catalogue.models import Audience, Language, Region, ResourceType, Strategy, Theme
from resguardo.conftest import make_resource
from resguardo.seeds import FOLDER as SEEDS

ONE_FLIGHT = 14_336
# Real words from the seed documents, so the text compresses as real text does.
WORDS = sorted({w for f in SEEDS.glob("0*.txt") for w in f.read_text().split() if w.isalpha()})


def prose(rng: random.Random, length: int) -> str:
    text = ""
    while len(text) < length:
        text += " ".join(rng.choices(WORDS, k=12)).capitalize() + ". "
    return text[:length]


@pytest.fixture
def crowded(db: None) -> list[str]:
    """Sixty resources with the longest titles, summaries, publisher lists and every facet
    value in use, so each facet lists as many values as it shows."""
    rng = random.Random(7)
    types = list(ResourceType.objects.values_list("slug", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    languages = list(Language.objects.values_list("code", flat=True))
    slugs = []
    for n in range(60):
        resource = make_resource(
            f"{n} " + prose(rng, 495), summary=prose(rng, 2000), full_text=prose(rng, 60_000),
            description=prose(rng, 3000), type_slug=types[n % len(types)],
            themes=rng.sample(themes, 4), languages=rng.sample(languages, 4),
            publishers=[f"Organisation {n}-{i} " + prose(rng, 80) for i in range(4)],
            year=1960 + n, countries=["GT", "KE", "MY", "CO", "BR", "PH"],
            url="https://example.org/" + "x" * 180)
        resource.audiences.set(Audience.objects.all())
        resource.regions.set(Region.objects.all())
        resource.strategies.set(Strategy.objects.all())
        slugs.append(resource.slug)
    return slugs


def pages(slugs: list[str]) -> list[str]:
    return ["/en/", "/en/catalogue/", "/en/catalogue/?page=2",
            "/en/catalogue/?q=community+protection",
            "/en/catalogue/?q=%22human+rights%22+-radio&sort=newest",
            f"/en/catalogue/?theme={Theme.objects.first().slug}&year=1970",  # type: ignore[union-attr]
            f"/en/resources/{slugs[0]}/", f"/en/resources/{slugs[0]}/text/",
            f"/en/resources/{slugs[0]}/text/2/", "/en/learn/", "/nowhere/",
            "/en/themes/communication-early-warning/", "/en/catalogue/?group=needed"]


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_every_page_fits_in_one_flight_when_every_field_is_full_in_every_language(
        client: Client, crowded: list[str], encoding: str) -> None:
    weights = {}
    for path in [p.replace("/en/", f"/{code}/", 1) for p in pages(crowded)
                 for code, _name in settings.LANGUAGES]:
        response = client.get(path, HTTP_ACCEPT_ENCODING=encoding)
        assert response.status_code in (200, 404), path
        assert response["Content-Encoding"] == encoding, path
        weights[path] = len(response.content) + sum(
            len(f"{k}: {v}\r\n") for k, v in response.items())
    over = {path: size for path, size in weights.items() if size > ONE_FLIGHT}
    assert not over, over


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_in_chromium_every_kind_of_page_is_one_request_inside_one_flight(
        live_server, every_page_type) -> None:  # type: ignore[no-untyped-def]
    """What a first visit really costs, as Chromium counts it with its cache off: bytes on
    the wire (headers included, compressed as the browser asked) and requests made."""
    from resguardo.tests.browser import chromium

    public = [kind for kind in every_page_type if not kind.path.startswith("/editors/")]
    costs: dict[str, tuple[int, int]] = {}
    with chromium() as browser:
        for kind in public:
            context = browser.new_context()
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            requests: list[str] = []
            wire: list[int] = []
            cdp.on("Network.requestWillBeSent",
                   lambda e, seen=requests: seen.append(e["request"]["url"]))
            cdp.on("Network.loadingFinished",
                   lambda e, sizes=wire: sizes.append(e["encodedDataLength"]))
            page.goto(f"{live_server.url}{kind.path}", wait_until="load")
            page.wait_for_timeout(100)  # let the last loadingFinished arrive
            costs[kind.path] = (len(requests), sum(wire))
            context.close()
    over = {path: cost for path, cost in costs.items() if cost[0] != 1 or cost[1] > ONE_FLIGHT}
    assert not over, f"(requests, bytes) over budget: {over}"
