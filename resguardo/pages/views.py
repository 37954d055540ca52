from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from resguardo.pages.markdown import render as markdown
from resguardo.pages.models import Page


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/index.html", {"pages": Page.objects.published().for_reader()})


def page(request: HttpRequest, slug: str) -> HttpResponse:
    page = get_object_or_404(Page.objects.published().for_reader(body=True), slug=slug)
    shown = page.shown()
    context = {
        "page": page,
        "shown": shown,
        "body": markdown(shown.body),
        "resources": page.resources.published().with_terms("resource_type"),
        "pages": Page.objects.published().for_reader(),
    }
    return render(request, "pages/page.html", context)
