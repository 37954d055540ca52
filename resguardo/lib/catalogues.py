"""Django's own interface strings in the variant of a language that our catalogues use.

Our Portuguese is Brazilian (docs/glossary.md), but under the code `pt` Django and the apps
it installs (the admin, auth, django-countries, django-otp) find their European Portuguese
catalogues: editors read "Utilizador" and "Palavra-passe" beside our "usuário" and "senha".
The installed packages also ship `pt_BR` catalogues, compiled. `resguardo setup` merges
them, in Django's own order of precedence, into DATA_DIR/locale/pt/LC_MESSAGES/, which
LOCALE_PATHS places above the packages' catalogues and below ours, under the same code and
URL prefix. Nothing is downloaded or copied by hand, and a newer Django brings its strings
at the next `setup`.

A `.mo` file is a table of (original, translation) byte strings: a plural entry's original
is "singular NUL plural" and its translation the forms joined by NUL, a context's original
"context EOT msgid". Entries are merged whole, so contexts and plurals survive."""

import gettext
import os
import re
import struct
from collections.abc import Callable, Iterable
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings

# Our code -> the variant whose catalogues speak like ours.
VARIANTS = {"pt": "pt_BR"}
DOMAINS = ("django", "djangojs")  # djangojs: the admin's date and time widgets
MAGIC = 0x950412DE
PLACEHOLDER = re.compile(rb"%\(\w+\)[sdif]|%[sdif]")
HEADER = 7 * 4  # magic, revision, count, two table offsets, hash size and offset


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
                write_mo(out, merge(read_mo(path) for path in found))
                written.append(out)
    return written


def _sources(variant: str, domain: str) -> list[Path]:
    """The packages' catalogues, the weakest first: Django's own, then the installed apps,
    an app listed earlier in INSTALLED_APPS winning over a later one (as Django does)."""
    folders = [Path(django.__file__).parent / "conf" / "locale",
               *(Path(app.path) / "locale" for app in reversed(list(apps.get_app_configs())))]
    return [folder / variant / "LC_MESSAGES" / f"{domain}.mo" for folder in folders]


def merge(catalogues: Iterable[dict[bytes, bytes]]) -> dict[bytes, bytes]:
    """Later catalogues win. The header, and with it the plural rule, is the first's; a
    later catalogue counting its plural forms by another rule has them rearranged."""
    merged: dict[bytes, bytes] = {}
    for entries in catalogues:
        if not merged:
            merged[b""] = entries.get(b"", b"")
        forms = _form_map(entries.get(b"", b""), merged[b""])
        merged.update((original, forms(translation) if b"\0" in original else translation)
                      for original, translation in entries.items()
                      if original and _whole(original, translation))
    return merged


def _whole(original: bytes, translation: bytes) -> bool:
    """False for a plural entry whose plural forms lose a placeholder of the English plural:
    a broken translation (django-otp's pt_BR splits one sentence across its two forms),
    left out so that the catalogue below answers."""
    if b"\0" not in original:
        return True
    needed = set(PLACEHOLDER.findall(original.split(b"\0")[1]))
    return all(needed <= set(PLACEHOLDER.findall(form))
               for form in translation.split(b"\0")[1:])


def _form_map(source: bytes, target: bytes) -> Callable[[bytes], bytes]:
    """For each of the target rule's forms, the source's form for a number that takes it."""
    rules = [gettext.c2py(_plural_rule(header)) for header in (source, target)]
    numbers = [*range(1001), 10**6, 2 * 10**6]
    picks = [next(rules[0](n) for n in numbers if rules[1](n) == form)
             for form in range(_plural_count(target))]

    def rearranged(translation: bytes) -> bytes:
        given = translation.split(b"\0")
        return b"\0".join(given[min(pick, len(given) - 1)] for pick in picks)
    return rearranged


def _plural_field(header: bytes, name: bytes) -> bytes:
    found = re.search(rb"Plural-Forms:.*?" + name + rb"\s*=\s*([^;\n]+)", header)
    return found.group(1).strip() if found else b""


def _plural_rule(header: bytes) -> str:
    return _plural_field(header, b"plural").decode() or "n != 1"


def _plural_count(header: bytes) -> int:
    return int(_plural_field(header, b"nplurals") or 2)


def read_mo(path: Path) -> dict[bytes, bytes]:
    data = path.read_bytes()
    order = "<" if struct.unpack("<I", data[:4])[0] == MAGIC else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])

    def string(table: int, index: int) -> bytes:
        length, offset = struct.unpack_from(order + "2I", data, table + 8 * index)
        return data[offset:offset + length]

    return {string(originals, i): string(translations, i) for i in range(count)}


def write_mo(path: Path, entries: dict[bytes, bytes]) -> None:
    """A little-endian `.mo` without a hash table: readers then search the originals, which
    must be sorted. Written beside its name and renamed, so a reader never sees half."""
    originals = sorted(entries)
    table: list[int] = []
    blob = b""
    start = HEADER + 16 * len(originals)
    for text in [*originals, *(entries[original] for original in originals)]:
        table += [len(text), start + len(blob)]
        blob += text + b"\0"
    count = len(originals)
    head = struct.pack("<7I", MAGIC, 0, count, HEADER, HEADER + 8 * count, 0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_bytes(head + struct.pack(f"<{len(table)}I", *table) + blob)
    os.replace(partial, path)
