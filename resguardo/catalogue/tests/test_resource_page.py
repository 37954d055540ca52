import re

import pytest
from django.core.files.base import ContentFile
from django.utils.html import strip_tags

from resguardo.catalogue.models import Resource
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db
FGHR = ("/en/resources/security-and-protection-of-human-rights-defenders-in-the-face-of-non-"
        "state-actors-initial-reflection-and-questions/")


def test_a_resource_page_shows_its_fields_as_links_to_the_filtered_catalogue(client, seeded):
    body = client.get(FGHR).content.decode()
    assert "<h1 lang=\"en\" dir=\"ltr\">Security and Protection of Human Rights Defenders" in body
    assert '<a href="/en/catalogue/?type=reports-research">Reports &amp; research</a>' in body
    assert '<a href="/en/catalogue/?year=2017">2017</a>' in body
    assert '?theme=risk-context-analysis">Risk and context analysis</a>' in body
    assert ">Fund for Global Human Rights</a>" in body
    assert ">JASS (Just Associates)</a>" in body
    assert "Read it as light text" in body


def test_a_publisher_link_lists_its_resources(client, seeded):
    response = client.get("/en/catalogue/", {"publisher": "pacos-trust"})
    assert "Community-Led Collective Protection through Community Protocols" in \
        response.content.decode()
    assert response.context["result"].total == 1


def _get_it(client, resource) -> str:  # type: ignore[no-untyped-def]
    """The "Get it" list as a reader sees it, tags stripped, one line per way to get it."""
    body = client.get(resource.get_absolute_url()).content.decode()
    section = body.split("Get it</h2>", 1)[1].split("</ul>", 1)[0]
    lines = [strip_tags(item).split() for item in section.split("<li>")[1:]]
    return "\n".join(" ".join(words) for words in lines)


def test_a_file_shows_its_format_size_and_time_on_2g(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    resource = make_resource("Radio training")
    resource.file.save("radio.pdf", ContentFile(b"%PDF" + b"x" * 2044), save=False)
    resource.file_format, resource.file_size = "pdf", 2_400_000  # as extraction recorded it
    resource.save()
    assert "Download the file PDF, 2.3 MB: about 6 minutes on a 2G link" in \
        _get_it(client, resource)


def test_the_text_version_says_how_much_lighter_it_is_than_the_file(client, settings,
                                                                     tmp_path):
    settings.MEDIA_ROOT = tmp_path
    text = "\n\n".join(f"Paragraph {n} about community protocols and land rights, "
                       "with enough words to read like a report." for n in range(40))
    resource = make_resource("Report", full_text=text)
    resource.file.save("report.pdf", ContentFile(b"%PDF" + b"x" * 1000), save=False)
    resource.file_format, resource.file_size = "pdf", 400_000
    resource.save()
    lines = _get_it(client, resource).splitlines()
    assert lines[0].startswith("Download the file PDF, 390.6 KB: about 64 seconds")
    assert re.fullmatch(r"Read it as light text \d\.\d KB: under a second on a 2G link "
                        r"· 9\d% lighter than the file", lines[1]), lines[1]
    assert re.fullmatch(r"Plain text file \d+ bytes: under a second on a 2G link", lines[2])


def test_the_external_link_is_shown(client):
    resource = make_resource("Online guide", url="https://example.org/guide")
    assert 'href="https://example.org/guide"' in client.get(resource.get_absolute_url()
                                                           ).content.decode()


def test_related_resources_share_themes(client):
    a = make_resource("Radio A", themes=["communication-early-warning"])
    make_resource("Radio B", themes=["communication-early-warning"])
    make_resource("Unrelated", themes=["digital-security"])
    body = client.get(a.get_absolute_url()).content.decode()
    related = body.split("Related resources", 1)[1]
    assert "Radio B" in related and "Unrelated" not in related


def test_versions_in_other_languages_are_linked(client):
    english = make_resource("Community protocols guide", languages=["en"])
    spanish = make_resource("Guía de protocolos comunitarios", languages=["es"],
                            translation_key=english.translation_key)
    body = client.get(english.get_absolute_url()).content.decode()
    assert "In other languages" in body
    assert f'href="{spanish.get_absolute_url()}"' in body
    assert '<span lang="es">Español</span>' in body


def test_drafts_and_withdrawn_resources_are_not_public(client):
    draft = make_resource("Draft", published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    draft.status = Resource.Status.WITHDRAWN
    draft.save()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_text_reads_in_paragraphs_and_downloads_as_plain_text(client):
    resource = make_resource("Text", full_text="First paragraph\nwraps.\n\nSecond one.")
    body = client.get(f"{resource.get_absolute_url()}text/").content.decode()
    assert "<p>First paragraph wraps.</p>" in body
    download = client.get(f"{resource.get_absolute_url()}text.txt")
    assert download["Content-Type"] == "text/plain; charset=utf-8"
    assert download.content.decode() == "First paragraph wraps.\n\nSecond one.\n"


def test_a_resource_without_text_has_no_text_page(client):
    resource = make_resource("No text")
    assert client.get(f"{resource.get_absolute_url()}text/").status_code == 404
