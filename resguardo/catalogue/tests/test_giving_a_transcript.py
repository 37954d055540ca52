"""An editor gives a recording's transcript in the admin: readers then read it as light text,
download it as .txt, find the recording by its words, and the player gets its captions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from resguardo.catalogue.models import Resource
from resguardo.conftest import admin_form, make_resource

pytestmark = pytest.mark.django_db
RECORDING = {"media": {"kind": "audio", "duration": 60.0}}
SRT = b"""1
00:00:01,000 --> 00:00:04,000
Welcome to the radio school of the <i>mangrove</i> communities.

2
00:00:04,000 --> 00:00:08,000
Tonight we practise the alarm with the fishermen.
"""


@pytest.fixture
def recording(db) -> Resource:  # type: ignore[no-untyped-def]
    return make_resource("Radio school, first evening", file_facts=RECORDING)


def _give(client: Client, resource: Resource, data: bytes, name: str = "talk.srt",
          **changes: object):  # type: ignore[no-untyped-def]
    url = reverse("admin:catalogue_resource_change", args=[resource.pk])
    form = admin_form(client.get(url), **changes)
    form["transcript"] = SimpleUploadedFile(name, data, content_type="application/x-subrip")
    return client.post(url, form, HTTP_ACCEPT_LANGUAGE="en")


def test_the_admin_offers_the_transcript_beside_the_full_text(editor_client, recording):
    page = editor_client.get(reverse("admin:catalogue_resource_change", args=[recording.pk]),
                             HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Transcript or subtitles" in page and 'name="transcript"' in page
    assert page.index('name="full_text"') < page.index('name="transcript"')


def test_an_editors_srt_becomes_the_text_readers_read_download_find_and_caption(
        editor_client, recording):
    response = _give(editor_client, recording, SRT)
    assert response.status_code == 302, response.content.decode()[:3000]
    messages = editor_client.get(response["Location"]).content.decode()
    assert "The transcript was read and is now the text version" in messages
    reader = Client()
    page = reader.get(recording.get_absolute_url()).content.decode()
    assert "Read it as light text" in page and "Plain text file" in page
    assert "No transcript of this recording exists yet" not in page
    text = reader.get(reverse("catalogue:text", args=[recording.slug])).content.decode()
    assert "Welcome to the radio school of the mangrove communities." in text
    assert "-->" not in text and "&lt;i&gt;" not in text
    txt = reader.get(reverse("catalogue:text-txt", args=[recording.slug])).content.decode()
    assert "Tonight we practise the alarm with the fishermen." in txt
    found = reader.get("/en/catalogue/", {"q": "fishermen"}).content.decode()
    assert "Radio school, first evening" in found
    captions = reader.get(recording.get_captions_url())
    assert captions.status_code == 200
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert captions.content.decode() == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
        "Welcome to the radio school of the mangrove communities.\n\n"
        "00:00:04.000 --> 00:00:08.000\nTonight we practise the alarm with the fishermen.\n")


def test_the_captions_are_cached_and_revalidated_like_the_text_versions(recording):
    from resguardo.catalogue import services, transcripts

    services.set_transcript(resource=recording, transcript=transcripts.Transcript(
        "Hello.", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHello.\n"))
    client = Client()
    first = client.get(recording.get_captions_url())
    txt = client.get(reverse("catalogue:text-txt", args=[recording.slug]))
    assert first["Cache-Control"] == txt["Cache-Control"] == "max-age=300"
    again = client.get(recording.get_captions_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_the_resource_page_knows_whether_the_player_has_captions(client, recording):
    assert reverse("catalogue:captions", args=[recording.slug]) == \
        f"/en/resources/{recording.slug}/captions.vtt"
    page = client.get(recording.get_absolute_url())
    assert page.context["resource"].has_captions is False


def test_captions_are_served_only_for_a_published_resource_that_has_them(client, recording):
    assert client.get(recording.get_captions_url()).status_code == 404
    with_text = make_resource("A plain transcript", full_text="Only words, no timings.",
                              file_facts=RECORDING)
    assert client.get(with_text.get_captions_url()).status_code == 404
    draft = make_resource("Not yet", published=False, captions="WEBVTT\n", file_facts=RECORDING)
    assert client.get(draft.get_captions_url()).status_code == 404


def test_a_malformed_transcript_says_why_and_changes_nothing(editor_client, recording):
    before = Resource.objects.values().get(pk=recording.pk)
    broken = SRT.replace(b"00:00:04,000 --> 00:00:08,000", b"00:00:04,000 --> later")
    response = _give(editor_client, recording, broken, title="A new title")
    assert response.status_code == 200
    assert "the timing on line 6 is not one we understand" in response.content.decode()
    assert Resource.objects.values().get(pk=recording.pk) == before
    assert "Radio school" not in Client().get("/en/catalogue/", {"q": "fishermen"}
                                              ).content.decode()


def test_an_editor_reads_the_refusal_in_their_language(editor_client, recording):
    url = reverse("admin:catalogue_resource_change", args=[recording.pk])
    form = admin_form(editor_client.get(url))
    form["transcript"] = SimpleUploadedFile("notes.txt", "Cr\xe9dito".encode("latin-1"))
    body = editor_client.post(url, form, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "no está guardada en UTF-8" in body


def test_a_transcript_given_while_another_field_is_wrong_is_asked_for_again(editor_client,
                                                                            recording):
    response = _give(editor_client, recording, SRT, title="")
    assert response.status_code == 200
    assert "Choose the transcript again once the other fields are corrected." in \
        response.content.decode()
    assert Resource.objects.get(pk=recording.pk).full_text == ""


def test_an_editor_removes_a_transcript_and_search_forgets_its_words(editor_client,
                                                                     recording):
    _give(editor_client, recording, SRT)
    url = reverse("admin:catalogue_resource_change", args=[recording.pk])
    form = admin_form(editor_client.get(url), remove_transcript="on")
    assert editor_client.post(url, form).status_code == 302
    recording.refresh_from_db()
    assert recording.full_text == "" and recording.captions == ""
    reader = Client()
    assert "Radio school" not in reader.get("/en/catalogue/", {"q": "fishermen"}
                                            ).content.decode()
    assert reader.get(recording.get_captions_url()).status_code == 404
    assert "No transcript of this recording exists yet" in reader.get(
        recording.get_absolute_url()).content.decode()


def test_giving_and_removing_at_once_is_refused(editor_client, recording):
    response = _give(editor_client, recording, SRT, remove_transcript="on")
    assert "Either give a transcript or remove it, not both." in response.content.decode()
    assert Resource.objects.get(pk=recording.pk).full_text == ""


def test_a_plain_text_transcript_is_read_but_makes_no_captions(editor_client, recording):
    _give(editor_client, recording, b"What was said, written down.\n", name="talk.vtt")
    recording.refresh_from_db()
    assert recording.full_text == "What was said, written down." and recording.captions == ""
