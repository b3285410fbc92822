"""Refuse uploads over the configured size before they are read whole."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitUploadHandler(FileUploadHandler):
    """First in the handler chain: stops storing an upload as soon as it passes MAX_UPLOAD_BYTES.

    The declared Content-Length is checked first, the byte count guards against a lying client.
    Stopping at the first file (not in ``handle_raw_input``) keeps the form fields that precede it,
    the CSRF token among them, so the view can answer with a clear message instead of a CSRF
    failure. Views see ``request.upload_too_large``.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: ANN001, N803
        self.too_large = bool(content_length and content_length > settings.MAX_UPLOAD_BYTES + 64 * 1024)
        self.request.upload_too_large = self.too_large
        self.seen = 0
        return None

    def new_file(self, *args, **kwargs):  # noqa: ANN002, ANN003
        super().new_file(*args, **kwargs)
        if self.too_large:
            raise StopUpload(connection_reset=False)

    def receive_data_chunk(self, raw_data, start):  # noqa: ANN001
        self.seen = start + len(raw_data)
        if self.seen > settings.MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):  # noqa: ANN001
        return None
