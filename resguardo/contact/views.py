from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from resguardo.contact import services
from resguardo.contact.forms import ContactForm
from resguardo.lib.ratelimit import Limit, limit_posts

# Per client (a keyed hash of its address, in the cache only): enough for a person who
# writes again, too few for a flood.
MESSAGES_PER_CLIENT = Limit("contact-client", 5, 60 * 60)


# The form carries a CSRF token and a time stamp of its own: never reused from a cache.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@limit_posts(MESSAGES_PER_CLIENT)
def contact(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        services.receive(
            **{field: form.cleaned_data[field] for field in ContactForm.Meta.fields},
            language=get_language(),
            inbox_url=request.build_absolute_uri(
                reverse("admin:contact_message_changelist") + "?status__exact=new"),
        )
        return redirect("contact:sent")
    form.renew_stamp()
    return render(request, "contact/form.html",
                  {"form": form, "retention_days": settings.RETENTION_DAYS})


@require_safe
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "contact/sent.html")
