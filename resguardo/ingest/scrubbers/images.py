"""Pictures without their metadata, wherever they are: in a zip (DOCX, ODT, EPUB), a PDF's
JPEG streams, or written into a page as a `data:` address (HTML, EPUB, Markdown).

Images lose EXIF (GPS included), XMP, IPTC and comments without being re-encoded; a JPEG
keeps its orientation in a fresh, one-tag EXIF so it is not shown sideways. TIFF and GIF are
written again by Pillow; HEIC, AVIF, JPEG 2000 and JPEG XL are refused. Pictures written
into a page are decoded, cleaned like any other and encoded again (`DataPictures`); one we
cannot clean goes.
"""

import base64
import urllib.parse
from collections.abc import Callable
from io import BytesIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from PIL import Image, UnidentifiedImageError

from resguardo.ingest.base import Damaged, Refused
from resguardo.ingest.scrubbers import addresses

# A `data:` address of a picture made clean, or None: the picture goes (it is not a PNG,
# JPEG, GIF or WebP picture, or cannot be cleaned). `DataPictures` is one: it cleans the
# picture as pictures in files are cleaned, and counts.
Picture = Callable[[str], str | None]


def log(count: int) -> list[str]:
    if not count:
        return []
    return [ngettext("Image metadata (EXIF, GPS, XMP, comments): %(n)d image",
                     "Image metadata (EXIF, GPS, XMP, comments): %(n)d images", count)
            % {"n": count}]

# Images: metadata blocks dropped without decoding or re-encoding the picture


_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"hevm", b"hevs",
                b"mif1", b"msf1", b"avif", b"avis"}


def clean_image(data: bytes) -> bytes:
    """`data` without its metadata if it is an image we can clean (JPEG, PNG, WebP; TIFF and
    GIF written again by Pillow); otherwise unchanged. Images whose metadata we cannot
    remove (HEIC, AVIF, JPEG 2000, JPEG XL: phone photos with GPS) are refused."""
    if data.startswith(b"\xff\xd8\xff"):
        return clean_jpeg(data)
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return _clean_png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _clean_webp(data)
    if data.startswith((b"II*\0", b"MM\0*")):
        return _resave(data, "TIFF")
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _resave(data, "GIF")
    kind = "HEIC/AVIF" if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS else \
        "JPEG 2000" if data.startswith(b"\0\0\0\x0cjP  \r\n\x87\n") else \
        "JPEG XL" if data.startswith((b"\xff\x0a", b"\0\0\0\x0cJXL \r\n\x87\n")) else None
    if kind:
        raise Refused(_("This file holds a picture in a format whose metadata (who took it, "
                        "where) we cannot remove (%(kind)s). Please change the picture to JPEG "
                        "or PNG, save the file again and send it.") % {"kind": kind}, "image")
    return data


def _resave(data: bytes, format: str) -> bytes:
    """TIFF and GIF decoded and written again with only what draws them: no EXIF, GPS, XMP,
    IPTC, Photoshop data or comments (Pillow copies some of these from the image it read,
    so each frame is copied into a new image first)."""
    try:
        with Image.open(BytesIO(data)) as image:
            frames, durations = [], []
            for number in range(getattr(image, "n_frames", 1)):
                image.seek(number)
                durations.append(image.info.get("duration", 0))
                frame = image.copy()
                frame.info = {key: image.info[key] for key in
                              ("transparency", "dpi", "icc_profile") if key in image.info}
                frames.append(frame)
            loop = image.info.get("loop")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
        raise Damaged(_("a %(format)s image cannot be read") % {"format": format}) from error
    out = BytesIO()
    options: dict[str, object] = {"save_all": len(frames) > 1, "append_images": frames[1:]}
    if format == "GIF" and len(frames) > 1:
        options.update(duration=durations, loop=loop or 0)
    frames[0].save(out, format, **options)
    return out.getvalue()


def _keep_jpeg_segment(marker: int, payload: bytes) -> bool:
    if marker == 0xE0:
        return payload.startswith(b"JFIF\0")
    if marker == 0xE2:
        return payload.startswith(b"ICC_PROFILE\0")  # colours; MPF (more pictures) goes
    if marker == 0xEE:
        return payload.startswith(b"Adobe")  # how to read CMYK
    return not (0xE1 <= marker <= 0xEF or marker == 0xFE)  # APPn: EXIF, XMP, IPTC; COM


def clean_jpeg(data: bytes) -> bytes:
    kept, pos = [b"\xff\xd8"], 2
    while pos + 1 < len(data):
        if data[pos] != 0xFF:
            raise Damaged(_("a JPEG image has a broken structure"))
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker == 0xD9:
            break  # end of image: whatever follows (hidden pictures, data) goes
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:  # markers without a length
            kept.append(data[pos:pos + 2])
            pos += 2
            continue
        length = int.from_bytes(data[pos + 2:pos + 4], "big")
        if length < 2 or pos + 2 + length > len(data):
            raise Damaged(_("a JPEG image is cut short"))
        end = pos + 2 + length
        if _keep_jpeg_segment(marker, data[pos + 4:end]):
            kept.append(data[pos:end])
        pos = _scan_end(data, end) if marker == 0xDA else end
        if marker == 0xDA:
            kept.append(data[end:pos])
    kept.append(b"\xff\xd9")
    return _with_orientation(b"".join(kept), _orientation(data))


def _scan_end(data: bytes, pos: int) -> int:
    """Where the compressed data after a start-of-scan ends: the next real marker."""
    while (pos := data.find(b"\xff", pos)) != -1 and pos + 1 < len(data):
        following = data[pos + 1]
        if following == 0 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            pos += 1
            continue
        return pos
    return len(data)


def _orientation(data: bytes) -> int:
    try:
        with Image.open(BytesIO(data)) as image:
            value = image.getexif().get(0x0112, 1)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return 1
    return value if isinstance(value, int) and 2 <= value <= 8 else 1


def _with_orientation(jpeg: bytes, orientation: int) -> bytes:
    if orientation == 1:
        return jpeg
    exif = Image.Exif()
    exif[0x0112] = orientation
    payload = exif.tobytes()  # starts with b"Exif\0\0"
    segment = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    at = 2 + 2 + int.from_bytes(jpeg[4:6], "big") if jpeg[2:4] == b"\xff\xe0" else 2
    return jpeg[:at] + segment + jpeg[at:]


_PNG_KEEP = {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"cHRM", b"gAMA", b"iCCP", b"sBIT",
             b"sRGB", b"cICP", b"mDCV", b"cLLI", b"bKGD", b"hIST", b"pHYs", b"sPLT", b"acTL",
             b"fcTL", b"fdAT"}


def _clean_png(data: bytes) -> bytes:
    """Keeps what draws the picture; text, EXIF and dates go, and anything after the end."""
    kept, pos = [data[:8]], 8
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos:pos + 4], "big")
        kind, end = data[pos + 4:pos + 8], pos + 12 + length
        if end > len(data):
            raise Damaged(_("a PNG image is cut short"))
        if kind in _PNG_KEEP or kind[:1].isupper():  # an unknown critical chunk must stay
            kept.append(data[pos:end])
        pos = end
        if kind == b"IEND":
            break
    return b"".join(kept)


def _clean_webp(data: bytes) -> bytes:
    kept, pos = [], 12
    while pos + 8 <= len(data):
        size = int.from_bytes(data[pos + 4:pos + 8], "little")
        kind, end = data[pos:pos + 4], pos + 8 + size + (size & 1)
        if kind == b"VP8X" and size >= 4:
            flags = data[pos + 8] & ~0x0C  # no EXIF, no XMP
            kept.append(data[pos:pos + 8] + bytes([flags]) + data[pos + 9:end])
        elif kind not in (b"EXIF", b"XMP "):
            kept.append(data[pos:end])
        pos = end
    body = b"WEBP" + b"".join(kept)
    return b"RIFF" + len(body).to_bytes(4, "little") + body

class DataPictures:
    """Cleans the `data:` pictures written into a page (HTML, Markdown) as `clean_image`
    cleans pictures in a file: decoded, cleaned, encoded again. One we cannot clean (it does
    not hold the picture it claims, or is damaged, or in a format we cannot clean) goes.
    Counts both for the log."""

    def __init__(self) -> None:
        self.cleaned = self.dropped = 0
        # Each address once: the same picture may be used twice, and Markdown is read again
        # after cleaning (GIF, written again by Pillow, need not come out the same twice).
        self.seen: dict[str, str | None] = {}

    def __call__(self, url: str) -> str | None:
        if url not in self.seen:
            if url in self.seen.values():
                return url  # one we made
            self.seen[url] = self._clean(url)
        return self.seen[url]

    def _clean(self, url: str) -> str | None:
        header, _comma, payload = url.strip().partition(",")
        data = self._decode(header, payload) if addresses.is_data_picture(url) else None
        try:
            clean = clean_image(data) if data is not None and _is_picture(data) else None
        except (Refused, Damaged):  # HEIC inside, or a broken picture: the picture goes
            clean = None
        if clean is None:
            self.dropped += 1
            return None
        if clean == data:
            return url  # as the contributor wrote it
        self.cleaned += 1
        kind = header.split(";")[0]
        return f"{kind};base64,{base64.b64encode(clean).decode()}"

    @staticmethod
    def _decode(header: str, payload: str) -> bytes | None:
        try:
            if header.lower().endswith(";base64"):
                return base64.b64decode("".join(payload.split()), validate=True)
            return urllib.parse.unquote_to_bytes(payload)
        except ValueError:  # binascii.Error: not base64
            return None

    def log(self, images: int = 0) -> list[str]:
        """What went, with `images` cleaned elsewhere in the same file counted in."""
        dropped = [ngettext("Pictures written into the page that we could not clean, left "
                            "out: %(n)d picture",
                            "Pictures written into the page that we could not clean, left "
                            "out: %(n)d pictures", self.dropped)
                   % {"n": self.dropped}] if self.dropped else []
        return log(self.cleaned + images) + dropped


def _is_picture(data: bytes) -> bool:
    """JPEG, PNG, GIF or WebP: what `addresses.is_data_picture` lets a `data:` address be."""
    return data.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a")) \
        or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


