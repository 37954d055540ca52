from pathlib import Path

import pytest


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Stored files and the data folder (its tmp/ with them) in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture(scope="session")
def recordings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One recording of each format we take, tagged, made once for the session (~10 s)."""
    from resguardo.ingest.tests.recordings import make_all

    return make_all(tmp_path_factory.mktemp("recordings"))
