"""Every kind of page in every language, and the stylesheet, pass the Nu HTML Checker (vnu)
without an error.

All documents go to one Java run: the checker's start-up costs more than checking a page.
vnu.jar comes from package.json (`npm ci`); without it or Java the test is skipped, except in
CI (CI=true), where that is a failure.
"""

import json
import subprocess
from pathlib import Path

from django.conf import settings
from django.test import Client

from resguardo.tests.browser import INSTALL_CHECKERS, ROOT, VNU, require_file, require_java
from resguardo.tests.pages import PageType, in_language

STYLESHEET = ROOT / "resguardo" / "static" / "css" / "site.css"


def _write_pages(pages: list[PageType], folder: Path) -> dict[str, str]:
    """Each page in each language as a file named after its place in the list; returns
    file name -> page."""
    names = {}
    for code, _name in settings.LANGUAGES:
        client = Client(raise_request_exception=False, headers={"accept-language": code})
        for n, page in enumerate(pages):
            path = in_language(page, code)
            response = client.get(path)
            assert response.status_code == page.status, (page, response.status_code)
            name = f"page-{code}-{n:02d}.html"
            (folder / name).write_bytes(response.content)
            names[name] = f"{page.name} ({path})"
    return names


def _vnu_errors(java: str, vnu: Path, files: list[Path]) -> list[dict]:
    checked = subprocess.run(
        # A short run: the quick compiler alone starts faster; the schema's deep recursion
        # then needs a bigger thread stack than the default.
        [java, "-XX:TieredStopAtLevel=1", "-Xss8m", "-jar", str(vnu), "--format", "json",
         "--errors-only", "--stdout", "--also-check-css", "--no-langdetect",
         *map(str, files)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert checked.stdout, f"vnu printed nothing (exit {checked.returncode}): {checked.stderr}"
    return json.loads(checked.stdout)["messages"]


def test_every_kind_of_page_and_the_stylesheet_pass_the_nu_html_checker(
    every_page_type, tmp_path
):
    java, vnu = require_java(), require_file(VNU, INSTALL_CHECKERS)
    names = _write_pages(every_page_type, tmp_path)
    names[STYLESHEET.name] = str(STYLESHEET.relative_to(ROOT))
    errors = _vnu_errors(java, vnu, [*sorted(tmp_path.glob("page-*.html")), STYLESHEET])
    found = [
        f"{names.get(Path(e.get('url', '?')).name, e.get('url'))}, line {e.get('lastLine', '?')}: "
        f"{e['message']}\n    {e.get('extract', '').strip()!r}"
        for e in errors
    ]
    assert not found, "vnu found errors:\n" + "\n".join(found)
