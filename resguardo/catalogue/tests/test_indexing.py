"""What the search index keeps of a resource (catalogue/indexing.py) and keeping it in step:
the document a resource becomes, only published resources found, a deleted one forgotten,
and a rebuild in batches that counts what it indexed and moves the catalogue's version."""

import pytest

from resguardo.catalogue import indexing
from resguardo.catalogue.models import Language, Resource
from resguardo.conftest import make_resource
from resguardo.search.query import parse
from resguardo.search.services import backend, index_version

pytestmark = pytest.mark.django_db


def found(words: str) -> set[int]:
    stemmers = sorted(set(Language.objects.exclude(stemmer="")
                          .values_list("stemmer", flat=True)))
    return set(backend().match(parse(words), stemmers))


def test_a_resource_becomes_a_document_of_three_ranked_fields_in_its_first_language():
    resource = make_resource("Alertas tempranas", summary="Guía breve",
                             full_text="Las comunidades vigilan su territorio.",
                             languages=["es", "en"], publishers=["Red de Defensoras"],
                             description="Para radios comunitarias.")
    document = indexing.document(Resource.objects.prefetch_related(
        "languages", "publishers").get(pk=resource.pk))
    assert document.id == resource.pk
    assert document.title == "Alertas tempranas"
    assert document.meta == "Guía breve\nRed de Defensoras"
    assert document.body == "Para radios comunitarias.\nLas comunidades vigilan su territorio."
    first = resource.languages.all()[0]
    assert document.algorithm == first.stemmer and first.stemmer in {"spanish", "english"}


def test_a_word_the_extraction_split_is_found_whole_as_the_reading_view_shows_it():
    resource = make_resource("Collective approach", full_text=(
        "Freedoms” (often a\n bbreviated as the\nUN Declaration on HRDs) did not e\n"
        " stablish a specific\ndefinition of a defender."))
    assert found("abbreviated") == {resource.pk} == found("establish")


def test_a_resource_without_a_language_is_indexed_without_stemming():
    resource = make_resource("Untitled notes", languages=["en"])
    resource.languages.clear()
    assert indexing.algorithm(resource) == ""


def test_only_published_resources_are_found_and_a_withdrawn_one_leaves_at_once():
    kept = make_resource("Radio patrols")
    draft = make_resource("Radio drafts", published=False)
    indexing.index([kept, draft])
    assert found("radio") == {kept.pk}
    kept.withdraw()
    kept.save()
    version = index_version()
    indexing.index([kept])
    assert found("radio") == set() and index_version() != version


def test_a_deleted_resource_is_forgotten():
    gone, stays = make_resource("Radio one"), make_resource("Radio two")
    version = index_version()
    indexing.forget([gone.pk])
    assert found("radio") == {stays.pk} and index_version() != version


def test_a_rebuild_indexes_every_published_resource_in_batches_and_only_those():
    published = [make_resource(f"Community radio {n}") for n in range(5)]
    make_resource("Community radio draft", published=False)
    backend().clear()
    assert found("radio") == set()
    version = index_version()
    assert indexing.rebuild(batch_size=2) == 5
    assert found("radio") == {r.pk for r in published}
    assert index_version() != version
