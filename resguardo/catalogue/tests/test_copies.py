"""The ways to get a resource and what each costs (catalogue.copies), and where the words for
a transfer time change unit (catalogue.sizes), called directly."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation

from resguardo.catalogue.copies import PAGE_OVERHEAD, Copies, Copy, copies
from resguardo.catalogue.sizes import transfer_time
from resguardo.conftest import make_resource


@pytest.mark.parametrize(("size", "words"), [
    (6_249, "under a second"),  # 0.99984 seconds
    (6_251, "about 2 seconds"),  # a second and a little: rounded up, never promised short
    (556_250, "about 89 seconds"),
    (562_500, "about 2 minutes"),  # 90 seconds exactly: minutes from here
    (33_743_750, "about 90 minutes"),  # 5,399 seconds
    (33_750_000, "about 2 hours"),  # 90 minutes exactly: hours from here
    (0, "under a second"),
])
def test_the_unit_changes_at_ninety_seconds_and_ninety_minutes(size, words):
    with translation.override("en"):
        assert transfer_time(size) == words


def _copies(file: int | None, text: int | None) -> Copies:
    return Copies(Copy("file", "/f", file) if file is not None else None,
                  Copy("text", "/t", text) if text is not None else None, None)


@pytest.mark.parametrize(("file", "text", "saving"), [
    (200_000, 10_000, 95),
    (200_000, 199_999, 0),  # rounded
    (100_000, 99_400, 1),
    (10_000, 20_000, 0),  # a text heavier than its file saves nothing, never less
    (0, 1_000, 0),  # a file of unknown size
    (None, 1_000, 0),
    (1_000, None, 0),
])
def test_the_saving_of_the_text_is_a_whole_percentage_never_below_zero(file, text, saving):
    assert _copies(file, text).text_saving == saving


def test_a_copy_says_its_size_and_time_in_words():
    copy = Copy("file", "/f", 600_000, format="PDF")
    with translation.override("en"):
        assert (copy.human_size, copy.time) == ("585.9\xa0KB", "about 2 minutes")


@pytest.fixture
def media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.django_db
def test_a_resource_without_file_or_text_has_no_copy():
    resource = make_resource("Bare")
    assert copies(resource, has_text=False) == Copies(None, None, None)
    assert copies(resource, has_text=True) == Copies(None, None, None)  # no parts in ""


@pytest.mark.django_db
def test_a_files_size_is_the_recorded_one_or_else_the_stored_one(media):
    resource = make_resource("Guide", file_format="pdf")
    resource.file.save("guide.pdf", ContentFile(b"x" * 1234), save=False)
    resource.file_size = 0
    file = copies(resource, has_text=False).file
    assert file is not None
    assert (file.kind, file.size, file.format) == ("file", 1234, "PDF")
    assert file.url == reverse("catalogue:file", args=[resource.slug])
    resource.file_size = 99
    assert copies(resource, has_text=False).file.size == 99  # type: ignore[union-attr]


@pytest.mark.django_db
def test_a_stored_file_gone_missing_is_a_copy_of_unknown_size(media):
    resource = make_resource("Guide")
    resource.file.name = "resources/gone.pdf"
    resource.file_size = None
    file = copies(resource, has_text=False).file
    assert file is not None and file.size == 0 and file.format == ""


@pytest.mark.django_db
def test_the_text_copy_costs_its_first_part_and_the_page_around_it():
    resource = make_resource("Long", full_text="\n\n".join(
        f"Paragraph {i} about community radio and its protocols." for i in range(40)))
    found = copies(resource, has_text=True)
    assert found.text is not None and found.txt is not None
    assert found.text.parts == 1
    assert PAGE_OVERHEAD < found.text.size < PAGE_OVERHEAD + 2_000
    assert (found.txt.kind, found.txt.format) == ("txt", "TXT")
    assert 0 < found.txt.size < len(resource.full_text)  # compressed
    assert copies(resource, has_text=False).text is None
