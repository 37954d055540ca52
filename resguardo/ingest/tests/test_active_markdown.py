"""A published Markdown file (and a picture written into an HTML page) does nothing and
fetches nothing when a viewer shows it, and the editor is told what was taken out.

The copy is read back as a lenient viewer would (markdown-it-py letting every address
through, as GitHub or Obsidian show them), independently of the code under test.
"""

import base64
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from PIL import Image

from resguardo.ingest import sniff
from resguardo.ingest.base import Limits
from resguardo.ingest.scrubbers import scrub
from resguardo.ingest.tests import active_files as hostile
from resguardo.ingest.tests import uploads
from resguardo.ingest.tests.test_active_content import (
    Inspector,
    cleaned,
    every_entry,
    fetches,
    inspect,
)
from resguardo.ingest.tests.test_ingesting import stored

ATTACKER = hostile.ATTACKER


class Viewer(MarkdownIt):
    """CommonMark as a viewer that shows every address (markdown-it hides javascript:)."""

    def __init__(self) -> None:
        super().__init__("commonmark")

    def validateLink(self, url: str) -> bool:  # noqa: N802
        return True


def tokens(text: str) -> tuple[list[Token], dict[str, Any]]:
    env: dict[str, Any] = {}
    found = Viewer().parse(text, env)
    flat = [*(token for token in found if token.type != "inline"),  # its content: the source
            *(child for token in found for child in token.children or [])]
    return flat, env


def what_acts(text: str) -> list[str]:
    """Pictures a viewer would load from elsewhere, and raw HTML that acts or loads."""
    found, _env = tokens(text)
    problems = [f"image {token.attrs['src']}" for token in found
                if token.type == "image" and fetches(str(token.attrs["src"]))]
    html = "".join(token.content for token in found if token.type.startswith("html_"))
    inspector = Inspector()
    inspector.feed(html)
    inspector.close()
    return problems + inspector.problems


def where_the_attacker_is(text: str) -> list[str]:
    """Every token or definition that names the attacker: only links may."""
    found, env = tokens(text)
    places = [f"{token.type} {value}" for token in found
              for value in [token.content, *map(str, (token.attrs or {}).values())]
              if ATTACKER in value]
    return places + [f"definition {ref['href']}" for ref in env.get("references", {}).values()
                     if ATTACKER in ref["href"]]


def test_the_markdown_guide_loads_pictures_and_runs_html_before_cleaning(tmp_path: Path) -> None:
    text = hostile.markdown_remote(tmp_path / "guide.md").read_text()
    assert sniff.detect(tmp_path / "guide.md", Limits()) == "markdown"
    problems = what_acts(text)
    assert f"image http://{ATTACKER}/inline.png" in problems
    assert f"image http://{ATTACKER}/reference.png" in problems
    assert {"script", "iframe", "onmouseover", "style loads"} <= set(problems)


def test_a_markdown_guide_is_published_with_remote_pictures_as_links_and_no_html_that_acts(
        tmp_path: Path) -> None:
    target, _removed = cleaned(tmp_path, hostile.markdown_remote, "markdown")
    text = target.read_text()
    assert what_acts(text) == []
    assert sorted(where_the_attacker_is(text)) == [
        f"definition http://{ATTACKER}/reference.png",
        f"link_open http://{ATTACKER}/inline.png",
        f"link_open http://{ATTACKER}/reference.png"]
    found, _env = tokens(text)
    links = [token.attrs["href"] for token in found if token.type == "link_open"]
    assert links == [f"http://{ATTACKER}/inline.png", f"http://{ATTACKER}/reference.png",
                     hostile.MARKDOWN_LINK]
    assert [token.attrs["src"] for token in found if token.type == "image"] == [
        "images/map.png"]
    assert "[Map of the risks](" in text and "[the logo][logo]" in text  # alt text kept
    assert "Hover text" in text


def test_the_parts_of_a_markdown_guide_with_nothing_to_clean_stay_as_written(
        tmp_path: Path) -> None:
    source = hostile.markdown_remote(tmp_path / "source.md").read_text()
    target, _removed = cleaned(tmp_path, hostile.markdown_remote, "markdown")
    text = target.read_text()
    first, second = hostile.scrub_files.paragraphs(2)
    kept = ["# Collective protection\n\n", f"\n{first}\n\n", f"\n{second}\n\n",
            f"- Map the risks ![local map](images/map.png)\n"
            f"- Agree on [alerts]({hostile.MARKDOWN_LINK})\n",
            f"[logo]: http://{ATTACKER}/reference.png\n"]
    for piece in kept:
        assert piece in source and piece in text, piece


def test_the_editor_is_told_what_went_from_a_markdown_guide(tmp_path: Path) -> None:
    _target, removed = cleaned(tmp_path, hostile.markdown_remote, "markdown")
    assert removed == [
        "Markdown scripts and remote content: event handlers (on… attributes), frames and "
        "embedded objects, remote pictures, remote pictures (left as links), remote "
        "stylesheets, fonts and other files, scripts"]


def test_an_ordinary_markdown_file_is_published_byte_for_byte(tmp_path: Path) -> None:
    target, removed = cleaned(tmp_path, hostile.files.markdown, "markdown")
    assert removed == []
    assert target.read_bytes() == hostile.files.markdown(tmp_path / "again.md").read_bytes()


@pytest.mark.parametrize("line, kept, gone, label", [
    ("Click [here](javascript:fetch('x')) now.", "Click here now.", "javascript:",
     "javascript: links"),
    ("Open [the share](file://server/share/plan.docx).", "Open the share.", "file:",
     "links to files elsewhere"),
    (f"[![badge](https://{ATTACKER}/b.svg)](https://example.org/)",
     "[badge](https://example.org/)", ATTACKER, "remote pictures"),
    (f"A <span onclick=\"x()\">word</span> and <script>fetch('{hostile.BEACON}')</script>.",
     "A <span>word</span> and .", "fetch", "event handlers (on… attributes), scripts"),
    (f"A picture ![from a share](//{ATTACKER}/x.png).", "A picture from a share.", ATTACKER,
     "remote pictures"),
    (f"Text <style>@import url(http://{ATTACKER}/x.css)</style> more <b>bold</b>.",
     "Text  more <b>bold</b>.", "@import", "remote stylesheets, fonts and other files"),
    (f"*Stress <iframe src=http://{ATTACKER}/f> never closed* and after",  # found by fuzzing
     "Stress", ATTACKER,
     "frames and embedded objects, remote stylesheets, fonts and other files"),
], ids=["javascript-link", "file-link", "picture-in-link", "inline-html", "host-relative",
        "inline-style", "unclosed-frame-inside-emphasis"])
def test_a_markdown_line_that_acts_keeps_its_text_only(
        tmp_path: Path, line: str, kept: str, gone: str, label: str) -> None:
    source, target = tmp_path / "source.md", tmp_path / "clean.md"
    source.write_text(f"# Title\n\n{line}\n")
    removed = scrub(source, "markdown", target, Limits())
    text = target.read_text()
    assert kept in text and gone not in text and what_acts(text) == []
    assert removed == [f"Markdown scripts and remote content: {label}"]


def exif_of(data_url: str) -> Image.Exif:
    header, _comma, payload = data_url.partition(",")
    assert header == "data:image/jpeg;base64"
    with Image.open(BytesIO(base64.b64decode(payload))) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
        return image.getexif()


def test_the_photo_written_into_the_page_carries_gps_before_cleaning() -> None:
    assert exif_of(hostile.data_picture()).get_ifd(0x8825)


def test_a_photo_written_into_an_html_page_is_published_without_its_gps(
        tmp_path: Path) -> None:
    target, removed = cleaned(tmp_path, hostile.html_data_picture, "html")
    page = inspect(target.read_bytes())
    [picture] = page.pictures
    exif = exif_of(picture)
    assert not exif.get_ifd(0x8825) and 0x8825 not in exif and dict(exif) == {0x0112: 6}
    assert removed == ["Image metadata (EXIF, GPS, XMP, comments): 1 image"]


def test_markdown_pictures_written_in_are_cleaned_or_left_out(tmp_path: Path) -> None:
    target, removed = cleaned(tmp_path, hostile.markdown_data_pictures, "markdown")
    text = target.read_text()
    found, env = tokens(text)
    pictures = [str(token.attrs["src"]) for token in found if token.type == "image"]
    assert len(pictures) == 2 and not any(exif_of(src).get_ifd(0x8825) for src in pictures)
    assert [exif_of(ref["href"]).get_ifd(0x8825) for ref in env["references"].values()] == [{}]
    assert "svg" not in text and "drawing" in text and "not a picture" in text
    assert hostile.data_picture() not in text
    assert removed == [
        "Image metadata (EXIF, GPS, XMP, comments): 1 image",
        "Pictures written into the page that we could not clean, left out: 2 pictures"]


def test_a_file_link_in_an_epub_page_is_named_as_such(tmp_path: Path) -> None:
    source, target = tmp_path / "upload.epub", tmp_path / "clean.epub"
    hostile.files.epub(source)
    entries = every_entry(source)
    name = "EPUB/chapter1.xhtml"
    entries[name] = entries[name].replace(
        b"<p>", b'<p><a href="file:///C:/Users/ana/plan.docx">plan</a>', 1)
    with zipfile.ZipFile(source, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    removed = scrub(source, "epub", target, Limits())
    assert b"file:" not in every_entry(target)[name]
    assert "EPUB scripts and remote content: links to files elsewhere" in removed


def test_a_markdown_guide_taken_in_through_the_sandbox_is_stored_inert(
        media: Path, tmp_path: Path, db: None) -> None:
    source = hostile.markdown_remote(tmp_path / "guide.md")
    with source.open("rb") as upload:
        ingested = uploads.ingest(upload)
    [copy] = stored(media)
    assert copy.suffix == ".md"
    assert what_acts(copy.read_text()) == []
    assert any(line.startswith("Markdown scripts and remote content: ")
               for line in ingested.removed)
    assert hostile.scrub_files.paragraphs(1)[0] in ingested.text


def test_the_editor_reads_what_went_from_a_markdown_guide_in_their_language(
        tmp_path: Path) -> None:
    from django.utils import translation

    with translation.override("fr"):
        _target, removed = cleaned(tmp_path, hostile.markdown_remote, "markdown")
    assert removed == [
        "Scripts et contenu distant du Markdown\u00a0: cadres et objets intégrés, feuilles de "
        "style, polices et autres fichiers distants, gestionnaires d'événements (attributs "
        "on…), images distantes, images distantes (laissées comme liens), scripts"]


def test_comments_in_markdown_go_and_the_editor_is_told(tmp_path: Path) -> None:
    source, target = tmp_path / "source.md", tmp_path / "clean.md"
    source.write_text("# Title\n\n<!-- Draft by Ana, Bogotá office -->\n\nText <!-- check "
                      "with Luis --> stays.\n")
    removed = scrub(source, "markdown", target, Limits())
    assert target.read_text() == "# Title\n\nText  stays.\n"
    assert removed == ["Markdown comments (hidden notes in its HTML)"]


def test_a_photo_written_into_an_epub_page_is_published_without_its_gps(
        tmp_path: Path) -> None:
    source, target = tmp_path / "upload.epub", tmp_path / "clean.epub"
    hostile.files.epub(source)
    entries = every_entry(source)
    name = "EPUB/chapter1.xhtml"
    entries[name] = entries[name].replace(
        b"<p>", f'<p><img src="{hostile.data_picture()}" alt="The river"/>'.encode(), 1)
    with zipfile.ZipFile(source, "w") as archive:
        for entry, data in entries.items():
            archive.writestr(entry, data)
    removed = scrub(source, "epub", target, Limits())
    [picture] = inspect(every_entry(target)[name]).pictures
    assert not exif_of(picture).get_ifd(0x8825)
    assert "Image metadata (EXIF, GPS, XMP, comments): 1 image" in removed
