"""An upload past the size limit is never written to disk past that limit.

Django streams uploads to a temporary file; this handler puts it in the process's scratch
folder in DATA_DIR/tmp (lib/scratch.py, cleared when the server starts) and does the
same, counting each file's bytes; past `UPLOAD_LIMIT_MB` it deletes what it wrote, drops
the rest as it arrives, and hands the form a `TooLarge` file instead, so the form can say
so (Django's own StopUpload would make the file silently vanish from the form).
"""

from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler

from resguardo.lib import scratch


class TooLarge(SimpleUploadedFile):
    too_large = True

    def __init__(self, name: str, received: int) -> None:
        super().__init__(name, b"", "application/octet-stream")
        self.received = self.size = received  # what was sent, though none of it was kept


class LimitedUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args: Any, **kwargs: Any) -> None:
        with scratch.as_default():  # Django's temporary file goes where we clear it
            super().new_file(*args, **kwargs)
        self.received = 0

    def _over(self) -> bool:
        return self.received > settings.UPLOAD_LIMIT_MB * 1024 * 1024

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self._over():
            if not self.file.closed:
                self.file.close()  # a temporary file: closing it deletes it
            return None
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self._over():
            return TooLarge(self.file_name or "upload", self.received)
        return super().file_complete(file_size)
