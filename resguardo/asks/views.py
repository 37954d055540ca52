from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_POST, require_safe

from resguardo.asks import services
from resguardo.asks.models import Ask
from resguardo.catalogue.models import Language, Resource
from resguardo.lib.antispam import HONEYPOT
from resguardo.lib.crossorigin import posts_from_this_site
from resguardo.lib.ratelimit import Limit, client, limit_posts

# Per client, all resources together: a workshop asking for many, not a flood.
ASKS = Limit("asks", 30, 60 * 60)


def _published(slug: str) -> Resource:
    return get_object_or_404(Resource.objects.published().only("pk", "slug", "title"),
                             slug=slug)


# The buttons are on the resource page, the same for every reader (no CSRF token, no
# cookie): a tap from another site's page is refused by what the browser says of it.
@posts_from_this_site
@require_POST
@limit_posts(ASKS)
def ask(request: HttpRequest, slug: str) -> HttpResponse:
    resource = _published(slug)
    kind = request.POST.get("ask", "")
    if kind not in Ask.Kind.values:
        raise BadRequest("no such ask")
    if not request.POST.get(HONEYPOT):  # a robot's: thanked, not counted
        services.ask(resource=resource, kind=kind, language=get_language(),
                     who=client(request))
    return redirect(reverse("asks:thanks", args=[slug]) + f"?for={kind}")


@require_safe
def thanks(request: HttpRequest, slug: str) -> HttpResponse:
    kind = request.GET.get("for", "")
    language = Language.objects.filter(code=get_language()).first()
    context = {
        "resource": _published(slug),
        "kind": kind if kind in Ask.Kind.values else Ask.Kind.COPY,
        "language_name": language.native_name if language else get_language(),
    }
    return render(request, "asks/thanks.html", context)
