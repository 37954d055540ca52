"""Django's own interface strings in the variant of a language that our catalogues use.

Our Portuguese is Brazilian (docs/glossary.md), but under the code `pt` Django and the apps
it installs (the admin, auth, django-countries, django-otp) find their European Portuguese
catalogues: editors read "Utilizador" and "Palavra-passe" beside our "usuário" and "senha".
The installed packages also ship `pt_BR` catalogues, compiled. `resguardo setup` merges
them, in Django's own order of precedence, into DATA_DIR/locale/pt/LC_MESSAGES/, which
LOCALE_PATHS places above the packages' catalogues and below ours, under the same code and
URL prefix. Nothing is downloaded or copied by hand, and a newer Django brings its strings
at the next `setup`.

polib reads and writes the `.mo` files. Entries are merged whole, keyed by context, msgid
and plural msgid, so contexts and plurals survive."""

import gettext
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import django
import polib
from django.apps import apps
from django.conf import settings

# Our code -> the variant whose catalogues speak like ours.
VARIANTS = {"pt": "pt_BR"}
DOMAINS = ("django", "djangojs")  # djangojs: the admin's date and time widgets
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


def folder() -> Path:
    return Path(settings.DATA_DIR) / "locale"  # the last of LOCALE_PATHS (settings.py)


def write_variants(target: Path | None = None) -> list[Path]:
    """Write each variant's merged catalogues under `target`; returns the files written."""
    written = []
    for code, variant in VARIANTS.items():
        for domain in DOMAINS:
            found = [path for path in _sources(variant, domain) if path.is_file()]
            if found:
                out = (target or folder()) / code / "LC_MESSAGES" / f"{domain}.mo"
                write_mo(out, merge(polib.mofile(str(path)) for path in found))
                written.append(out)
    return written


def _sources(variant: str, domain: str) -> list[Path]:
    """The packages' catalogues, the weakest first: Django's own, then the installed apps,
    an app listed earlier in INSTALLED_APPS winning over a later one (as Django does)."""
    folders = [Path(django.__file__).parent / "conf" / "locale",
               *(Path(app.path) / "locale" for app in reversed(list(apps.get_app_configs())))]
    return [folder / variant / "LC_MESSAGES" / f"{domain}.mo" for folder in folders]


def merge(catalogues: Iterable[polib.MOFile]) -> polib.MOFile:
    """Later catalogues win. The header, and with it the plural rule, is the first's; a
    later catalogue counting its plural forms by another rule has them rearranged."""
    merged: polib.MOFile | None = None
    entries: dict[tuple[str | None, str, str | None], polib.MOEntry] = {}
    for catalogue in catalogues:
        if merged is None:
            merged = polib.MOFile(encoding=catalogue.encoding)
            merged.metadata = dict(catalogue.metadata)
        forms = _form_map(_plural_forms(catalogue), _plural_forms(merged))
        for entry in catalogue:
            if entry.msgid and _whole(entry):
                if entry.msgid_plural:
                    entry.msgstr_plural = forms(entry.msgstr_plural)
                entries[entry.msgctxt, entry.msgid, entry.msgid_plural] = entry
    merged = merged if merged is not None else polib.MOFile()
    merged.extend(entries.values())
    return merged


def _whole(entry: polib.MOEntry) -> bool:
    """False for a plural entry whose plural forms lose a placeholder of the English plural:
    a broken translation (django-otp's pt_BR splits one sentence across its two forms),
    left out so that the catalogue below answers."""
    if not entry.msgid_plural:
        return True
    needed = set(PLACEHOLDER.findall(entry.msgid_plural))
    return all(needed <= set(PLACEHOLDER.findall(form))
               for index, form in entry.msgstr_plural.items() if index > 0)


def _form_map(source: str, target: str) -> Callable[[dict[int, str]], dict[int, str]]:
    """For each of the target rule's forms, the source's form for a number that takes it."""
    rules = [gettext.c2py(_plural_field(forms, "plural") or "n != 1")
             for forms in (source, target)]
    numbers = [*range(1001), 10**6, 2 * 10**6]
    picks = [next(rules[0](n) for n in numbers if rules[1](n) == form)
             for form in range(int(_plural_field(target, "nplurals") or 2))]

    def rearranged(translation: dict[int, str]) -> dict[int, str]:
        given = [translation[index] for index in sorted(translation)]
        return {form: given[min(pick, len(given) - 1)] for form, pick in enumerate(picks)}
    return rearranged


def _plural_forms(catalogue: polib.MOFile) -> str:
    return str(catalogue.metadata.get("Plural-Forms", ""))


def _plural_field(forms: str, name: str) -> str:
    found = re.search(name + r"\s*=\s*([^;\n]+)", forms)
    return found.group(1).strip() if found else ""


def write_mo(path: Path, catalogue: polib.MOFile) -> None:
    """Written beside its name and renamed, so a reader never sees half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    catalogue.save(str(partial))
    os.replace(partial, path)
