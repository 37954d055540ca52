from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from resguardo.web import languages as interface

STYLESHEET = "css/site.css"


@cache
def stylesheet() -> SafeString:
    """The site's stylesheet, as public pages inline it (web/security.py allows it by its
    hash: change the text here and the hash follows)."""
    path = finders.find(STYLESHEET)
    assert isinstance(path, str), f"{STYLESHEET} is missing from the static files"
    with open(path, encoding="utf-8") as css:
        return mark_safe(css.read().strip())  # our own file, never user input


# Set in the WSGI environ by the static exporter, never from a request header, so a page
# can leave out what only a server can answer (data twins of a list).
OFFLINE = "resguardo.offline"
# Beside it, the codes of the languages the copy holds: its switcher names only those.
OFFLINE_LANGUAGES = "resguardo.offline.languages"


def site(request: HttpRequest) -> dict[str, object]:
    # The stylesheet is inlined: under 1 KB compressed, it saves a second round trip (up
    # to two seconds on 2G) before the first paint.
    if settings.DEBUG:
        stylesheet.cache_clear()
    return {"SITE_NAME": settings.SITE_NAME, "SITE_CSS": stylesheet(),
            "offline": bool(request.META.get(OFFLINE))}


def languages(request: HttpRequest) -> dict[str, object]:
    """The page's language (for `lang` and `dir`) and the switcher's links."""
    every = interface.interface_languages()
    offline = bool(request.META.get(OFFLINE))
    copied = request.META.get(OFFLINE_LANGUAGES)
    shown = [language for language in every if language.code in copied] if copied else every
    return {"LANGUAGE": interface.current(every),
            "LANGUAGE_CHOICES": interface.switcher(request, shown, offline=offline)}
