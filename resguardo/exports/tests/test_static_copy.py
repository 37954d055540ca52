"""`resguardo export static`: a copy of the public library that opens from a USB stick.

Most tests copy one language (`languages=["en"]`, a quarter of the pages): what holds for
one holds for each; test_offline_languages.py copies several."""

import math
from io import StringIO
from zipfile import ZipFile

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from resguardo.catalogue import reading
from resguardo.catalogue.models import (
    Audience,
    Language,
    Organisation,
    Region,
    Resource,
    ResourceType,
    Theme,
)
from resguardo.conftest import make_resource
from resguardo.exports.offline import build
from resguardo.exports.offline.build import export_static
from resguardo.exports.tests import linkcheck
from resguardo.pages.models import Page

pytestmark = pytest.mark.django_db
PUBLISHED = Q(resources__status=Resource.Status.PUBLISHED)
HOSTS = ("testserver", "127.0.0.1", "localhost")


def _page(archive: ZipFile, name: str) -> str:
    return archive.read(name).decode()


def _single_facet_pages(size: int, language: str) -> set[str]:
    """The catalogue page of every facet value some published resource has, with its
    further pages when a list is longer than one page."""
    names = set()
    facets = [("type", ResourceType, "slug"), ("theme", Theme, "slug"),
              ("language", Language, "code"), ("region", Region, "slug"),
              ("audience", Audience, "slug"), ("publisher", Organisation, "slug")]
    for facet, model, key in facets:
        rows = model.objects.annotate(n=Count("resources", filter=PUBLISHED)).filter(n__gt=0)
        for row in rows:
            names.add(f"{language}/catalogue/{facet}-{getattr(row, key)}.html")
            names |= {f"{language}/catalogue/{facet}-{getattr(row, key)}.page-{p}.html"
                      for p in range(2, math.ceil(row.n / size) + 1)}
    years = Resource.objects.published().exclude(year=None).values("year").annotate(
        n=Count("id"))
    names |= {f"{language}/catalogue/year-{y['year']}.html" for y in years}
    return names


def test_the_seed_library_is_copied_whole_every_link_opens_and_a_second_copy_is_identical(
        seeded, settings, tmp_path):
    settings.PAGE_SIZE = 5  # so the catalogue and its longer lists have several pages
    out = tmp_path / "library.zip"
    languages = ["en", "es"]  # two of the four: the copy of each is the same work
    export_static(out, languages=languages)
    # In the same test: the seed library is the slow part, and identical bytes are what let
    # a deployer tell whether the library changed since the last copy.
    export_static(tmp_path / "again.zip", languages=languages)
    assert (tmp_path / "again.zip").read_bytes() == out.read_bytes()

    archive = ZipFile(out)
    names = set(archive.namelist())
    assert linkcheck.broken(archive) == []
    assert linkcheck.absolute_internal(archive, HOSTS) == []
    assert {name.split("/")[0] for name in names if "/" in name} == {"en", "es"}
    published = Resource.objects.published()
    with_text = published.exclude(full_text="")
    assert with_text.count() >= 3
    for language in languages:
        assert {f"{language}/resources/{r.slug}/index.html" for r in published} <= names
        for resource in with_text:
            document = reading.read(resource.full_text)
            assert f"{language}/resources/{resource.slug}/text/index.html" in names
            assert {f"{language}/resources/{resource.slug}/text/{n}/index.html"
                    for n in range(2, len(document.parts) + 1)} <= names
        assert {f"{language}/learn/{p.slug}/index.html"
                for p in Page.objects.published()} <= names
        assert {f"{language}/{name}" for name in ("index.html", "learn/index.html",
                                                  "catalogue/index.html", "catalogue/page-2.html",
                                                  "catalogue/page-4.html")} <= names
        expected = _single_facet_pages(5, language)
        assert any(".page-2." in name for name in expected)
        assert expected <= names
        # the stylesheet travels in each page
        assert "<style>" in _page(archive, f"{language}/index.html")
    # A resource's plain text is the same in every language: the copy holds it once.
    for resource in with_text:
        text = f"en/resources/{resource.slug}/text.txt"
        assert archive.read(text).decode() == reading.read(resource.full_text).plain_text
        assert f"es/resources/{resource.slug}/text.txt" not in names
        assert f'href="../../../{text}"' in _page(
            archive, f"es/resources/{resource.slug}/index.html")


def test_a_catalogue_page_offline_links_each_facet_value_to_its_own_page(tmp_path):
    make_resource("A field guide", themes=["risk-context-analysis"], year=2020)
    make_resource("A report", type_slug="reports-research",
                  themes=["risk-context-analysis", "digital-security"])
    export_static(tmp_path / "copy.zip", languages=["en"])

    page = _page(ZipFile(tmp_path / "copy.zip"), "en/catalogue/theme-risk-context-analysis.html")
    # Online these links would add a second filter; offline each opens its value's page.
    assert '<a href="type-reports-research.html">Reports &amp; research</a>' in page
    assert '<a href="theme-digital-security.html">Digital security</a>' in page
    assert '<a href="year-2020.html">2020</a>' in page
    # Taking the filter away goes back to the whole catalogue.
    assert '<a href="index.html">Remove filter: Risk and context analysis</a>' in page
    assert ('<a href="index.html" aria-current="true" class="on"><span class="vh">'
            'Remove filter: </span>Risk and context analysis</a>') in page


def test_what_needs_a_server_is_left_out_of_the_copy(tmp_path):
    make_resource("A field guide", themes=["risk-context-analysis"], full_text="Some text.")
    export_static(tmp_path / "copy.zip", languages=["en"])

    archive = ZipFile(tmp_path / "copy.zip")
    for name in ("index.html", "en/index.html", "en/catalogue/index.html",
                 "en/catalogue/theme-risk-context-analysis.html"):
        page = _page(archive, name)
        assert "<form" not in page and "<input" not in page, name
        assert "This offline copy cannot search." in page, name
        for server_only in (".atom", ".json", ".csv", "opensearch", "sitemap", "editors",
                            "propose"):
            assert server_only not in page, (name, server_only)
    assert "This list as data" not in _page(archive, "en/catalogue/index.html")
    assert not [n for n in archive.namelist() if "propose" in n]
    # Everything else is the page as the server sends it.
    assert "Resguardo stores no addresses of its readers" in _page(archive, "en/index.html")


def test_with_files_the_stored_file_is_in_the_copy_and_its_link_opens_it(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    guide = make_resource("A guide with a file")
    guide.file.save("guide.pdf", ContentFile(b"%PDF-1.4 a small guide"), save=False)
    guide.file_format, guide.file_size = "pdf", 22
    guide.save()
    export_static(tmp_path / "copy.zip", with_files=True, languages=["en", "fr"])

    archive = ZipFile(tmp_path / "copy.zip")
    assert archive.read(f"files/{guide.file.name}") == b"%PDF-1.4 a small guide"
    assert len([n for n in archive.namelist() if n.startswith("files/")]) == 1  # not per language
    page = _page(archive, f"en/resources/{guide.slug}/index.html")
    assert f'<a href="../../../files/{guide.file.name}" download>Download the file' in page
    page = _page(archive, f"fr/resources/{guide.slug}/index.html")
    assert f'<a href="../../../files/{guide.file.name}" download>' in page
    assert linkcheck.broken(archive) == []


def test_without_files_a_download_goes_to_the_publisher_or_says_it_is_not_there(
        settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "files"
    linked = make_resource("On the publisher's site too", url="https://example.org/guide")
    alone = make_resource("Only here")
    for resource in (linked, alone):
        resource.file.save("guide.pdf", ContentFile(b"%PDF-1.4"), save=False)
        resource.file_format = "pdf"
        resource.save()
    export_static(tmp_path / "copy.zip", languages=["en", "es"])

    archive = ZipFile(tmp_path / "copy.zip")
    assert not [name for name in archive.namelist() if name.startswith("files/")]
    assert '<a href="https://example.org/guide" download>Download the file' in _page(
        archive, f"en/resources/{linked.slug}/index.html")
    page = _page(archive, f"en/resources/{alone.slug}/index.html")
    assert "Download the file <span class=\"note\">(the file is not in this offline copy)" \
           "</span>" in page
    with translation.override("es"):
        download, not_here = _("Download the file"), _("(the file is not in this offline copy)")
    page = _page(archive, f"es/resources/{alone.slug}/index.html")
    assert f'{download} <span class="note">{not_here}</span>' in page
    assert linkcheck.broken(archive) == []


def test_the_command_shows_progress_and_a_size_report(tmp_path):
    make_resource("A field guide", full_text="A field guide's text.")
    out, err = StringIO(), StringIO()
    call_command("export", "static", str(tmp_path / "copy.zip"), "--language", "en",
                 "--language", "fr", stdout=out, stderr=err)

    assert "Rendering pages: " in err.getvalue()
    assert "Writing the zip: " in err.getvalue()
    report = out.getvalue()
    assert f"Offline copy written to {tmp_path / 'copy.zip'}" in report
    pages = sum(n.endswith(".html") for n in ZipFile(tmp_path / "copy.zip").namelist())
    assert f"\n{pages} pages\n" in report
    assert "1 other file (stylesheets, plain texts, stored files)" in report  # the .txt
    assert "In 2 languages: en, fr" in report
    zipped = (tmp_path / "copy.zip").stat().st_size
    assert "as a zip" in report and f"({zipped} bytes)" in report


def test_an_existing_zip_is_kept_unless_the_command_is_forced(tmp_path):
    make_resource("A field guide")
    (tmp_path / "copy.zip").write_bytes(b"an older copy")
    with pytest.raises(CommandError, match="exists already"):
        call_command("export", "static", str(tmp_path / "copy.zip"), stdout=StringIO(),
                     stderr=StringIO())
    assert (tmp_path / "copy.zip").read_bytes() == b"an older copy"

    call_command("export", "static", str(tmp_path / "copy.zip"), "--force", "--language", "en",
                 stdout=StringIO(), stderr=StringIO())
    assert "en/index.html" in ZipFile(tmp_path / "copy.zip").namelist()


def test_a_failed_export_leaves_no_zip_behind(tmp_path, monkeypatch):
    make_resource("A field guide")

    def fail(*args: object) -> str:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(build.rewrite, "rewrite_css", fail)
    with pytest.raises(RuntimeError):
        export_static(tmp_path / "copy.zip", languages=["en"])
    assert list(tmp_path.iterdir()) == []


def test_a_link_climbing_out_of_the_files_folder_is_dropped_not_fatal(tmp_path):
    Page.objects.create(title="Tricky", slug="tricky", is_published=True,
                        body="[key](/files/..%2F..%2Fsecret_key) and "
                             "[style](/static/..%2F..%2Fsecret_key)")
    export_static(tmp_path / "copy.zip", languages=["en"])
    archive = ZipFile(tmp_path / "copy.zip")
    assert linkcheck.broken(archive) == []
    assert not [n for n in archive.namelist() if "secret" in n]
    page = _page(archive, "en/learn/tricky/index.html")
    assert "secret_key" not in page
    assert "and style" in strip_tags(page)  # the link's words stay, as plain text
