"""`resguardo reindex` reads every stored file again, resumes an interrupted run, and lists
the files it could not read at the end."""

import json
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from resguardo.catalogue import services
from resguardo.conftest import make_resource
from resguardo.ingest.tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    made = []
    for n, make in enumerate((files.pdf, files.docx)):
        resource = make_resource(f"Guide {n}")
        with make(tmp_path / f"source{n}").open("rb") as upload:
            services.attach_file(resource=resource,
                                 ingested=services.ingest_file(upload, for_resource=resource))
        resource.full_text = "stale text"
        resource.save()
        made.append(resource)
    return made


def reindex(*args: str) -> tuple[str, str, bool]:
    out, err = StringIO(), StringIO()
    try:
        call_command("reindex", *args, stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue() + str(error), False
    return out.getvalue(), err.getvalue(), True


def test_every_file_is_read_again(library) -> None:  # type: ignore[no-untyped-def]
    out, err, ok = reindex()
    assert ok and "2 files read again." in out and "could not" not in out, out + err
    assert "Reading files" in err
    for resource in library:
        resource.refresh_from_db()
        assert resource.full_text != "stale text" and resource.source_sha256


def test_an_interrupted_run_resumes_and_failures_are_listed_at_the_end(
        library, settings) -> None:  # type: ignore[no-untyped-def]
    done, broken = library
    started = timezone.now() - timedelta(minutes=5)
    state = Path(settings.DATA_DIR) / "reindex.json"
    state.write_text(json.dumps({"started": started.isoformat()}))
    done.extracted_at = timezone.now()  # read before the interruption
    done.save()
    broken.extracted_at = started - timedelta(days=1)  # not yet
    broken.save()
    (Path(settings.MEDIA_ROOT) / broken.file.name).write_bytes(b"\x00" * 100)

    out, _err, ok = reindex()
    assert not ok
    assert "Resuming the run started" in out
    assert "0 files read again." in out and "1 file could not be read again:" in out
    assert f"  {broken.slug}: " in out
    done.refresh_from_db()
    assert done.full_text == "stale text"  # not read twice
    assert not state.exists()
