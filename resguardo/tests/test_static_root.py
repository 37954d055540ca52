"""What `resguardo setup` collects into the static root is what the site serves under
/static/: stylesheets, icons and scripts, never the project's own code. Django's
collectstatic copies every installed app's `static/` folder, so a Python package of that
name (the offline copy once lived in `exports/static/`) would be published file by file."""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

pytestmark = pytest.mark.django_db


# One test: collecting takes seconds (every file is compressed twice).
def test_the_static_root_holds_no_python_file_and_static_build_py_is_404(
        static_file: str) -> None:
    collected = [path for path in Path(settings.STATIC_ROOT).rglob("*") if path.is_file()]
    assert any(path.name.startswith("site.") for path in collected)  # it did collect
    assert [path for path in collected if ".py" in path.suffixes or path.suffix == ".pyc"] == []

    client = Client()
    assert client.get(static_file).status_code == 200
    for name in ("build.py", "links.py", "report.py", "rewrite.py", "__init__.py"):
        assert client.get(f"/static/{name}").status_code == 404, name
