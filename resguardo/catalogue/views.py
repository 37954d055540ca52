from pathlib import PurePath
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from resguardo.catalogue import alongside, facets, reading, themes, twins
from resguardo.catalogue.browse import PARAMS, SORTS, browse, name_terms, page_url, shortened
from resguardo.catalogue.copies import copies, in_reader_language
from resguardo.catalogue.models import LightVersion, Resource, Theme
from resguardo.lib import downloads
from resguardo.lib.sharedpages import shared_page
from resguardo.search.query import MAX_QUERY_CHARS


@require_safe
@shared_page(*PARAMS)
def catalogue(request: HttpRequest, format: str = "html") -> HttpResponse:
    params, cut = shortened(request.GET)
    result = browse(params, terms=format != "html")
    if format == "json":
        return twins.as_json(request, result)
    if format == "csv":
        return twins.as_csv(request, result)
    page = result.page
    # Knowledge pages and case studies above the resources, on the first page of a search.
    elsewhere = alongside.found(result.query) if page.number == 1 else []
    nothing = bool(result.query) and not result.total and not elsewhere
    suggestion = alongside.suggestion(result.query) if nothing else ""
    context = {
        "result": result, "sorts": SORTS, "params": params, "cut": cut,
        "theme": themes.heading_theme(params),
        "elsewhere": elsewhere, "narrow": any(f.values for f in result.facets),
        "suggestion": suggestion, "suggestion_url": "?" + urlencode({"q": suggestion}),
        "themes": Theme.objects.localized() if not result.total else [],
        "longest": MAX_QUERY_CHARS,
        "previous_url": page_url(params, page.previous_page_number()
                                 if page.has_previous() else None),
        "next_url": page_url(params, page.next_page_number() if page.has_next() else None),
    }
    return render(request, "catalogue/catalogue.html", context)


def _published(slug: str) -> Resource:
    # The full text (megabytes for a long report) is read only to build its light version;
    # the captions only by the player, from their own address.
    queryset = (Resource.objects.published().select_related("resource_type")
                .defer("full_text", "captions")
                .annotate(has_text=~Q(full_text=""), has_captions=~Q(captions=""))
                .prefetch_related("themes", "audiences", "regions", "languages", "publishers",
                                  "strategies"))
    return get_object_or_404(queryset, slug=slug)


def _in_order(ids: list[int]) -> list[Resource]:
    found = Resource.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found]


@require_safe
def resource(request: HttpRequest, slug: str) -> HttpResponse:
    item = _published(slug)
    versions = item.other_versions()
    index = facets.current()
    name_terms([item], index)
    context = {
        "resource": item,
        "related": _in_order(facets.sharing_themes(item, index, exclude=versions)),
        "versions": versions,
        "pages": item.pages.published().for_reader(),
        # The latest webinars and trainings that used it (events app): one query.
        "events": item.events.published().order_by("-starts_at").only(
            "title", "slug", "starts_at", "time_zone")[:10],
        "copies": copies(item, has_text=item.has_text),  # type: ignore[attr-defined]
        "in_reader_language": in_reader_language(item, versions),
    }
    return render(request, "catalogue/resource.html", context)


@require_safe
def resource_file(request: HttpRequest, slug: str) -> HttpResponseBase:
    item = get_object_or_404(Resource.objects.published().only("slug", "file"), slug=slug)
    name = item.file.name
    if not name:
        raise Http404
    filename = item.slug + PurePath(name).suffix.lower()
    try:
        return downloads.serve(request, default_storage, name, filename=filename)
    except FileNotFoundError:
        raise Http404 from None


@require_safe
def resource_light(request: HttpRequest, slug: str, kind: str) -> HttpResponseBase:
    """A light version of a published recording, made from its current file."""
    found = (LightVersion.objects.filter(resource__slug=slug, kind=kind,
                                         resource__status=Resource.Status.PUBLISHED,
                                         made_from=F("resource__file_sha256"))
             .only("file", "format", "kind").first())
    if found is None:
        raise Http404
    suffix = "-240p" if kind == LightVersion.Kind.VIDEO else "-light"
    try:
        return downloads.serve(request, default_storage, str(found.file.name),
                               filename=f"{slug}{suffix}.{found.format}")
    except FileNotFoundError:
        raise Http404 from None


@require_safe
def resource_captions(request: HttpRequest, slug: str) -> HttpResponse:
    """A recording's captions for the player's `<track>` (resource.get_captions_url, when
    the page's `resource.has_captions`): cached and revalidated as the text versions are
    (web/caching.py, the ETag of ConditionalGetMiddleware)."""
    queryset = Resource.objects.published().exclude(captions="").only("slug", "captions")
    item = get_object_or_404(queryset, slug=slug)
    return HttpResponse(item.captions, content_type="text/vtt; charset=utf-8")


@require_safe
def resource_text(request: HttpRequest, slug: str, number: int = 1,
                  format: str = "html") -> HttpResponse:
    queryset = (Resource.objects.published().exclude(full_text="")
                .defer("full_text", "captions").prefetch_related("languages"))
    item = get_object_or_404(queryset, slug=slug)
    if format == "txt":
        response = HttpResponse(reading.text_of(item), content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{item.slug}.txt"'
        return response
    document = reading.for_resource(item)
    if not 1 <= number <= len(document.parts):
        raise Http404
    if number == 1 and request.resolver_match and request.resolver_match.kwargs.get("number"):
        return redirect("catalogue:text", item.slug, permanent=True)
    context = {
        "resource": item, "document": document, "part": document.parts[number - 1],
        "html": reading.part_html(item, number),
        "contents": reading.contents(document) if number == 1 else [],
        "previous": document.parts[number - 2] if number > 1 else None,
        "next": document.parts[number] if number < len(document.parts) else None,
    }
    return render(request, "catalogue/text.html", context)
