from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.views.decorators.http import require_safe

from resguardo.catalogue.browse import browse
from resguardo.lib.sharedpages import shared_page
from resguardo.pages.models import Page


@require_safe
@shared_page()
def home(request: HttpRequest) -> HttpResponse:
    result = browse(QueryDict(), page_size=6)
    context = {
        "themes": next(f for f in result.facets if f.name == "theme").values,
        "newest": result.resources,
        "total": result.total,
        "pages": Page.objects.published().for_reader(),
    }
    return render(request, "home/home.html", context)
