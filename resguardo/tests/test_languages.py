"""Every kind of page speaks each interface language: no English string of the interface is
left (the catalogues say which strings those are), `<html lang>` and `dir` name the
language, and the switcher takes the reader to the same page in another language and
remembers the choice."""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from resguardo.catalogue.models import Language
from resguardo.tests.pages import PageType, in_language, switched_to

LOCALE = Path(settings.BASE_DIR) / "locale"
DJANGO = Path(__import__("django").__file__).parent
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(|%[sd]|\{")
ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}


def _english(code: str) -> set[str]:
    """The English strings that `code` translates: ours and those of Django's parts we show.
    Languages' own names are data: the switcher names English in English."""
    catalogues = [LOCALE / code / "LC_MESSAGES" / "django.po",
                  *(DJANGO / part / "locale" / code / "LC_MESSAGES" / "django.po"
                    for part in ("conf", "contrib/admin", "contrib/auth"))]
    english = set()
    for path in catalogues:
        for entry in polib.pofile(str(path)) if path.is_file() else []:
            for msgid, msgstr in ((entry.msgid, entry.msgstr),
                                  (entry.msgid_plural, entry.msgstr_plural.get(1, ""))):
                msgid = " ".join(msgid.split())
                if msgid and msgstr and " ".join(msgstr.split()) != msgid \
                        and not PLACEHOLDER.search(msgid) and re.search(r"[a-z]", msgid):
                    english.add(msgid)
    return english - set(Language.objects.values_list("native_name", flat=True))


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Shown(HTMLParser):
    """The text a reader sees or hears in the page's language: text between tags and the
    labelling attributes, leaving out what is marked as another language (a resource's
    own title and text, a language's own name)."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[tuple[str, str]] = [("", language)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        language = dict(attrs).get("lang") or self._stack[-1][1]
        if tag == "html":
            self._stack = [("", language)]
        if language == self._stack[0][1] and tag not in ("style", "script"):
            for name, value in attrs:
                if value and (name in ATTRIBUTES or (
                        name == "value" and ("type", "submit") in attrs)):
                    self.parts.append(value)
        if tag not in VOID:
            hidden = tag in ("style", "script") or language != self._stack[0][1]
            self._stack.append((tag, "" if hidden else language))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                break

    def handle_data(self, data: str) -> None:
        if self._stack[-1][1] == self._stack[0][1] and data.strip():
            self.parts.append(data)


def english_left(html: str, english: set[str], language: str) -> list[str]:
    shown = _Shown(language)
    shown.feed(html)
    left = []
    for part in (" ".join(p.split()) for p in shown.parts):
        bare = part.strip(" :·()…")
        if part in english or bare in english:
            left.append(part)
        # A whole sentence of the interface inside a longer text.
        left += [s for s in english if len(s.split()) >= 4 and s in part and s != part]
    return left


def _html_language(html: str) -> tuple[str, str]:
    found = re.search(r'<html[^>]*\blang="([^"]+)"[^>]*\bdir="([^"]+)"', html)
    assert found, html[:300]
    return found.group(1), found.group(2)


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_kind_of_page_is_in_the_language_with_no_english_left(
        every_page_type: list[PageType], code: str) -> None:
    english = _english(code)
    client = Client(raise_request_exception=False, headers={"accept-language": code})
    problems = {}
    for page in every_page_type:
        response = client.get(in_language(page, code))
        assert response.status_code == page.status, (page, response.status_code)
        html = response.content.decode()
        if (left := english_left(html, english, code)) or _html_language(html) != (code, "ltr"):
            problems[page.name] = (_html_language(html), left)
    assert not problems, problems


def _switcher(html: str) -> dict[str, str]:
    nav = re.search(r'<nav class="langs".*?</nav>', html, re.S)
    assert nav, "no language switcher"
    return {m.group(2): m.group(1).replace("&amp;", "&")
            for m in re.finditer(r'<a href="([^"]+)" hreflang="([^"]+)"', nav.group())}


def test_the_switcher_takes_the_reader_to_the_same_page_and_remembers_the_choice(
        every_page_type: list[PageType]) -> None:
    codes = [code for code, _name in settings.LANGUAGES]
    for page in every_page_type:
        if page.status == 500:
            continue  # the error page holds nothing that could fail again
        # Editors' pages have no prefix: the browser's language chooses until the reader does.
        client = Client(headers={"accept-language": "es"})
        html = client.get(in_language(page, "es")).content.decode()
        links = _switcher(html)
        assert sorted([*links, "es"]) == sorted(codes), page
        for code, href in links.items():
            moved = client.get(href)
            assert moved.status_code == 302, (page, href)
            assert moved["Location"] == switched_to(page, code), (page, href)
            assert moved.cookies[settings.LANGUAGE_COOKIE_NAME].value == code
            arrived = client.get(moved["Location"])
            assert arrived.status_code == page.status, (page, code)
            assert _html_language(arrived.content.decode()) == (code, "ltr")


def test_the_switcher_names_each_language_in_itself_and_marks_the_current_one(
        client: Client, seeded: None) -> None:
    html = client.get("/fr/catalogue/", {"theme": "community-protocols"}).content.decode()
    nav = re.search(r'<nav class="langs" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert nav and nav.group(1) == "Langue"
    assert '<strong lang="fr" dir="ltr" aria-current="page">Français</strong>' in nav.group(2)
    assert re.findall(r'lang="(\w+)" dir="ltr" rel="alternate">([^<]+)</a>', nav.group(2)) \
        == [("en", "English"), ("es", "Español"), ("pt", "Português")]
    assert ('href="/language/pt/?next=/pt/catalogue/%3Ftheme%3Dcommunity-protocols"'
            in nav.group(2))


def test_an_address_without_a_language_goes_to_the_remembered_one_then_the_browsers(
        client: Client, seeded: None) -> None:
    brazil = {"accept-language": "pt-BR,pt;q=0.9"}
    assert client.get("/learn/", headers=brazil)["Location"] == "/pt/learn/"
    assert client.get("/learn/", headers={"accept-language": "fr"})["Location"] == "/fr/learn/"
    assert client.get("/catalogue/")["Location"] == "/en/catalogue/"
    # The bare address answers with the home page in that language, without a redirect.
    assert client.get("/", headers=brazil)["Content-Language"] == "pt"
    client.get("/language/es/?next=/es/")
    assert client.get("/learn/", headers={"accept-language": "fr"})["Location"] == "/es/learn/"
    assert client.get("/", headers={"accept-language": "fr"})["Content-Language"] == "es"


def test_the_language_view_follows_only_paths_of_this_site(client: Client, db: None) -> None:
    for target in ("https://elsewhere.example/", "//elsewhere.example/", "/\\elsewhere",
                   "javascript:alert(1)", ""):
        response = client.get("/language/fr/", {"next": target})
        assert response["Location"] == "/fr/", target
    assert client.get("/language/xx/", {"next": "/en/"}).status_code == 404
    response = client.get("/language/pt/", {"next": "/pt/learn/"})
    assert "no-store" in response["Cache-Control"]
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) == 365 * 24 * 3600


def test_a_page_in_a_language_is_the_same_for_every_browser_and_kept_once(
        client: Client, seeded: None) -> None:
    first = client.get("/es/learn/", headers={"accept-language": "fr"})
    second = client.get("/es/learn/", headers={"accept-language": "pt"})
    assert first.content == second.content
    assert "Accept-Language" not in first.get("Vary", "")
    assert "Cookie" not in first.get("Vary", "")


def test_the_switcher_on_an_address_that_leads_nowhere_changes_its_language(
        client: Client, seeded: None) -> None:
    # A mistyped address: its not-found page offered the same address in the same language.
    with translation.override("es"):
        missing = reverse("home") + "no-such-page/?q=%C3%A1rbol"
    response = client.get(missing)
    assert response.status_code == 404
    for code, href in _switcher(response.content.decode()).items():
        moved = client.get(href)
        assert moved["Location"] == f"/{code}/no-such-page/?q=%C3%A1rbol", href
        arrived = client.get(moved["Location"])
        assert arrived.status_code == 404
        assert _html_language(arrived.content.decode()) == (code, "ltr")
