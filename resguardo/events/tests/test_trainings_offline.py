"""The offline copy (`resguardo export static`) holds the trainings pages; calendar files
need a server and are left out."""

from datetime import timedelta
from zipfile import ZipFile

import pytest
from django.utils import timezone

from resguardo.conftest import make_event, make_resource
from resguardo.events import services
from resguardo.exports.offline.build import export_static
from resguardo.exports.tests import linkcheck

pytestmark = pytest.mark.django_db


def test_the_offline_copy_holds_the_trainings_and_no_calendar_files(tmp_path, monkeypatch):
    monkeypatch.setattr(services, "PAST_SHOWN", 1)
    monkeypatch.setattr(services, "PAST_PAGE_SIZE", 1)
    now = timezone.now()
    recording = make_resource("Recording of the radio training")
    make_event("Radio webinar", slug="radio-webinar", starts_at=now + timedelta(days=3))
    make_event("Radio training", slug="radio-training", starts_at=now - timedelta(days=3),
               resources=[recording])
    make_event("Older training", slug="older-training", starts_at=now - timedelta(days=30))
    export_static(tmp_path / "copy.zip", languages=["en", "es"])

    archive = ZipFile(tmp_path / "copy.zip")
    names = set(archive.namelist())
    for language in ("en", "es"):
        assert {f"{language}/trainings/{name}" for name in (
            "index.html", "radio-webinar/index.html", "radio-training/index.html",
            "older-training/index.html", "past/index.html", "past/2/index.html")} <= names
    assert not [n for n in names if n.endswith(".ics")]
    assert linkcheck.broken(archive) == []
    index = archive.read("es/trainings/index.html").decode()
    assert ".ics" not in index and "text/calendar" not in index
    assert '<a href="radio-webinar/index.html"' in index
    past = archive.read("es/trainings/radio-training/index.html").decode()
    assert ".ics" not in past
    assert f'href="../../resources/{recording.slug}/index.html"' in past
