"""The CSV and JSON twins of a catalogue listing: the same rows as the HTML page, with
terms named as the page names them, in the reader's language (the facets' `value` is the
term's slug, the same in every language). The catalogue file that `resguardo import` reads
back is another one: `resguardo export csv` (exports/csv), whose terms keep their own
names."""

import csv
import io
import json
from typing import Any, cast

from django.http import HttpRequest, HttpResponse
from django_countries.fields import Country

from resguardo.catalogue.browse import Browse, page_url
from resguardo.catalogue.models import Resource, Strategy

COLUMNS = ["title", "url", "type", "themes", "what_works", "what_is_needed", "languages",
           "regions", "audiences", "publishers", "year", "summary", "external_url", "file_size",
           "countries", "rating"]


def row(request: HttpRequest, resource: Resource) -> dict[str, Any]:
    return {
        "title": resource.title,
        "url": request.build_absolute_uri(resource.get_absolute_url()),
        "type": resource.resource_type.label,
        "themes": [t.label for t in resource.themes.all()],
        **{column: [s.label for s in resource.strategies.all() if s.group == group]
           for column, group in (("what_works", Strategy.Group.WORKS),
                                 ("what_is_needed", Strategy.Group.NEEDED))},
        "languages": [lang.code for lang in resource.languages.all()],
        "regions": [r.label for r in resource.regions.all()],
        "audiences": [a.label for a in resource.audiences.all()],
        "publishers": [p.name for p in resource.publishers.all()],
        "year": resource.year,
        "summary": resource.summary,
        "external_url": resource.url,
        "file_size": resource.file_size,
        # ISO codes, as the facet's `value`: the same in every language.
        "countries": [c.code for c in cast(list[Country], resource.countries)],
        "rating": resource.rating,
    }


def _page_url(request: HttpRequest, number: int | None) -> str | None:
    url = page_url(request.GET, number)
    return request.build_absolute_uri(url) if url else None


def as_json(request: HttpRequest, result: Browse) -> HttpResponse:
    page = result.page
    body = {
        "query": result.query.raw,
        "sort": result.sort,
        # Without a chosen sort, resources in this language (the reader's) come first.
        "language_first": result.first_language or None,
        "total": result.total,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": _page_url(request, page.next_page_number() if page.has_next() else None),
        "previous": _page_url(request,
                              page.previous_page_number() if page.has_previous() else None),
        "results": [row(request, r) for r in result.resources],
        "facets": {f.name: [{"value": v.key, "label": v.label, "count": v.count,
                             "selected": v.selected} for v in f.values]
                   for f in result.facets},
    }
    return HttpResponse(json.dumps(body, ensure_ascii=False, indent=1),
                        content_type="application/json; charset=utf-8")


def as_csv(request: HttpRequest, result: Browse) -> HttpResponse:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for resource in result.resources:
        values = row(request, resource)
        writer.writerow({k: "; ".join(v) if isinstance(v, list) else v
                         for k, v in values.items()})
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="resguardo-catalogue.csv"'
    return response
