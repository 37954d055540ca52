"""The resource workflows called directly (catalogue/services.py): what each writes, the
language it gives a resource, what the search index then finds, and when the catalogue's
version moves. The whole suite runs on SQLite and on PostgreSQL, so each search here runs
against both backends."""

import hashlib
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from resguardo.catalogue import services
from resguardo.catalogue.models import Language, Organisation, Resource, ResourceType, Theme
from resguardo.conftest import make_resource
from resguardo.ingest.services import Ingested
from resguardo.search.models import IndexState
from resguardo.search.query import parse
from resguardo.search.services import backend, index_version

pytestmark = pytest.mark.django_db

# Spanish prose: "amenaza" finds "amenazadas" only in a text indexed as Spanish.
SPANISH = ("Las defensoras comunitarias organizan redes de alerta temprana y acompañan a "
           "las comunidades amenazadas.")


def found(words: str) -> set[int]:
    """Ids the search index finds for `words`, read in every language there is."""
    stemmers = sorted(set(Language.objects.exclude(stemmer="")
                          .values_list("stemmer", flat=True)))
    return set(backend().match(parse(words), stemmers))


def generation() -> int:
    state = IndexState.objects.filter(pk=1).first()
    return state.generation if state else 0


def read_file(text: str = SPANISH, *, language: str = "es", date: str = "2019-05-02",
              title: str = "Title the file gives itself") -> Ingested:
    """What ingestion returns for a text file it read and stored (the sandbox is ingest's
    own tests' business)."""
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Ingested(name=f"resources/{sha[:2]}/{sha}.txt", format="text",
                    size=len(text.encode()), sha256=sha, source_sha256="0" * 64, text=text,
                    pages=None, title=title, author="Someone", date=date,
                    language=language, removed=["author"])


def fields(title: str = "Community alert networks", **more: object) -> dict[str, object]:
    return {"title": title, "slug": title.lower().replace(" ", "-"),
            "resource_type": ResourceType.objects.get(slug="guides-manuals"), **more}


# create_resource ------------------------------------------------------------------------

def test_a_new_published_resource_is_written_dated_and_found():
    themes = list(Theme.objects.order_by("pk")[:2])
    publisher = Organisation.objects.create(name="Front Line Defenders", slug="fld")
    before = generation()
    resource = services.create_resource(fields=fields(
        summary="Early warning among neighbours.", status=Resource.Status.PUBLISHED,
        countries=["CO"], themes=themes, languages=[Language.objects.get(code="en")],
        publishers=[publisher]))
    resource.refresh_from_db()
    assert resource.summary == "Early warning among neighbours."
    assert [c.code for c in resource.countries] == ["CO"]  # type: ignore[attr-defined]
    assert set(resource.themes.all()) == set(themes)
    assert [lang.code for lang in resource.languages.all()] == ["en"]
    assert resource.published_at is not None
    assert found("neighbours") == {resource.pk}
    assert found("Front Line Defenders") == {resource.pk}  # the publisher, with the summary
    assert generation() == before + 1


def test_a_new_draft_is_not_found_and_leaves_the_catalogues_version():
    make_resource("Already published")
    version = index_version()
    draft = services.create_resource(fields=fields(summary="Neighbours", status="draft"))
    assert Resource.objects.get(pk=draft.pk).published_at is None
    assert found("neighbours") == set()
    # A contributor's proposal is one: anyone may send one, and kept pages stay valid.
    assert index_version() == version


def test_the_file_read_fills_the_record_and_gives_its_language_when_none_was_given():
    # No language chosen, as a proposal sends it: the file's comes after that empty list.
    resource = services.create_resource(
        fields=fields("Redes de alerta", status="published", languages=[]),
        ingested=read_file())
    resource.refresh_from_db()
    assert (resource.file.name, resource.file_format) == (read_file().name, "text")
    assert resource.full_text == SPANISH and resource.file_sha256 == read_file().sha256
    assert resource.source_sha256 == "0" * 64 and resource.extracted_at is not None
    assert resource.file_facts["author"] == "Someone"
    # Offered to the editor, never copied over the record; the year only where it has none.
    assert resource.title == "Redes de alerta" and resource.year == 2019
    assert [lang.code for lang in resource.languages.all()] == ["es"]
    # Indexed as Spanish, so after the language was set: an inflected form finds it.
    assert found("amenaza") == {resource.pk}


def test_the_languages_given_win_over_the_files_and_the_year_given_over_its_date():
    resource = services.create_resource(ingested=read_file(), fields=fields(
        year=2021, languages=[Language.objects.get(code="pt")]))
    resource.refresh_from_db()
    assert [lang.code for lang in resource.languages.all()] == ["pt"]
    assert resource.year == 2021


def test_a_file_in_a_language_the_library_does_not_have_sets_none():
    resource = services.create_resource(fields=fields(), ingested=read_file(language="xx"))
    assert not resource.languages.exists()


# update_resource and attach_file ---------------------------------------------------------

def test_an_update_writes_the_fields_replaces_the_relations_and_reindexes():
    resource = make_resource("Old title", summary="About radios", themes=["digital-security"])
    before = generation()
    other = Theme.objects.exclude(slug="digital-security").order_by("pk").first()
    services.update_resource(resource=resource, fields={
        "title": "Community radio networks", "themes": [other]})
    resource.refresh_from_db()
    assert resource.title == "Community radio networks"
    assert list(resource.themes.all()) == [other]
    assert found("community radio") == {resource.pk}
    assert generation() == before + 1


def test_an_update_to_draft_takes_the_resource_out_of_search():
    resource = make_resource("Community radio networks")
    assert found("radio") == {resource.pk}
    version = index_version()
    services.update_resource(resource=resource, fields={"status": Resource.Status.DRAFT})
    assert found("radio") == set()
    assert index_version() != version


def test_an_unsaved_resource_as_an_admin_form_gives_it_is_created():
    resource = Resource(**{name: value for name, value in fields().items()})
    resource.status = Resource.Status.PUBLISHED
    services.update_resource(resource=resource, fields={
        "languages": [Language.objects.get(code="en")]}, ingested=read_file(language="es"))
    assert resource.pk is not None and resource.published_at is not None
    assert [lang.code for lang in resource.languages.all()] == ["en"]
    assert found("defensoras") == {resource.pk}


def test_attaching_a_file_makes_its_text_searchable_and_keeps_the_languages():
    resource = make_resource("Redes de alerta", languages=["es"])
    services.attach_file(resource=resource, ingested=read_file(language="en"))
    resource.refresh_from_db()
    assert resource.full_text == SPANISH
    assert [lang.code for lang in resource.languages.all()] == ["es"]
    assert found("amenaza") == {resource.pk}  # indexed in the resource's own language


def test_attaching_a_file_to_a_resource_without_a_language_gives_it_the_files():
    resource = make_resource("Redes de alerta", languages=["xx"])  # none: no such code
    assert not resource.languages.exists()
    services.attach_file(resource=resource, ingested=read_file())
    assert [lang.code for lang in resource.languages.all()] == ["es"]
    assert found("amenaza") == {resource.pk}


def test_without_index_nothing_is_found_until_the_resources_are_indexed_together():
    first = services.create_resource(fields=fields("Radio one", status="published"),
                                     index=False)
    second = services.create_resource(fields=fields("Radio two", status="published"),
                                      index=False)
    before = generation()
    assert found("radio") == set()
    services.index_resources(resources=[first, second])
    assert found("radio") == {first.pk, second.pk}
    assert generation() == before + 1


# publish and withdraw --------------------------------------------------------------------

def test_publishing_dates_the_first_publication_and_moves_the_version_once():
    drafts = [make_resource(f"Radio guide {n}", published=False) for n in range(3)]
    assert found("radio") == set()
    before = generation()
    services.publish(resources=drafts)
    assert found("radio") == {r.pk for r in drafts}
    assert generation() == before + 1  # one change for the whole selection
    assert all(Resource.objects.get(pk=r.pk).published_at for r in drafts)


def test_withdrawing_takes_the_resource_out_and_publishing_again_keeps_its_date():
    resource = make_resource("Community radio networks")
    dated = timezone.now() - timedelta(days=30)
    Resource.objects.filter(pk=resource.pk).update(published_at=dated)
    resource.refresh_from_db()
    version = index_version()
    [withdrawn] = services.withdraw(resources=[resource])
    assert withdrawn.status == Resource.Status.WITHDRAWN and found("radio") == set()
    assert index_version() != version
    version = index_version()
    services.publish(resources=Resource.objects.filter(pk=resource.pk))
    assert found("radio") == {resource.pk} and index_version() != version
    published_at = Resource.objects.get(pk=resource.pk).published_at
    assert isinstance(published_at, datetime) and published_at == dated


# link_versions ---------------------------------------------------------------------------

def test_linking_makes_one_work_of_the_first_and_brings_each_ones_versions():
    english = make_resource("Collective protection guide", languages=["en"])
    spanish = make_resource("Guía de protección colectiva", languages=["es"])
    french = make_resource("Guide de protection collective", languages=["fr"])
    portuguese = make_resource("Guia de proteção coletiva", languages=["pt"])
    services.link_versions(resources=[spanish, french])  # French joins the Spanish work
    version = index_version()
    services.link_versions(resources=[english, portuguese, spanish])
    keys = set(Resource.objects.filter(pk__in=[english.pk, spanish.pk, french.pk,
                                               portuguese.pk])
               .values_list("translation_key", flat=True))
    assert keys == {english.translation_key}  # French came along with the Spanish
    assert {v.pk for v in english.other_versions()} == {spanish.pk, french.pk, portuguese.pk}
    # Only a resource's own page (never a kept one) lists its versions.
    assert index_version() == version


def test_linking_one_resource_or_none_changes_nothing():
    resource = make_resource("Collective protection guide")
    key = resource.translation_key
    services.link_versions(resources=[resource])
    services.link_versions(resources=[])
    assert Resource.objects.get(pk=resource.pk).translation_key == key


def _file(text: str, *, recording: bool) -> Ingested:
    sha = hashlib.sha256(text.encode() + bytes(recording)).hexdigest()
    return Ingested(name=f"resources/{sha[:2]}/{sha}.{'mp3' if recording else 'txt'}",
                    format="mp3" if recording else "text", size=1, sha256=sha,
                    source_sha256=sha, text="" if recording else text, pages=None,
                    media={"kind": "audio", "duration": 60.0} if recording else None)


@pytest.mark.django_db
def test_a_transcript_stays_with_recordings_and_never_passes_for_a_documents_text() -> None:
    resource = make_resource("Radio training")
    services.update_resource(resource=resource, ingested=_file("", recording=True))
    resource.full_text, resource.captions = "What was said.", "WEBVTT\n"
    resource.save()
    services.update_resource(resource=resource, ingested=_file("second take", recording=True))
    assert (resource.full_text, resource.captions) == ("What was said.", "WEBVTT\n")
    services.update_resource(resource=resource, ingested=_file("A written guide.", recording=False))
    assert (resource.full_text, resource.captions) == ("A written guide.", "")
    services.update_resource(resource=resource, ingested=_file("", recording=True))
    assert resource.full_text == ""  # the guide's text is no transcript
