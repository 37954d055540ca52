"""Stored files download whole or in pieces, so a download cut on a 2G link resumes."""

import hashlib
import http.client
import os
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from resguardo.conftest import make_resource
from resguardo.lib.downloads import Span, Unsatisfiable, parse_range

SIZE = 300_000


@pytest.fixture
def stored(settings, tmp_path, db):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    body = os.urandom(SIZE)
    resource = make_resource("A guide with a file", file_format="pdf", file_size=SIZE)
    resource.file.save("guide.pdf", ContentFile(body), save=True)
    return resource, body


def url(resource) -> str:  # type: ignore[no-untyped-def]
    return reverse("catalogue:file", args=[resource.slug])


@pytest.mark.parametrize(("header", "span"), [
    ("bytes=0-99", Span(0, 99)),
    ("bytes=100-", Span(100, 999)),
    ("bytes=-10", Span(990, 999)),
    ("bytes=990-5000", Span(990, 999)),
    ("bytes=-5000", Span(0, 999)),
    ("bytes=0-1,5-9", None),  # several ranges: the whole file
    ("items=0-9", None),
    ("bytes=9-1", None),
    ("bytes=", None),
])
def test_range_headers_are_read_as_rfc_9110_says(header: str, span: Span | None) -> None:
    assert parse_range(header, 1000) == span


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5000-6000", "bytes=-0"])
def test_ranges_past_the_end_are_unsatisfiable(header: str) -> None:
    with pytest.raises(Unsatisfiable):
        parse_range(header, 1000)


def test_the_whole_file_downloads_with_its_name_size_and_validators(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, body = stored
    response = client.get(url(resource), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body
    assert response["Content-Length"] == str(SIZE)
    assert response["Accept-Ranges"] == "bytes"
    assert f'filename="{resource.slug}.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response  # never recompressed: ranges stay exact
    assert response["ETag"] and response["Last-Modified"]


def test_a_range_request_gets_206_with_exactly_those_bytes(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, body = stored
    response = client.get(url(resource), HTTP_RANGE="bytes=1000-1999")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 1000-1999/{SIZE}"
    assert response["Content-Length"] == "1000"
    assert b"".join(response.streaming_content) == body[1000:2000]


def test_a_range_past_the_end_gets_416(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, _ = stored
    response = client.get(url(resource), HTTP_RANGE=f"bytes={SIZE}-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{SIZE}"


def test_if_range_with_a_stale_etag_sends_the_whole_new_file(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, body = stored
    response = client.get(url(resource), HTTP_RANGE="bytes=10-", HTTP_IF_RANGE='"stale"')
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body


def test_revalidation_costs_a_304(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, _ = stored
    first = client.get(url(resource))
    again = client.get(url(resource), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get(url(resource), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_head_answers_headers_without_the_body(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, _ = stored
    response = client.head(url(resource))
    assert response.status_code == 200
    assert response["Content-Length"] == str(SIZE)
    assert b"".join(response.streaming_content) == b""


def test_files_of_unpublished_or_fileless_resources_are_not_served(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, _ = stored
    resource.withdraw()
    resource.save()
    assert client.get(url(resource)).status_code == 404
    assert client.get(url(make_resource("No file"))).status_code == 404


def _get(live_server_url: str, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    parts = urlsplit(live_server_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_download_cut_halfway_resumes_and_the_bytes_match(live_server, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    body = os.urandom(SIZE)
    resource = make_resource("A video", file_format="mp4", file_size=SIZE)
    resource.file.save("video.mp4", ContentFile(body), save=True)

    first = _get(live_server.url, url(resource), {"Accept-Encoding": "gzip, br"})
    etag = first.getheader("ETag")
    received = first.read(SIZE // 2)  # ... and the link drops
    first.close()

    rest = _get(live_server.url, url(resource),
                {"Range": f"bytes={len(received)}-", "If-Range": etag})
    assert rest.status == 206
    assert rest.getheader("Content-Range") == f"bytes {len(received)}-{SIZE - 1}/{SIZE}"
    whole = received + rest.read()
    assert hashlib.sha256(whole).hexdigest() == hashlib.sha256(body).hexdigest()


def test_a_resumed_download_with_the_current_etag_or_date_gets_its_range(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, body = stored
    first = client.get(url(resource))
    for validator in (first["ETag"], first["Last-Modified"]):
        response = client.get(url(resource), HTTP_RANGE="bytes=10-19", HTTP_IF_RANGE=validator)
        assert response.status_code == 206, validator
        assert b"".join(response.streaming_content) == body[10:20]


def test_a_range_with_absurd_numbers_gets_the_whole_file(client: Client, stored):  # type: ignore[no-untyped-def]
    resource, body = stored
    response = client.get(url(resource), HTTP_RANGE="bytes=" + "9" * 5000 + "-")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == body


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_head_over_http_sends_no_body(live_server, settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    resource = make_resource("A guide", file_format="pdf", file_size=SIZE)
    resource.file.save("guide.pdf", ContentFile(os.urandom(SIZE)), save=True)
    parts = urlsplit(live_server.url)
    for path in (url(resource), "/en/", "/en/catalogue/?q=guide"):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        connection.request("HEAD", path, headers={"Accept-Encoding": "br"})
        response = connection.getresponse()
        assert response.status == 200, path
        assert response.read() == b"", path
        connection.close()
