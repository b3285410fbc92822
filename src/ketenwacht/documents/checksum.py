"""Content checksums: a SHA-256 over a canonical JSON serialisation.

The checksum covers the content, not the file, so the PDF, HTML, XLSX and CSV of one export
carry the same value and anyone can recompute it from the CSV with any JSON library:
keys sorted, no whitespace (separators ``,`` and ``:``), non-ASCII characters kept as UTF-8.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(content: Any) -> bytes:
    """The canonical UTF-8 serialisation of ``content`` (dicts, lists, strings, numbers, booleans)."""
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def content_sha256(content: Any) -> str:
    """The SHA-256 of :func:`canonical_json`, as 64 lower-case hex digits."""
    return hashlib.sha256(canonical_json(content)).hexdigest()
