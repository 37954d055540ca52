"""On a phone the filters come before the results, folded into a "Narrow down" summary that
opens without script; and a page of twenty results with every facet full (sixty countries
among them) still fits in one flight, in every language.

The browser's side (where the filters stand at 360 px) is in tests/test_browser_visitor.py.
"""

import random
import re

import pytest
from django.conf import settings
from django.test import Client
from django_countries import countries

from resguardo.catalogue.models import Audience, Language, Region, ResourceType, Theme
from resguardo.conftest import make_resource
from resguardo.tests.test_page_weight import ONE_FLIGHT, prose

pytestmark = pytest.mark.django_db
COUNTRIES = list(countries.countries)[::4][:60]


@pytest.fixture
def full_page(db: None) -> None:
    """Twenty-five resources, so a page holds twenty: the longest titles, four publishers,
    and more values than each facet lists (sixty countries, every rating)."""
    rng = random.Random(14)
    types = list(ResourceType.objects.values_list("slug", flat=True))
    themes = list(Theme.objects.values_list("slug", flat=True))
    languages = list(Language.objects.values_list("code", flat=True))
    for n in range(25):
        resource = make_resource(
            f"{n} " + prose(rng, 495), summary=prose(rng, 2000),
            description=prose(rng, 1000), type_slug=types[n % len(types)],
            themes=rng.sample(themes, 4), languages=rng.sample(languages, 4),
            publishers=[f"Organisation {n}-{i} " + prose(rng, 80) for i in range(4)],
            year=1990 + n, countries=rng.sample(COUNTRIES, 12), rating=1 + n % 5)
        resource.audiences.set(Audience.objects.all())
        resource.regions.set(Region.objects.all())


def _weight(client: Client, path: str, encoding: str) -> int:
    response = client.get(path, HTTP_ACCEPT_ENCODING=encoding)
    assert response.status_code == 200, path
    assert response["Content-Encoding"] == encoding, path
    return len(response.content) + sum(len(f"{k}: {v}\r\n") for k, v in response.items())


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_twenty_results_with_every_facet_full_fit_in_one_flight_in_every_language(
        client: Client, full_page: None, encoding: str) -> None:
    queries = ["", "?sort=rating", "?rating=3&country=" + COUNTRIES[0],
               "?q=community+protection&sort=rating"]
    weights = {f"/{code}/catalogue/{query}": 0 for code, _name in settings.LANGUAGES
               for query in queries}
    for path in weights:
        weights[path] = _weight(client, path, encoding)
    page = client.get("/en/catalogue/").content.decode()
    assert page.count('<li class="item">') == 20
    assert page.count('<a href="?country=') == 20  # as many as a facet lists
    over = {path: size for path, size in weights.items() if size > ONE_FLIGHT}
    assert not over, over
    print(f"\nheaviest catalogue page ({encoding}): {max(weights.values())} bytes "
          f"of {ONE_FLIGHT}, {max(weights, key=weights.__getitem__)}")


@pytest.mark.parametrize(("language", "narrow_down"), [("en", "Narrow down"),
                                                       ("es", "Filtrar")])
def test_the_filters_come_before_the_results_folded_into_a_summary(
        client: Client, full_page: None, language: str, narrow_down: str) -> None:
    page = client.get(f"/{language}/catalogue/").content.decode()
    summary = (f'<section class="facets" aria-labelledby="facets-h"><details>\n'
               f'<summary><h2 id="facets-h">{narrow_down}</h2></summary>')
    assert summary in page
    assert page.index(summary) < page.index('<ol class="items">')
    assert re.search(r"<details>\n<summary>[^\n]*</summary>\s*<h3>", page)
    assert "<script" not in page
