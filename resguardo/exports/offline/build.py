"""Write a static copy of the public library into one zip file.

Pages are rendered in this process, through Django's test client (the whole middleware
stack, no server), found by crawling from the home page of each language and every URL of
the sitemap, so a new public view is copied without anyone listing it here. The crawl keeps
what each URL turned out to be (a page, a plain text, a stylesheet, a stored file, data,
nothing); the links of every page are then rewritten from that, so none can point at a file
the copy does not have.

The copy holds every interface language (or those chosen), each in its own folder (`es/`),
as the site's addresses do (`/es/`); the language switcher of each page links the same page
in the other languages of the copy. The `index.html` at the top lets the reader choose a
language, each named in itself: the copy cannot read the browser's languages as the
server does. A copy of one language opens on that language's home page instead.
"""

import os
import posixpath
import secrets
import shutil
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO
from urllib.parse import quote, unquote, urlsplit
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client
from django.urls import Resolver404, ResolverMatch, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext as _

from resguardo.catalogue import light
from resguardo.catalogue.models import Resource
from resguardo.exports.offline import rewrite
from resguardo.exports.offline.links import Internal, Links, Unsupported, language_of, relative
from resguardo.exports.offline.report import Report
from resguardo.lib import scratch
from resguardo.lib.progress import Bar
from resguardo.web import languages as interface
from resguardo.web.context import OFFLINE, OFFLINE_LANGUAGES, stylesheet

PRIVATE = {"admin", "contributions"}  # URL namespaces never copied (they need a server)
REDIRECTS = (301, 302, 303, 307, 308)
# Stored files in these formats are compressed already: deflating them again only costs time.
PACKED = {".7z", ".docx", ".epub", ".gif", ".gz", ".jpeg", ".jpg", ".m4a", ".mp3", ".mp4",
          ".odt", ".ogg", ".opus", ".png", ".pptx", ".webm", ".webp", ".xlsx", ".zip"}
EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: same input, same bytes


INDEX = "index.html"  # the copy's first page, at the top of the zip

# Stored files are downloaded through these views (ranges, names); the copy holds the file:
# a resource's own, and a recording's light versions.
FILE_VIEW = "catalogue:file"
LIGHT_VIEW = "catalogue:light"

# The first four are files in the copy; the others say what becomes of a link to them.
Kind = Literal["page", "text", "static", "file",
               "data", "missing", "redirect", "elsewhere", "not-copied"]


@dataclass
class Found:
    """What a canonical internal URL turned out to be."""

    kind: Kind
    path: str = ""  # the file in the copy, for the kinds the copy holds
    href: str = ""  # redirect: the URL it leads to; elsewhere: another site's address


def export_static(out: Path, *, with_files: bool = False, overwrite: bool = False,
                  languages: Sequence[str] = (), progress: TextIO | None = None,
                  originals: bool = False) -> Report:
    """Write the copy to `out`, atomically: a failed run leaves no zip behind, and an
    existing file is kept unless `overwrite`. The copy holds the interface `languages`
    given, or every one. With `with_files`, it holds the stored files: of a recording,
    its light versions, and its original only if `originals` (a 30-minute training is
    29 MB as it came, 3.6 MB light). Progress goes to `progress` if given."""
    out = Path(out)
    if out.exists() and not overwrite:
        raise FileExistsError(_("%(path)s exists already.") % {"path": out})
    if not out.parent.is_dir():
        raise FileNotFoundError(_("There is no folder %(path)s.") % {"path": out.parent})
    started = time.monotonic()
    chosen = copy_languages(languages)
    with tempfile.TemporaryDirectory(dir=scratch.folder()) as folder:
        crawl = Crawl(Path(folder), with_files=with_files, languages=chosen,
                      originals=originals)
        crawl.run(progress)
        partial = out.with_name(f".{out.name}.{secrets.token_hex(4)}.part")
        try:
            with open(partial, "xb") as handle:
                total = crawl.write(handle, progress)
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    pages = {f.path for f in crawl.found.values() if f.kind == "page"} | {INDEX}
    others = {f.path for f in crawl.found.values() if f.path} - pages
    return Report(path=out, pages=len(pages), files=len(others), languages=chosen,
                  total_bytes=total, zip_bytes=out.stat().st_size,
                  seconds=time.monotonic() - started)


def copy_languages(chosen: Sequence[str] = ()) -> list[str]:
    """The interface languages a copy holds, in the site's order: those `chosen`, or all."""
    codes = [code for code, _name in settings.LANGUAGES]
    unknown = sorted(set(chosen) - set(codes))
    if unknown:
        raise ValueError(_("%(codes)s: not a language of the interface (%(known)s).") % {
            "codes": ", ".join(unknown), "known": ", ".join(codes)})
    return [code for code in codes if code in chosen] if chosen else codes


def _hosts() -> tuple[str, set[str]]:
    """The host name pages are rendered for, and every name of this site: an absolute link
    to any of them is a link inside the library."""
    names = [h.lstrip(".") for h in settings.ALLOWED_HOSTS if h != "*"] or ["localhost"]
    return names[0], {urlsplit(f"//{name}").hostname or name for name in names}


def _resolve(path: str) -> ResolverMatch:
    """The view of `path`, in the language its prefix names: under i18n_patterns, `resolve`
    only knows the addresses of the language active."""
    with translation.override(language_of(path) or settings.LANGUAGE_CODE):
        return resolve(path)


class Crawl:
    def __init__(self, folder: Path, *, with_files: bool, languages: list[str],
                 originals: bool = False):
        host, hosts = _hosts()
        self.languages = languages
        self.links = Links(host, hosts, languages)
        environ: dict[str, Any] = {"HTTP_HOST": host, "HTTP_ACCEPT_LANGUAGE": languages[0],
                                   OFFLINE: "1", OFFLINE_LANGUAGES: tuple(languages)}
        self.client = Client(**environ)
        self.folder, self.with_files, self.originals = folder, with_files, originals
        self.found: dict[str, Found] = {}
        self.queue: deque[str] = deque()
        self.seen: set[str] = set()
        self.texts: dict[bytes, str] = {}  # a plain text's bytes -> its one file in the copy

    def home(self, language: str) -> str:
        with translation.override(language):
            return reverse("home")

    # Finding every URL

    def run(self, progress: TextIO | None) -> None:
        for url in [*map(self.home, self.languages), *self._sitemap()]:
            self._add(url)
        with Bar(_("Rendering pages"), stream=progress) as bar:
            while self.queue:
                url = self.queue.popleft()
                self.found[url] = self._fetch(url)
                bar.advance(total=len(self.seen))

    def _add(self, url: str) -> None:
        if url not in self.seen:
            self.seen.add(url)
            self.queue.append(url)

    def _discover(self, page_url: str) -> rewrite.Decide:
        def note(href: str) -> rewrite.Decision:
            ref = self.links.resolve(href, page_url)
            if isinstance(ref, Internal):
                self._add(ref.url)
            return rewrite.Keep()

        return note

    def _sitemap(self) -> Iterator[str]:
        for section in self._locations(reverse("sitemap")):
            for location in self._locations(section):
                ref = self.links.resolve(location, "/")
                if isinstance(ref, Internal) and language_of(ref.url) in self.languages:
                    yield ref.url

    def _locations(self, url: str) -> list[str]:
        parts = urlsplit(url)
        response = self._get(parts.path + (f"?{parts.query}" if parts.query else ""))
        if response.status_code != 200:
            return []
        tree = ET.fromstring(response.content)
        return [e.text.strip() for e in tree.iter("{*}loc") if e.text]

    def _get(self, url: str) -> Any:
        # A page activates its language in this thread (LocaleMiddleware): the export's own
        # words (progress, report) stay in the language they were in.
        with translation.override(translation.get_language()):
            return self.client.get(url)

    def _fetch(self, url: str) -> Found:
        try:
            return self._fetch_file(url)
        except SuspiciousFileOperation:
            return Found("missing")  # "/files/..%2F..%2Fsecret_key" in a page: not followed

    def _fetch_file(self, url: str) -> Found:
        path = urlsplit(url).path
        if path.startswith(settings.STATIC_URL):
            return self._static(url)
        if path.startswith(settings.MEDIA_URL):
            return self._stored(url)
        if (language := language_of(path)) and language not in self.languages:
            return Found("missing")  # a language left out of the copy
        try:
            match = _resolve(path)
        except Resolver404:
            return Found("missing")
        if match.namespace in PRIVATE:
            return Found("missing")
        if match.view_name in (FILE_VIEW, LIGHT_VIEW):
            return self._stored(url)
        response = self._get(url)
        if response.status_code in REDIRECTS:
            return self._redirect(url, response["Location"])
        content_type = response.get("Content-Type", "").split(";")[0].strip()
        if response.status_code != 200:
            return Found("missing")
        if content_type not in ("text/html", "text/plain"):
            return Found("data")  # feeds, JSON, CSV, XML: nothing a reader opens offline
        if content_type == "text/plain":
            return self._text(url, response.content)
        found = Found("page", self.links.path(url, html=True))
        self._keep(found.path, response.content)
        rewrite.rewrite_html(response.content.decode(), self._discover(url))
        return found

    def _text(self, url: str, content: bytes) -> Found:
        """A plain text is the same in every language (a resource's text): the copy holds
        it once, and every language's page links that file."""
        if content not in self.texts:
            self.texts[content] = self.links.path(url, html=False)
            self._keep(self.texts[content], content)
        return Found("text", self.texts[content])

    def _redirect(self, url: str, location: str) -> Found:
        ref = self.links.resolve(location, url)
        if isinstance(ref, Internal):
            self._add(ref.url)
            return Found("redirect", href=ref.url)
        return Found("missing") if isinstance(ref, Unsupported) else Found(
            "elsewhere", href=location)

    def _static(self, url: str) -> Found:
        name = unquote(urlsplit(url).path[len(settings.STATIC_URL):])
        if staticfiles_storage.exists(name):  # collected (and, in production, hashed)
            with staticfiles_storage.open(name) as handle:
                content = handle.read()
        elif found := finders.find(name):  # not collected yet, as in development
            content = Path(str(found)).read_bytes()
        else:
            return Found("missing")
        path = self.links.path(url, html=False)
        self._keep(path, content)
        if name.endswith(".css"):
            rewrite.rewrite_css(content.decode(), self._discover(url))
        return Found("static", path)

    def _storage_name(self, url: str) -> str:
        """The stored file behind `url`: a media URL, a resource's download view or one of
        its light versions; "" for a recording's original unless the copy takes them."""
        path = urlsplit(url).path
        if path.startswith(settings.MEDIA_URL):
            return unquote(path[len(settings.MEDIA_URL):])
        match = _resolve(path)
        resource = (Resource.objects.published().filter(slug=match.kwargs["slug"])
                    .exclude(file="").only("file", "file_sha256", "file_facts").first())
        if resource is None:
            return ""
        if match.view_name == LIGHT_VIEW:
            return next((str(v.file.name) for v in light.versions(resource)
                         if v.kind == match.kwargs["kind"]), "")
        return "" if resource.recording and not self.originals else str(resource.file.name)

    def _stored(self, url: str) -> Found:
        name = self._storage_name(url)
        if self.with_files and name and default_storage.exists(name):
            return Found("file", self.links.path(settings.MEDIA_URL + quote(name), html=False))
        publisher = name and (Resource.objects.published().filter(file=name).exclude(url="")
                     .values_list("url", flat=True).first())
        return Found("elsewhere", href=publisher) if publisher else Found("not-copied")

    def _keep(self, path: str, content: bytes) -> None:
        target = self.folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    # Writing the zip

    def write(self, handle: BinaryIO, progress: TextIO | None) -> int:
        """Every file of the copy, links rewritten, in name order; returns their bytes."""
        held = {f.path: (url, f) for url, f in self.found.items() if f.path}
        total = 0
        with ZipFile(handle, "w") as archive, Bar(
                _("Writing the zip"), len(held) + 1, stream=progress) as bar:
            for path in sorted({*held, INDEX}):
                if path == INDEX:
                    total += self._write_index(archive)
                else:
                    url, found = held[path]
                    total += self._write(archive, url, found)
                bar.advance()
        return total

    def _write_index(self, archive: ZipFile) -> int:
        """The page a reader opens first: the choice of language, or the home page of a
        copy in one language (its links made relative to the top folder)."""
        if len(self.languages) == 1:
            home = self.home(self.languages[0])
            found = self._final(home)
            content = (self.folder / found.path).read_bytes()
            page = rewrite.rewrite_html(content.decode(), self._decide(home, INDEX),
                                        search_note=self._search_note(home, INDEX))
        else:
            page = self._choose_language()
        content = page.encode()
        archive.writestr(_entry(INDEX, ZIP_DEFLATED), content)
        return len(content)

    def _choose_language(self) -> str:
        every = {language.code: language for language in interface.interface_languages()}
        choices = []
        for code in self.languages:
            home = self._final(self.home(code)).path
            with translation.override(code):
                # The same words as every page's description, so each is in its catalogue.
                description = _("An open, light library of resources on collective "
                                "protection for human rights defenders and their "
                                "communities.")
            choices.append({"language": every[code], "href": relative(home, INDEX),
                            "description": description})
        with translation.override(self.languages[0]):
            return render_to_string("exports/languages.html", {
                "SITE_NAME": settings.SITE_NAME, "SITE_CSS": stylesheet(),
                "LANGUAGE": every[self.languages[0]], "choices": choices})

    def _write(self, archive: ZipFile, url: str, found: Found) -> int:
        if found.kind == "file":
            return self._copy_stored(archive, url, found.path)
        content = (self.folder / found.path).read_bytes()
        if found.kind == "page":
            content = rewrite.rewrite_html(
                content.decode(), self._decide(url, found.path),
                search_note=self._search_note(url, found.path)).encode()
        elif found.path.endswith(".css"):
            content = rewrite.rewrite_css(content.decode(),
                                          self._decide(url, found.path)).encode()
        archive.writestr(_entry(found.path, ZIP_DEFLATED), content)
        return len(content)

    def _copy_stored(self, archive: ZipFile, url: str, path: str) -> int:
        name = self._storage_name(url)
        size = default_storage.size(name)
        packed = posixpath.splitext(name)[1].lower() in PACKED
        entry = _entry(path, ZIP_STORED if packed else ZIP_DEFLATED)
        with default_storage.open(name) as source, archive.open(
                entry, "w", force_zip64=size > 2**31) as target:
            shutil.copyfileobj(source, target, 1 << 20)
        return size

    def _final(self, url: str) -> Found:
        found = self.found.get(url, Found("missing"))
        for _hop in range(10):
            if found.kind != "redirect":
                return found
            found = self.found.get(found.href, Found("missing"))
        return Found("missing")

    def _decide(self, page_url: str, page_path: str) -> rewrite.Decide:
        with translation.override(language_of(page_url) or self.languages[0]):
            not_copied = escape(_("(the file is not in this offline copy)"))

        def decide(href: str) -> rewrite.Decision:
            ref = self.links.resolve(href, page_url)
            if ref is None:
                return rewrite.Keep()
            if isinstance(ref, Unsupported):
                return rewrite.Unwrap()
            found = self._final(ref.url)
            if found.path:
                fragment = f"#{ref.fragment}" if ref.fragment else ""
                return rewrite.Point(relative(found.path, page_path) + fragment)
            if found.kind == "elsewhere":
                return rewrite.Point(found.href)
            if found.kind == "data":
                return rewrite.Drop()
            if found.kind == "not-copied":
                return rewrite.Unwrap(f' <span class="note">{not_copied}</span>')
            return rewrite.Unwrap()

        return decide

    def _search_note(self, page_url: str, page_path: str) -> str:
        language = language_of(page_url) or self.languages[0]
        catalogue = escape(relative(
            self.links.path(self.links.catalogue(language), html=True), page_path))
        with translation.override(language):
            cannot = escape(_("This offline copy cannot search."))
            browse = escape(_("Browse the catalogue by theme, type, language or region "
                              "instead."))
        return f'<p class="note">{cannot} <a href="{catalogue}">{browse}</a></p>'


def _entry(name: str, compression: int) -> ZipInfo:
    entry = ZipInfo(name, date_time=EPOCH)
    entry.compress_type = compression
    entry.create_system = 3  # Unix, so the permissions below mean the same everywhere
    entry.external_attr = 0o644 << 16
    return entry
