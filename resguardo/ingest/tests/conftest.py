from pathlib import Path

import pytest


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Stored files and the data folder (its tmp/ with them) in the test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.MEDIA_ROOT)
