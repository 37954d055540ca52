"""The interface's languages: which exist, what each is called in itself, which way it runs.

A language is offered to readers when a compiled catalogue for it exists in one of the
locale folders (the project's own, or `DATA_DIR/locale` for an installation's additions);
English, the language of the code, always is. What a language is called and its direction
come from the language table (`catalogue.Language`), so adding one is data and a catalogue
file, with no change to the code. Django's own list only fills in for a language the table
does not have yet.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme

from resguardo.web.caching import PUBLIC_MAX_AGE

SOURCE_LANGUAGE = "en"
# The site's bare address answers with the home page in the reader's language rather than
# redirecting to it: on 2G a redirect costs a round trip of two seconds before the page.
BARE = "/"


def interface_codes(locale_paths: Iterable[Path]) -> list[str]:
    """Codes of the languages with a compiled catalogue, English first, then by code."""
    found = {
        translation.to_language(mo.parent.parent.name)
        for folder in locale_paths
        for mo in Path(folder).glob("*/LC_MESSAGES/django.mo")
    }
    return [SOURCE_LANGUAGE, *sorted(found - {SOURCE_LANGUAGE})]


def _known(code: str) -> dict[str, object]:
    return LANG_INFO.get(code) or LANG_INFO.get(code.split("-")[0]) or {}


def settings_languages(locale_paths: Iterable[Path]) -> list[tuple[str, str]]:
    """The LANGUAGES setting. The names here are only Django's fallback: pages name each
    language from the language table."""
    return [(code, str(_known(code).get("name_local", code))) for code in
            interface_codes(locale_paths)]


@dataclass(frozen=True)
class InterfaceLanguage:
    code: str
    native_name: str
    direction: str  # "ltr" or "rtl"


def _fallback(code: str) -> InterfaceLanguage:
    info = _known(code)
    return InterfaceLanguage(code, str(info.get("name_local", code)),
                             "rtl" if info.get("bidi") else "ltr")


def interface_languages() -> list[InterfaceLanguage]:
    """Every interface language as the language table describes it (one small query)."""
    from resguardo.catalogue.models import Language  # the table lives in the catalogue

    codes = [code for code, _name in settings.LANGUAGES]
    rows = {row.code: row for row in Language.objects.filter(code__in=codes)}
    return [InterfaceLanguage(code, rows[code].native_name, rows[code].direction)
            if code in rows else _fallback(code) for code in codes]


def current(languages: list[InterfaceLanguage]) -> InterfaceLanguage:
    code = translation.get_language() or settings.LANGUAGE_CODE
    for language in languages:
        if language.code == code:
            return language
    return _fallback(code)


@dataclass(frozen=True)
class Choice:
    language: InterfaceLanguage
    href: str
    is_current: bool


def is_bare(request: HttpRequest) -> bool:
    return request.path_info == BARE


def page_address(request: HttpRequest) -> str:
    """The address of the page the reader is on, under its language's prefix where it has
    one: on the bare address, the home page of the language it was answered in."""
    return reverse("home") if is_bare(request) else request.get_full_path()


def negotiated(response: HttpResponse) -> HttpResponse:
    """The headers of a page answered in the reader's language at an address that names
    none (the bare address), as LocaleMiddleware negotiated it: the remembered choice (the
    cookie `choose` sets), then `Accept-Language`. LocaleMiddleware adds `Content-Language`
    and `Vary: Accept-Language`; the choice is a cookie, so `Vary: Cookie` too.

    It is `private`: a shared cache that ignores `Vary` (some CDNs and operators' proxies
    do) would hand one reader's language to the next, and one that honours it keys on the
    whole Cookie header, so it would rarely reuse the page anyway. The reader's own browser
    may reuse it as long as any public page; the prefixed addresses stay public."""
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    patch_cache_control(response, private=True, max_age=PUBLIC_MAX_AGE)
    return response


def switcher(request: HttpRequest, languages: list[InterfaceLanguage], *,
             offline: bool = False) -> list[Choice]:
    """A link per language to the page the reader is on. Online, the link passes through
    the view that remembers the choice; the offline copy links the pages directly."""
    here = page_address(request)
    active = translation.get_language()
    choices = []
    for language in languages:
        target = translate_url(here, language.code)
        if target == here and here.startswith(f"/{active}/"):
            # An address that leads nowhere (a not-found page) cannot be translated: the
            # same address under the other language's prefix, which says so in it.
            target = f"/{language.code}/" + here[len(active) + 2:]
        if not offline and language.code != active:
            target = (reverse("language", args=[language.code])
                      + "?next=" + quote(target, safe="/"))
        choices.append(Choice(language, target, language.code == active))
    return choices


def choose(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """The switcher's links come here: remember the reader's language, then go to the page
    they were on in that language. Only a path on this site is followed."""
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
            target, allowed_hosts=None):
        with translation.override(code):
            target = reverse("home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME, code, max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH, secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite="Lax")
    add_never_cache_headers(response)
    return response
