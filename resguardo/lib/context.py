from django.conf import settings
from django.http import HttpRequest

# Set in the WSGI environ by the static exporter, never from a request header, so a page
# can leave out what only a server can answer (data twins of a list).
OFFLINE = "resguardo.offline"


def site(request: HttpRequest) -> dict[str, object]:
    return {"SITE_NAME": settings.SITE_NAME, "offline": bool(request.META.get(OFFLINE))}
