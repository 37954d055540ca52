"""The offline copy's decisions, called directly (exports.offline.build and report): which
languages, which hosts, where a redirect ends, what each kind of link becomes, how entries
are written and what the report says. The whole export is in test_static_copy.py."""

from pathlib import Path
from zipfile import ZIP_STORED

import pytest
from django.urls import reverse
from django.utils import translation

from resguardo.exports.offline import build, rewrite
from resguardo.exports.offline.build import Crawl, Found, copy_languages
from resguardo.exports.offline.report import Report


def _url(language: str, name: str, *args: str) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def test_the_copy_holds_the_chosen_languages_in_the_sites_order(settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Español"), ("fr", "Français")]
    assert copy_languages(["fr", "en"]) == ["en", "fr"]
    assert copy_languages(["es", "es"]) == ["es"]
    assert copy_languages() == ["en", "es", "fr"]


def test_unknown_languages_are_all_named_before_anything_is_written(settings):
    settings.LANGUAGES = [("en", "English"), ("es", "Español")]
    with pytest.raises(ValueError) as refused, translation.override("en"):
        copy_languages(["zz", "es", "aa"])
    assert str(refused.value) == "aa, zz: not a language of the interface (en, es)."


def test_pages_are_rendered_for_the_first_real_host_name_and_every_name_is_the_sites(settings):
    settings.ALLOWED_HOSTS = ["*", ".Example.org", "library.example.org:8000", "[::1]"]
    host, hosts = build._hosts()
    assert host == "Example.org"
    assert hosts == {"example.org", "library.example.org", "::1"}
    settings.ALLOWED_HOSTS = ["*"]
    assert build._hosts() == ("localhost", {"localhost"})


@pytest.fixture
def crawl(tmp_path: Path) -> Crawl:
    return Crawl(tmp_path, with_files=False, languages=["en", "es"])


def test_a_redirect_is_followed_to_where_it_ends(crawl):
    crawl.found = {"/a/": Found("redirect", href="/b/"), "/b/": Found("redirect", href="/c/"),
                   "/c/": Found("page", "c/index.html")}
    assert crawl._final("/a/") == Found("page", "c/index.html")
    assert crawl._final("/nowhere/") == Found("missing")


def test_a_redirect_loop_or_an_endless_chain_ends_as_missing(crawl):
    crawl.found = {"/a/": Found("redirect", href="/b/"), "/b/": Found("redirect", href="/a/")}
    assert crawl._final("/a/") == Found("missing")
    crawl.found = {f"/{i}/": Found("redirect", href=f"/{i + 1}/") for i in range(11)}
    crawl.found["/11/"] = Found("page", "11.html")
    assert crawl._final("/2/") == Found("page", "11.html")  # nine hops
    assert crawl._final("/0/") == Found("missing")  # eleven


def test_each_kind_of_thing_a_link_reached_decides_what_the_link_becomes(crawl):
    resource = _url("en", "catalogue:resource", "a-guide")
    page_url = _url("en", "catalogue:resource", "other")
    crawl.found = {
        resource: Found("page", "en/resources/a-guide/index.html"),
        "/files/a.pdf": Found("elsewhere", href="https://publisher.example/a.pdf"),
        _url("en", "catalogue:feed"): Found("data"),
        "/files/b.pdf": Found("not-copied"),
        "/en/old/": Found("redirect", href=resource),
    }
    decide = crawl._decide(page_url, "en/resources/other/index.html")
    assert decide(f"{resource}#files") == rewrite.Point("../a-guide/index.html#files")
    assert decide("/en/old/") == rewrite.Point("../a-guide/index.html")
    assert decide("/files/a.pdf") == rewrite.Point("https://publisher.example/a.pdf")
    assert decide(_url("en", "catalogue:feed")) == rewrite.Drop()
    assert decide("/files/b.pdf") == rewrite.Unwrap(
        ' <span class="note">(the file is not in this offline copy)</span>')
    assert decide("/files/never-found.pdf") == rewrite.Unwrap()
    assert decide(_url("en", "catalogue:catalogue") + "?q=radio") == rewrite.Unwrap()
    assert decide("https://elsewhere.example.net/") == rewrite.Keep()
    assert decide("#main") == rewrite.Keep()


def test_the_note_on_a_file_left_out_is_in_the_language_of_its_page(crawl):
    crawl.found = {"/files/b.pdf": Found("not-copied")}
    decide = crawl._decide(_url("es", "home"), "es/index.html")
    note = decide("/files/b.pdf")
    assert isinstance(note, rewrite.Unwrap)
    with translation.override("es"):
        assert translation.gettext("(the file is not in this offline copy)") in note.note


def test_the_search_note_links_the_catalogue_of_the_pages_language_from_where_the_page_is(
        crawl):
    note = crawl._search_note(_url("es", "pages:index"), "es/learn/index.html")
    catalogue = crawl.links.path(crawl.links.catalogue("es"), html=True)
    assert f'href="../{catalogue.removeprefix("es/")}"' in note
    assert note.startswith('<p class="note">') and note.endswith("</a></p>")


@pytest.mark.parametrize(("name", "compression"), [("a.html", 8), ("files/a.pdf", 8)])
def test_zip_entries_have_one_date_and_one_mode_so_two_copies_are_the_same_bytes(
        name, compression):
    entry = build._entry(name, compression)
    assert entry.date_time == (1980, 1, 1, 0, 0, 0)
    assert entry.compress_type == compression
    assert entry.external_attr >> 16 == 0o644 and entry.create_system == 3
    assert build._entry(name, ZIP_STORED).compress_type == ZIP_STORED


def _report(**changes: object) -> Report:
    fields: dict[str, object] = {
        "path": Path("/tmp/copy.zip"), "pages": 1, "files": 1, "languages": ["es"],
        "total_bytes": 2_500_000, "zip_bytes": 900, "seconds": 12.345}
    return Report(**{**fields, **changes})  # type: ignore[arg-type]


def test_the_report_counts_each_thing_with_its_own_plural():
    with translation.override("en"):
        one = _report().lines()
        many = _report(pages=3, files=0, languages=["en", "es"]).lines()
    assert one[:4] == ["Offline copy written to /tmp/copy.zip", "1 page",
                       "1 other file (stylesheets, plain texts, stored files)",
                       "In 1 language: es"]
    assert many[1:4] == ["3 pages", "0 other files (stylesheets, plain texts, stored files)",
                         "In 2 languages: en, es"]


def test_the_reports_sizes_keep_to_one_line_and_give_exact_bytes():
    with translation.override("en"):
        lines = _report().lines()
    assert lines[4] == "2.4 MB (2500000 bytes) in all, 900 bytes (900 bytes) as a zip"
    assert "\xa0" not in "".join(lines)
    assert lines[5] == "Took 12.3 seconds"
