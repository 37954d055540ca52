import re
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from resguardo.catalogue import places, transcripts, world_languages
from resguardo.catalogue.models import Language, Region, ResourceType, Strategy, Theme
from resguardo.catalogue.world_languages import WorldLanguage
from resguardo.contributions.models import Proposal
from resguardo.ingest.base import Refused
from resguardo.lib.antispam import HumanCheckForm

_CHECKBOXES = forms.CheckboxSelectMultiple
T = TypeVar("T")


class ProposalForm(HumanCheckForm, forms.Form):
    """What a contributor sends. Nothing here identifies them unless they choose to add a
    way to reach them."""

    url = forms.URLField(
        label=_("Link to the resource"), required=False, max_length=1000, assume_scheme="https",
        help_text=_("Where it can be read or downloaded, if it is online."))
    upload = forms.FileField(
        label=_("Or a file"), required=False,
        help_text=_("PDF, Word, OpenDocument, EPUB, HTML, Markdown or plain text, or a "
                    "recording (MP3, AAC/M4A, Ogg, Opus, FLAC, WAV, AMR, 3GP, MP4, WebM, "
                    "MOV). Names of authors and other hidden details are removed from the "
                    "file before it is kept."))
    transcript = forms.FileField(
        label=_("A transcript or subtitles (optional)"), required=False,
        help_text=_("For a recording: what is said in it, as plain text, SRT or WebVTT "
                    "subtitles saved as UTF-8. Readers can then read it, and find it by its "
                    "words."))
    title = forms.CharField(label=_("Title"), max_length=500)
    summary = forms.CharField(
        label=_("What is it about?"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences: who it is for and what it helps to do."))
    resource_type = forms.ModelChoiceField(
        label=_("Type"), queryset=ResourceType.objects.all(), empty_label=_("Choose a type"))
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False, widget=_CHECKBOXES)
    works = forms.ModelMultipleChoiceField(
        label=_("What works: strategies it shows"), required=False, widget=_CHECKBOXES,
        queryset=Strategy.objects.filter(group=Strategy.Group.WORKS))
    needed = forms.ModelMultipleChoiceField(
        label=_("What is needed: strategies it supports"), required=False, widget=_CHECKBOXES,
        queryset=Strategy.objects.filter(group=Strategy.Group.NEEDED))
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages"), queryset=Language.objects.none(), required=False,
        widget=_CHECKBOXES)
    other_languages = forms.CharField(
        label=_("Another language"), max_length=300, required=False,
        help_text=_("Its name or its ISO 639-3 code, for example K'iche' or quc; separate "
                    "several with commas."))
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"), queryset=Region.objects.all(), required=False, widget=_CHECKBOXES)
    # Typed rather than chosen from 249 countries: a list that long weighs more than the
    # whole page may, and a phone's keyboard finds a name faster than its scrolling does.
    countries = forms.CharField(
        label=_("Countries"), max_length=300, required=False,
        help_text=_("Their names or two-letter codes, for example Guatemala or GT; separate "
                    "several with commas."))
    publisher = forms.CharField(
        label=_("Who published it?"), max_length=300, required=False,
        help_text=_("An organisation or community, if it can be named safely."))
    permission = forms.CharField(
        label=_("Licence or permission"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example “CC BY 4.0”, or “The authors allow it to be shared”."))
    risk = forms.ChoiceField(
        label=_("Does this resource show people, places or community names that could put "
                "anyone at risk?"),
        choices=Proposal.Risk.choices, widget=forms.RadioSelect,
        help_text=_("The editors read your answer before anything is published."))
    risk_details = forms.CharField(
        label=_("If so, what should the editors look at?"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}))
    contact = forms.CharField(
        label=_("A way to reach you (optional)"), max_length=500, required=False,
        help_text=_("Only if you want the editors to be able to ask you something: an "
                    "e-mail address, a phone number or anything else. It is deleted after "
                    "the editors decide. You do not need it to follow your proposal."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Terms named in the reader's language: the querysets are made per form, once the
        # request's language is active (a class attribute would keep the first one's).
        for name, model in (("resource_type", ResourceType), ("themes", Theme),
                            ("regions", Region)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = model.objects.localized()
        for name, group in (("works", Strategy.Group.WORKS), ("needed", Strategy.Group.NEEDED)):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = Strategy.objects.localized().filter(group=group)
        languages = self.fields["languages"]
        assert isinstance(languages, forms.ModelChoiceField)
        languages.queryset = world_languages.offered()

    def clean_other_languages(self) -> list[WorldLanguage]:
        return _each_named(self.cleaned_data["other_languages"], lambda name: [
            (m, f"{m.name_in(get_language())} ({m.code})")
            for m in world_languages.find(name, get_language())], gettext(
            "We do not know a language called “%(name)s”: write its name in English or in "
            "your language, or its ISO 639-3 code."))

    def clean_countries(self) -> list[str]:
        language = get_language()
        return _each_named(self.cleaned_data["countries"], lambda name: [
            (code, f"{label} ({code})")
            for code, label, _c in places.named(places.find(name, language), language)], gettext(
            "We do not know a country called “%(name)s”: write its name in English or in "
            "your language, or its two-letter code."))

    def clean_transcript(self) -> transcripts.Transcript | None:
        """Read before anything is stored: a refused transcript keeps the proposal out."""
        given = self.cleaned_data.get("transcript")
        if not given:
            return None
        try:
            return transcripts.read(given)
        except Refused as refusal:
            raise forms.ValidationError(str(refusal.reason), code=refusal.code) from None

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("url") and not cleaned.get("upload") and not self.has_error("url"):
            self.add_error("url", _("Give a link or choose a file."))
        if not self.errors:  # a language is added to the table only with a proposal
            cleaned["strategies"] = [*cleaned.pop("works", []), *cleaned.pop("needed", [])]
            cleaned["languages"] = [*cleaned.get("languages", []), *(
                world_languages.language_row(language)
                for language in cleaned.pop("other_languages", []))]
        return cleaned


def _each_named(text: str, find: Callable[[str], list[tuple[T, str]]], unknown: str
                ) -> list[T]:
    """The values the comma-separated names in `text` stand for: `find` gives each name's
    candidates, as (value, how to write it)."""
    found = []
    for name in filter(None, (n.strip() for n in re.split(r"[,;]", text))):
        matches = find(name)
        if not matches:
            raise forms.ValidationError(unknown % {"name": name})
        if len(matches) > 1:
            raise forms.ValidationError(_(
                "“%(name)s” could be %(choices)s: write the one you mean, or its code.") % {
                "name": name, "choices": ", ".join(written for _v, written in matches)})
        found.append(matches[0][0])
    return list(dict.fromkeys(found))


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Reference code"), max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "autocapitalize": "characters"}),
        help_text=_("The code you were given when you sent your proposal, for example "
                    "ABCD-EFGH-JKLM-NPQR."))


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the contributor"), max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}))
