"""Editors see each background job, its state and why a failed one failed, in their
language; on a recording's record, the state of its light versions (issue 15)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from resguardo.catalogue import light
from resguardo.conftest import make_resource

pytestmark = pytest.mark.django_db


def _recording_with_a_failed_job():  # type: ignore[no-untyped-def]
    resource = make_resource("Radio training", file_sha256="a" * 64,
                             file_facts={"media": {"kind": "audio", "duration": 60.0}})
    light.request(resource)
    job = DBTaskResult.objects.get()
    job.claim("worker-1")
    try:
        raise RuntimeError("Invalid data found when processing input")
    except RuntimeError as error:
        job.set_failed(error)
    return resource


def test_editors_see_each_job_its_state_and_why_it_failed(editor_client) -> None:
    _recording_with_a_failed_job()
    waiting = make_resource("Video of a patrol", file_sha256="b" * 64,
                            file_facts={"media": {"kind": "video", "width": 640}})
    light.request(waiting)
    with translation.override("es"):
        page = editor_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"),
                                 HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Trabajos en segundo plano" in page  # the list, named in the editor's language
    assert "Versiones ligeras de «Radio training»" in page
    assert "fallido" in page
    assert "Invalid data found when processing input" in page
    assert "Video of a patrol" in page


def test_a_recordings_record_says_why_its_light_versions_are_missing(editor_client) -> None:
    resource = _recording_with_a_failed_job()
    page = editor_client.get(reverse("admin:catalogue_resource_change", args=[resource.pk])
                             ).content.decode()
    assert "The job failed: RuntimeError: Invalid data found when processing input" in page


def test_a_job_cannot_be_changed_or_added_by_an_editor(editor_client) -> None:
    _recording_with_a_failed_job()
    job = DBTaskResult.objects.get()
    assert editor_client.get(reverse("admin:django_tasks_database_dbtaskresult_add")
                             ).status_code == 403
    page = editor_client.get(reverse("admin:django_tasks_database_dbtaskresult_change",
                                     args=[job.pk])).content.decode()
    assert "failed" in page and 'type="submit" value="Save"' not in page
