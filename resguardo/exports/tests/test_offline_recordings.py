"""An offline copy made `--with-files` carries a recording's light versions, which its page
plays offline, and the recording as it was sent only when asked (issue 15)."""

import os
import shutil
from pathlib import Path
from zipfile import ZipFile

import pytest

from resguardo.catalogue.models import LightVersion
from resguardo.catalogue.tests.recordings import make_recording, with_recording
from resguardo.exports.offline.build import export_static
from resguardo.exports.tests import linkcheck

pytestmark = pytest.mark.django_db

if not shutil.which("ffmpeg") and os.environ.get("CI") != "true":
    pytest.skip("ffmpeg is not installed", allow_module_level=True)


@pytest.fixture
def recording(settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "files"
    resource = with_recording(make_recording(tmp_path / "talk.mp3"))
    from resguardo.catalogue import light

    light.make_light_versions.call(resource.pk, resource.file_sha256)
    return resource, LightVersion.objects.get(resource=resource)


def test_the_copy_carries_the_light_audio_and_plays_it_but_not_the_original(
        recording, tmp_path) -> None:
    resource, version = recording
    export_static(tmp_path / "copy.zip", with_files=True, languages=["en"])
    archive = ZipFile(tmp_path / "copy.zip")
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert files == [f"files/{version.file.name}"]
    page = archive.read(f"en/resources/{resource.slug}/index.html").decode()
    assert f'<audio controls preload="none" src="../../../files/{version.file.name}">' in page
    assert "Download the original recording <span class=\"note\">(the file is not in this " \
           "offline copy)</span>" in page
    assert linkcheck.broken(archive) == []


def test_asked_for_the_copy_carries_the_original_too(recording, tmp_path) -> None:
    resource, version = recording
    export_static(tmp_path / "copy.zip", with_files=True, originals=True, languages=["en"])
    files = {n for n in ZipFile(tmp_path / "copy.zip").namelist() if n.startswith("files/")}
    assert files == {f"files/{version.file.name}", f"files/{resource.file.name}"}
