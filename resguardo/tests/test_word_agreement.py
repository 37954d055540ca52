"""A status word agrees with what it describes: in Spanish, French and Portuguese the same
English "published" is masculine for a resource or an event and feminine for a proposal or
a knowledge page, so each is translated in its own context (pgettext)."""

from django.utils.translation import override

from resguardo.catalogue.models import Resource
from resguardo.contact.models import Message
from resguardo.contributions.models import AuditEntry, Proposal
from resguardo.events.models import Event
from resguardo.pages.models import Page


def _published(language: str) -> dict[str, str]:
    with override(language):
        return {
            "resource": str(Resource.Status.PUBLISHED.label),
            "event": str(Event.Status.PUBLISHED.label),
            "proposal": str(Proposal.Status.PUBLISHED.label),
            "page": str(Page._meta.get_field("is_published").verbose_name),
            "date": str(Resource._meta.get_field("published_at").verbose_name),
        }


def test_published_agrees_with_what_was_published() -> None:
    assert _published("es") == {"resource": "publicado", "event": "publicado",
                                "proposal": "publicada", "page": "publicada",
                                "date": "fecha de publicación"}
    assert _published("fr") == {"resource": "publiée", "event": "publié",
                                "proposal": "publiée", "page": "publiée",
                                "date": "date de publication"}
    assert _published("pt") == {"resource": "publicado", "event": "publicado",
                                "proposal": "publicada", "page": "publicada",
                                "date": "data de publicação"}


def test_what_an_editor_did_reads_as_a_verb() -> None:
    entry = AuditEntry(editor_name="ana", action="declined", title="Guía")
    with override("es"):
        assert str(entry) == "ana rechazó “Guía”"
    with override("fr"):
        assert str(entry) == "ana a refusé «\u00a0Guía\u00a0»"
    with override("pt"):
        assert str(Proposal.Status.DECLINED.label) == "recusada"
        assert str(Message.Status.NEW.label) == "nova"  # a mensagem
