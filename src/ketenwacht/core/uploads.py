"""Refuse uploads over the configured size before they are read whole."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload


class SizeLimitUploadHandler(FileUploadHandler):
    """First in the handler chain: stops an upload as soon as it passes MAX_UPLOAD_BYTES.

    The declared Content-Length is checked first; the byte count guards against a lying client.
    Views see ``request.upload_too_large`` and answer with a field error instead of a 500.
    """

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):  # noqa: ANN001, N803
        self.request.upload_too_large = False
        if content_length and content_length > settings.MAX_UPLOAD_BYTES + 64 * 1024:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        self.seen = 0
        return None

    def receive_data_chunk(self, raw_data, start):  # noqa: ANN001
        self.seen = start + len(raw_data)
        if self.seen > settings.MAX_UPLOAD_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):  # noqa: ANN001
        return None
