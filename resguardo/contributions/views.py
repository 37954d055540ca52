from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from resguardo.contributions import services
from resguardo.contributions.forms import ProposalForm, StatusForm
from resguardo.ingest.base import Refused
from resguardo.lib.ratelimit import Limit, limit_posts

SENDING = Limit("proposals", 20, 60 * 60, setting="PROPOSALS_PER_HOUR")
LOOKING_UP = Limit("proposal-status", 30, 15 * 60)


@never_cache
@limit_posts(SENDING)
def propose(request: HttpRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        upload = request.FILES.get("upload")
        if form.is_valid():
            try:
                received = services.submit(fields=form.cleaned_data,
                                           stamp=form.cleaned_data["shown"], upload=upload)
            except Refused as refusal:
                form.add_error("upload", str(refusal.reason))
            else:
                return render(request, "contributions/received.html", {"received": received})
        elif upload is not None and not form.has_error("upload"):
            form.add_error("upload", _("Choose the file again once the other fields are "
                                       "corrected: it is read only when everything else is "
                                       "right."))
        if (not form.is_valid() and request.FILES.get("transcript") is not None
                and not form.has_error("transcript")):  # the browser will not send it back
            form.add_error("transcript", _("Choose the transcript again once the other "
                                           "fields are corrected."))
        if form.has_error(NON_FIELD_ERRORS, "stamp"):
            form.renew_stamp()
    return render(request, "contributions/propose.html", {"form": form},
                  status=400 if form.is_bound else 200)


@never_cache
@limit_posts(LOOKING_UP)
def status(request: HttpRequest) -> HttpResponse:
    form = StatusForm(request.POST or None)
    proposal, looked_up = None, False
    if form.is_valid():
        looked_up = True
        proposal = services.find(form.cleaned_data["code"])
    return render(request, "contributions/status.html",
                  {"form": form, "proposal": proposal, "looked_up": looked_up})
