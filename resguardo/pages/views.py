from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from resguardo.lib.markdown import render as markdown
from resguardo.pages.models import Page


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/index.html", {"pages": Page.objects.published()})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page.objects.published(), slug=slug)
    context = {
        "page": page,
        "body": markdown(page.body),
        "resources": page.resources.published().with_terms("resource_type"),
        "pages": Page.objects.published().only("title", "slug"),
    }
    return render(request, "pages/page.html", context)
