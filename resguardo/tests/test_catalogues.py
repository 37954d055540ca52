"""Every interface catalogue is complete: each string the code marks for translation is in
every language's catalogue, translated (no empty or fuzzy entry), with its placeholders
intact, and the compiled `.mo` says the same as the `.po` it was made from.

The comparison with the code runs Django's `makemessages` (GNU gettext's xgettext) over a
copy of the package, so a string added to a template or a view without a translation fails
here, not in front of a reader.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from resguardo.tests.browser import missing

PACKAGE = Path(settings.BASE_DIR)
LOCALE = PACKAGE / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{?\s*\w+\s*\}?\}")


def catalogue(code: str) -> polib.POFile:
    path = LOCALE / code / "LC_MESSAGES" / "django.po"
    assert path.is_file(), f"{path} is missing"
    return polib.pofile(str(path))


def _entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(code: str) -> None:
    po = catalogue(code)
    untranslated = [e.msgid for e in _entries(po) if not e.translated()]
    fuzzy = [e.msgid for e in _entries(po) if "fuzzy" in e.flags]
    assert not untranslated, f"{code}: untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{code}: fuzzy: {fuzzy[:10]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_translations_keep_their_placeholders(code: str) -> None:
    wrong = []
    for entry in _entries(catalogue(code)):
        if entry.msgid_plural:
            # Each form names only what the English forms name (the form for one may leave
            # the count out, as "the next one" does).
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            wrong += [(entry.msgid, text) for text in entry.msgstr_plural.values()
                      if not set(PLACEHOLDER.findall(text)) <= allowed]
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != sorted(
                PLACEHOLDER.findall(entry.msgid)):
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, f"{code}: {wrong[:5]}"


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_compiled_catalogue_matches_its_source(code: str) -> None:
    po = catalogue(code)
    mo_path = LOCALE / code / "LC_MESSAGES" / "django.mo"
    assert mo_path.is_file(), f"{mo_path} is missing: run msgfmt (see docs/translating.md)"
    mo = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in polib.mofile(str(mo_path))}
    stale = [e.msgid for e in _entries(po)
             if mo.get((e.msgctxt, e.msgid)) != (e.msgstr, e.msgstr_plural)]
    assert not stale, f"{code}: django.mo is older than django.po: {stale[:5]}"


def test_every_string_the_code_marks_is_in_the_catalogues(tmp_path: Path) -> None:
    if not shutil.which("xgettext"):
        missing("GNU gettext is missing (apt-get install -y gettext)")
    copy = tmp_path / "resguardo"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns(
        "__pycache__", "*.mo", "static", "seeds", "node_modules"))
    # Settings whose catalogues are the copy's: makemessages writes there, never here.
    (tmp_path / "copy_settings.py").write_text(
        "from resguardo.settings import *  # noqa: F403\n"
        f"LOCALE_PATHS = [{str(copy / 'locale')!r}]\n")
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--all", "--no-location",
         "--extension=html,txt,py,xml",
         "--no-obsolete", "--ignore=*/tests/*", "--ignore=tests/*", "--ignore=conftest.py",
         "--settings=copy_settings"],
        cwd=copy, check=True, capture_output=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)})
    for code in TRANSLATED:
        ours = {(e.msgctxt, e.msgid) for e in _entries(catalogue(code))}
        extracted = {(e.msgctxt, e.msgid) for e in _entries(
            polib.pofile(str(copy / "locale" / code / "LC_MESSAGES" / "django.po")))}
        left_out = sorted(extracted - ours, key=str)
        assert not left_out, f"{code}: not in the catalogue: {left_out[:10]}"
