"""An upload past the size limit is never written to disk past that limit.

Django streams uploads to a temporary file; this handler, first in the chain, counts each
file's bytes and, past `UPLOAD_LIMIT_MB`, drops the rest and hands the form a `TooLarge`
file instead, so the form can say so (Django's own StopUpload would make the file silently
vanish from the form).
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class TooLarge(SimpleUploadedFile):
    too_large = True

    def __init__(self, name: str, received: int) -> None:
        super().__init__(name, b"", "application/octet-stream")
        self.received = self.size = received  # what was sent, though none of it was kept


class LimitedUploadHandler(FileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_LIMIT_MB * 1024 * 1024:
            return None  # later handlers never see the rest
        return raw_data

    def file_complete(self, file_size: int) -> TooLarge | None:
        if self.received > settings.UPLOAD_LIMIT_MB * 1024 * 1024:
            return TooLarge(self.file_name or "upload", self.received)
        return None
