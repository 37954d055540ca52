"""The trainings pages. None is kept by the page cache (web/pagecache.py): what they show
moves with the clock (an event ends, its joining details go), not only with editors'
changes, and each costs two or three small queries."""

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from resguardo.events import ical, services
from resguardo.events.models import Event


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    schedule = services.schedule(Event.objects.published(), now=timezone.now())
    return render(request, "events/index.html", {"schedule": schedule})


@require_safe
def past(request: HttpRequest, number: int = 1) -> HttpResponse:
    events = Event.objects.published().past(timezone.now()).select_related("language")
    try:
        page = Paginator(events, services.PAST_PAGE_SIZE, allow_empty_first_page=True
                         ).page(number)
    except EmptyPage:
        raise Http404 from None
    if number == 1 and request.resolver_match and request.resolver_match.kwargs.get("number"):
        return redirect("events:past", permanent=True)
    return render(request, "events/past.html", {"page": page})


@require_safe
def event(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(Event.objects.published().select_related("language"), slug=slug)
    now = timezone.now()
    context = {
        "event": item, "over": item.is_over(now), "on": item.is_on(now),
        "materials": item.resources.published().with_terms("resource_type")
                         .order_by("title", "pk"),
    }
    return render(request, "events/event.html", context)


def _ics(content: bytes, filename: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def event_ics(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(services.with_materials(Event.objects.published()), slug=slug)
    content = ical.calendar([item], now=timezone.now(), absolute=request.build_absolute_uri)
    return _ics(content, f"{item.slug}.ics")


@require_safe
def calendar(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    events = services.in_feed(Event.objects.published(), now=now)
    name = _("%(site)s: webinars and trainings") % {"site": settings.SITE_NAME}
    content = ical.calendar(events, now=now, absolute=request.build_absolute_uri, name=name,
                            url=request.build_absolute_uri())
    return _ics(content)
