from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from resguardo.catalogue import themes
from resguardo.catalogue.browse import browse
from resguardo.lib.sharedpages import shared_page
from resguardo.pages.models import Page
from resguardo.web.languages import negotiated


def _home_context() -> dict[str, object]:
    result = browse(QueryDict(), page_size=6)
    return {
        "themes": next(f for f in result.facets if f.name == "theme").values,
        "newest": result.resources,
        "total": result.total,
        "pages": Page.objects.published().for_reader(),
        "groups": themes.strategy_groups(),
    }


@require_safe
@shared_page()
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home/home.html", _home_context())


@require_safe
@shared_page()
def bare_home(request: HttpRequest) -> HttpResponse:
    """The site's bare address: the home page in the reader's language, in one round trip,
    pointing search engines at its own address (kept per language: web/pagecache.py)."""
    context = _home_context() | {"canonical": request.build_absolute_uri(reverse("home"))}
    return negotiated(render(request, "home/home.html", context))


PAGES_PER_THEME = 10


@require_safe
@shared_page()
def theme(request: HttpRequest, slug: str) -> HttpResponse:
    """A theme's own page: here, above both the catalogue and the knowledge pages, as a
    theme's pages are those linked to its resources (pages may read the catalogue, never
    the other way round)."""
    shown = themes.overview(slug)
    context = {
        "overview": shown,
        "pages": Page.objects.published().filter(resources__themes=shown.theme)
        .distinct().for_reader()[:PAGES_PER_THEME],
    }
    return render(request, "home/theme.html", context)
