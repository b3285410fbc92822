"""Contract attachments: only PDF, DOCX and XLSX, size-limited, checked by content as well as name."""

from __future__ import annotations

import contextlib
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ketenwacht.contracts.models.contracts import document_storage

CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# The part inside the ZIP container that makes an Office file what its extension says.
_OFFICE_MARKER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def safe_name(name: str) -> str:
    """The uploaded file's name without directories or control characters (for display and download)."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(c for c in unicodedata.normalize("NFC", base) if unicodedata.category(c)[0] != "C")
    base = re.sub(r"\s+", " ", base).strip(" .") or "document"
    return base[:200]


def check_upload(upload: UploadedFile) -> str:
    """The content type of an acceptable upload; ``ValidationError`` saying why otherwise."""
    suffix = PurePath((upload.name or "").lower()).suffix
    if suffix not in CONTENT_TYPES:
        raise ValidationError(_("Only PDF, DOCX and XLSX files can be attached."))
    limit = settings.MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": round(limit / 1024 / 1024, 1)})
    if upload.size == 0:
        raise ValidationError(_("The file is empty."))
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if suffix == ".pdf":
        if not head.startswith(b"%PDF-"):
            raise ValidationError(_("This file is not a PDF document."))
    else:
        if not head.startswith(b"PK\x03\x04"):
            raise ValidationError(_("This file is not a %(kind)s document.") % {"kind": suffix[1:].upper()})
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ValidationError(_("This file is damaged and cannot be read.")) from exc
        finally:
            upload.seek(0)
        if _OFFICE_MARKER[suffix] not in names:
            raise ValidationError(_("This file is not a %(kind)s document.") % {"kind": suffix[1:].upper()})
    return CONTENT_TYPES[suffix]


def remove_files(names: Iterable[str]) -> None:
    """Remove stored files (after the transaction that dropped their rows committed)."""
    storage = document_storage()
    for name in names:
        if name:
            with contextlib.suppress(OSError):  # already gone: nothing refers to it any more
                storage.delete(name)
