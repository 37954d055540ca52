"""The zip of DOCX, ODT and EPUB written again: same entries in the same order (`mimetype`
first and stored), same bytes inside except what we clean, but no dates, extra fields or
comments. Every picture in it is cleaned on the way (`images.clean_image`). Names of zip
entries are never used as paths.
"""

import zipfile
from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _

from resguardo.ingest.base import Damaged, Limits, Refused
from resguardo.ingest.scrubbers.images import clean_image

EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: no date at all
EntryFix = Callable[[str, bytes], bytes | None]  # None: the entry goes


def entries(archive: zipfile.ZipFile, limits: Limits) -> list[zipfile.ZipInfo]:
    infos = archive.infolist()
    if len(infos) > limits.max_entries or \
            sum(info.file_size for info in infos) > limits.max_unpacked:
        raise Refused(_("This file unpacks to more than we can take."), "bomb")
    if len({info.filename for info in infos}) != len(infos):
        raise Damaged(_("two entries of the archive have the same name"))
    return sorted(infos, key=lambda info: info.filename != "mimetype")  # stable: mimetype first


def encrypted() -> Damaged:
    return Damaged(_("part of the archive is encrypted"))


def rewrite_zip(source: Path, target: Path, limits: Limits, fix: EntryFix) -> int:
    """Copies the archive entry by entry through `fix`; returns how many images it cleaned."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        return copy_zip(old, new, limits, fix)


def copy_zip(old: zipfile.ZipFile, new: zipfile.ZipFile, limits: Limits, fix: EntryFix) -> int:
    images = 0
    for info in entries(old, limits):
        if info.flag_bits & 0x1:
            raise encrypted()
        data = old.read(info)  # zipfile stops at the declared size and checks the CRC
        clean = clean_image(data)
        images += clean != data
        result = fix(info.filename, clean)
        if result is not None:
            stored = info.compress_type == zipfile.ZIP_STORED or info.filename == "mimetype"
            entry = zipfile.ZipInfo(info.filename, date_time=EPOCH)
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            new.writestr(entry, result)
    return images


