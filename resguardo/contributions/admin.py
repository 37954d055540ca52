"""Moderation: the queue of proposals, one page per proposal with what the file says and
what it may duplicate, and the two decisions, each one action recorded in the audit log."""

from pathlib import PurePath
from typing import Any

from django.contrib import admin, messages
from django.core.files.storage import default_storage
from django.db.models import QuerySet, prefetch_related_objects
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from resguardo.catalogue.models import term_prefetches
from resguardo.contributions import services
from resguardo.contributions.forms import DeclineForm
from resguardo.contributions.models import AuditEntry, Proposal
from resguardo.lib import downloads

# The risk field's label is the question the contributor answered: too long for a column or
# the filter's heading ("By shows people, places…").
RISK_NAMED = gettext_lazy("risk named by the contributor")


class RiskFilter(admin.ChoicesFieldListFilter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.title = RISK_NAMED


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "status", "risk_named", "created_at", "decided_at"]
    list_filter = ["status", ("risk", RiskFilter)]
    list_select_related = ["resource"]
    search_fields = ["resource__title"]
    date_hierarchy = "created_at"

    @admin.display(description=gettext_lazy("title"), ordering="resource__title")
    def title(self, obj: Proposal) -> str:
        return obj.resource.title

    @admin.display(description=RISK_NAMED, ordering="risk")
    def risk_named(self, obj: Proposal) -> str:
        return obj.get_risk_display()

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # proposals come from the public form only

    def has_delete_permission(self, request: HttpRequest, obj: Proposal | None = None
                              ) -> bool:
        return False  # a decision is kept; contact details go by retention

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/approve/", wrap(require_POST(self.approve_view)),
                 name="contributions_proposal_approve"),
            path("<int:pk>/decline/", wrap(require_POST(self.decline_view)),
                 name="contributions_proposal_decline"),
            path("<int:pk>/file/", wrap(self.file_view), name="contributions_proposal_file"),
            *super().get_urls(),
        ]

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "",
                    extra_context: dict[str, Any] | None = None) -> HttpResponse:
        proposal = get_object_or_404(Proposal.objects.select_related("resource"),
                                     pk=object_id)
        if not self.has_view_or_change_permission(request, proposal):
            return HttpResponseRedirect(reverse("admin:index"))
        return self._moderation(request, proposal, DeclineForm())

    def _moderation(self, request: HttpRequest, proposal: Proposal, decline: DeclineForm,
                    status: int = 200) -> TemplateResponse:
        resource = proposal.resource
        prefetch_related_objects([resource], *term_prefetches())  # in the editor's language
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "title": resource.title, "proposal": proposal,
            "resource": resource, "facts": resource.file_facts or {},
            "words": len(resource.full_text.split()),
            "preview": resource.full_text[:600],
            "duplicates": services.likely_duplicates(resource),
            "decline_form": decline,
            "can_decide": proposal.is_pending and self.has_change_permission(request),
            "audit": proposal.audit.all(),
        }
        return TemplateResponse(request, "admin/contributions/proposal/moderate.html",
                                context, status=status)

    def _decided(self, request: HttpRequest, pk: int) -> Proposal | None:
        proposal = get_object_or_404(Proposal, pk=pk)
        return proposal if self.has_change_permission(request, proposal) else None

    def file_view(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        """The proposed file as stored (cleaned), for the editors to look at before deciding:
        the public address serves published resources only."""
        proposal = get_object_or_404(Proposal.objects.select_related("resource"), pk=pk)
        name = proposal.resource.file.name
        if not name or not self.has_view_or_change_permission(request, proposal):
            raise Http404
        filename = proposal.resource.slug + PurePath(name).suffix.lower()
        try:
            response = downloads.serve(request, default_storage, name, filename=filename)
        except FileNotFoundError:
            raise Http404 from None
        response.headers["Cache-Control"] = "private, no-store"
        return response

    def approve_view(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        proposal = self._decided(request, pk)
        if proposal is None:
            return HttpResponseRedirect(reverse("admin:index"))
        try:
            proposal = services.approve(proposal, by=request.user)  # type: ignore[arg-type]
        except services.NotPending:
            messages.warning(request, _("This proposal was already decided."))
        else:
            messages.success(request, _("Published: “%(title)s” is in the catalogue.")
                             % {"title": proposal.resource.title})
        return HttpResponseRedirect(reverse("admin:contributions_proposal_changelist"))

    def decline_view(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        proposal = self._decided(request, pk)
        if proposal is None:
            return HttpResponseRedirect(reverse("admin:index"))
        form = DeclineForm(request.POST)
        if not form.is_valid():
            return self._moderation(request, proposal, form, status=400)
        try:
            services.decline(proposal, by=request.user,  # type: ignore[arg-type]
                             reason=form.cleaned_data["reason"])
        except services.NotPending:
            messages.warning(request, _("This proposal was already decided."))
        else:
            messages.success(request, _("Declined: the contributor will read your reason."))
        return HttpResponseRedirect(reverse("admin:contributions_proposal_changelist"))


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["at", "editor_name", "action", "title"]
    list_filter = ["action"]
    search_fields = ["title", "editor_name"]
    date_hierarchy = "at"

    def get_queryset(self, request: HttpRequest) -> "QuerySet[AuditEntry]":
        return super().get_queryset(request).select_related("proposal")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: AuditEntry | None = None
                              ) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: AuditEntry | None = None
                              ) -> bool:
        return False
