"""What pages cost on the wire: compressed for the reader's browser, revalidated with 304."""

import gzip
import re

import brotli
import pytest
from django.test import Client

from resguardo.conftest import sign_in

PAGES = ["/en/", "/en/catalogue/", "/en/learn/", "/en/catalogue/?q=protection"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_come_in_brotli_or_gzip_and_decompress_to_the_same_page(
        client: Client, seeded: None, path: str) -> None:
    plain = client.get(path)
    in_brotli = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    in_gzip = client.get(path, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert "Content-Encoding" not in plain
    assert in_brotli["Content-Encoding"] == "br"
    assert in_gzip["Content-Encoding"] == "gzip"
    assert brotli.decompress(in_brotli.content) == plain.content
    assert gzip.decompress(in_gzip.content) == plain.content
    assert len(in_brotli.content) < len(in_gzip.content) < len(plain.content) / 2
    assert "Accept-Encoding" in in_brotli["Vary"]


def test_a_plain_text_download_is_compressed_too(client: Client, seeded: None) -> None:
    from resguardo.catalogue.models import Resource

    item = Resource.objects.exclude(full_text="").first()
    assert item is not None
    response = client.get(f"/en/resources/{item.slug}/text.txt", HTTP_ACCEPT_ENCODING="br")
    assert response["Content-Encoding"] == "br"


@pytest.mark.parametrize("path", PAGES)
def test_an_unchanged_page_costs_a_304(client: Client, seeded: None, path: str) -> None:
    first = client.get(path, HTTP_ACCEPT_ENCODING="br")
    assert first["ETag"].startswith('W/"')
    again = client.get(path, HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""


def test_public_pages_may_be_reused_briefly_and_editors_pages_never(client: Client,
                                                                    seeded: None) -> None:
    assert client.get("/en/")["Cache-Control"] == "max-age=300"
    login = client.get("/editors/login/")
    assert "no-store" in login["Cache-Control"]
    assert "private" in login["Cache-Control"]


@pytest.mark.parametrize("path", PAGES)
def test_head_is_answered_with_headers_only(client: Client, seeded: None, path: str) -> None:
    response = client.head(path)
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"].startswith("text/html")


def test_static_files_are_precompressed_hashed_and_cached_for_a_year(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0)
    url = staticfiles_storage.url("css/site.css")
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", url)
    assert (tmp_path / url.removeprefix("/static/")).with_suffix(".css.br").exists()

    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    max_age = re.search(r"max-age=(\d+)", response["Cache-Control"])
    assert max_age and int(max_age.group(1)) >= 365 * 24 * 3600  # WhiteNoise gives ten years
    assert "immutable" in response["Cache-Control"]


def test_an_editors_pages_get_padded_gzip_never_brotli(client: Client, editor) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, editor)
    response = client.get("/editors/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response["Content-Encoding"] == "gzip"  # Django pads it against BREACH
    public = client.get("/en/catalogue/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert public["Content-Encoding"] == "gzip"  # a session: no page is kept or Brotli'd


def test_a_page_for_one_person_gets_padded_gzip_without_a_session_too(client: Client,
                                                                      db: None) -> None:
    # The sign-in form holds a CSRF token, a secret: its page is marked no-store.
    response = client.get("/editors/login/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert "no-store" in response["Cache-Control"] and response["Content-Encoding"] == "gzip"
