"""Serving stored files so a broken download resumes where it stopped.

Answers `HEAD`, revalidates with `ETag`/`Last-Modified` (`304`), and honours a single
HTTP byte range (`206`, or `416` when it lies past the end), guarded by `If-Range` so a
resumed download never splices two versions of a file. Several ranges in one request are
answered with the whole file, which RFC 9110 allows.
"""

import mimetypes
import re
from dataclasses import dataclass

from django.core.files.storage import Storage
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

CHUNK = 64 * 1024
# Types of the recordings we store, which a system's mime.types may lack (Python's own
# table knows few of them).
TYPES = {".opus": "audio/ogg", ".ogg": "audio/ogg", ".mp3": "audio/mpeg", ".m4a": "audio/mp4",
         ".aac": "audio/aac", ".flac": "audio/flac", ".wav": "audio/wav", ".amr": "audio/amr",
         ".3gp": "video/3gpp", ".mp4": "video/mp4", ".webm": "video/webm",
         ".mov": "video/quicktime"}
_RANGE = re.compile(r"^bytes=(\d{0,18})-(\d{0,18})$")  # longer numbers: not a range we serve


@dataclass(frozen=True)
class Span:
    start: int
    end: int  # inclusive

    @property
    def length(self) -> int:
        return self.end - self.start + 1


class Unsatisfiable(ValueError):
    pass


def parse_range(header: str, size: int) -> Span | None:
    """The one byte span `header` asks for; None to send the whole file; Unsatisfiable."""
    match = _RANGE.match(header.strip().replace(" ", ""))
    if not match:
        return None  # unknown unit, several ranges or garbage: the whole file
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # the last N bytes
        suffix = int(last)
        if suffix == 0:
            raise Unsatisfiable(header)
        return Span(max(size - suffix, 0), size - 1) if size else None
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if last and int(last) < start:
        return None  # invalid: ignore the header, as RFC 9110 says
    if start >= size:
        raise Unsatisfiable(header)
    return Span(start, end)


def _if_range_allows(request: HttpRequest, etag: str, last_modified: int) -> bool:
    condition = request.headers.get("If-Range")
    if condition is None:
        return True
    if condition.startswith(('"', "W/")):
        return condition == etag  # strong comparison: a weak tag never matches
    return parse_http_date_safe(condition) == last_modified


class _Window:
    """A file object limited to `length` bytes from `start`, read in chunks by FileResponse."""

    def __init__(self, handle, start: int, length: int) -> None:  # type: ignore[no-untyped-def]
        handle.seek(start)
        self.handle, self.left = handle, length

    def read(self, size: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        size = self.left if size < 0 else min(size, self.left)
        data = self.handle.read(size)
        self.left -= len(data)
        return bytes(data)

    def close(self) -> None:
        self.handle.close()


def serve(request: HttpRequest, storage: Storage, name: str, *, filename: str) -> HttpResponseBase:
    """The stored file `name` as an attachment called `filename`, with ranges and caching."""
    size = storage.size(name)
    last_modified = int(storage.get_modified_time(name).timestamp())
    etag = f'"{size:x}-{last_modified:x}"'
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        not_modified.headers["Accept-Ranges"] = "bytes"
        return not_modified

    span = None
    if "Range" in request.headers and _if_range_allows(request, etag, last_modified):
        try:
            span = parse_range(request.headers["Range"], size)
        except Unsatisfiable:
            refused = HttpResponse(status=416)
            refused.headers["Content-Range"] = f"bytes */{size}"
            return refused

    suffix = filename[filename.rfind("."):].lower() if "." in filename else ""
    content_type = (TYPES.get(suffix) or mimetypes.guess_type(filename)[0]
                    or "application/octet-stream")
    handle = storage.open(name, "rb")
    if span is None:
        response = FileResponse(handle, as_attachment=True, filename=filename,
                                content_type=content_type)
        response.headers["Content-Length"] = str(size)
    else:
        response = FileResponse(_Window(handle, span.start, span.length), as_attachment=True,
                                filename=filename, content_type=content_type, status=206)
        response.headers["Content-Range"] = f"bytes {span.start}-{span.end}/{size}"
        response.headers["Content-Length"] = str(span.length)
    response.block_size = CHUNK
    response.headers["Accept-Ranges"] = "bytes"
    response.headers["ETag"] = etag
    response.headers["Last-Modified"] = http_date(last_modified)
    # Files never change under the same ETag; a day's reuse saves 2G round trips.
    response.headers["Cache-Control"] = "max-age=86400"
    return response
