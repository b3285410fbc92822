"""Turn the text in an export's cells into typed values, or say why not."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from ketenwacht.performance.importing.presets import PRIORITY_WORDS
from ketenwacht.performance.validation import parse_weight

_DIGIT = re.compile(r"(?:^|[^0-9])p?([1-4])(?:[^0-9]|$)", re.IGNORECASE)
GENERIC_FORMATS = ("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S",
                   "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d/%b/%y %I:%M %p", "%d-%m-%Y", "%Y-%m-%d")
TRUE = {"1", "ja", "yes", "true", "waar", "j", "y", "x", "✓"}
FALSE = {"", "0", "nee", "no", "false", "onwaar", "n", "-"}


class CellError(ValueError):
    """A cell that cannot be read; the message says what was expected."""


def parse_datetime(value: object, zone: ZoneInfo, formats: Sequence[str] = ()) -> dt.datetime | None:
    """A cell as an aware datetime: XLSX dates, ISO 8601 (with or without offset), or the given formats.

    Times without an offset are local time in ``zone`` (the file's time zone).
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(), tzinfo=zone)
    text = " ".join(str(value).split())
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        parsed = None
        for fmt in (*formats, *GENERIC_FORMATS):
            try:
                parsed = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
    if parsed is None:
        raise CellError(_("“%(value)s” is not a date and time (expected e.g. 2025-03-14 09:30)") % {"value": text})
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=zone)


def parse_priority(value: object, mapping: dict[str, str] | None = None) -> str:
    """P1–P4 from a saved mapping, a number (``1 - Hoog``, ``P2``) or a word (``High``, ``Laag``)."""
    text = " ".join(str(value or "").split())
    if not text:
        raise CellError(_("no priority given"))
    for source, target in (mapping or {}).items():
        if source.lower() == text.lower():
            return target
    match = _DIGIT.search(text)
    if match:
        return f"P{match.group(1)}"
    lowered = text.lower()
    # Longest words first, so "zeer laag" is not read as "laag" … or "very high" as "high".
    words = sorted(((w, p) for p, ws in PRIORITY_WORDS.items() for w in ws), key=lambda wp: -len(wp[0]))
    for word, priority in words:
        if re.search(rf"\b{re.escape(word)}\b", lowered):
            return priority
    raise CellError(_("“%(value)s” is not a priority; use P1–P4 or save a mapping of your own priority names")
                    % {"value": text})


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value if value is not None else "").strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise CellError(_("“%(value)s” is not yes or no") % {"value": value})


def parse_decimal_weight(value: object) -> Decimal | None:
    try:
        return parse_weight(value)
    except ValueError:
        raise CellError(_("“%(value)s” is not a weight such as 0.5 or 50%%") % {"value": value}) from None


def parse_pauses(value: object, zone: ZoneInfo, formats: Sequence[str] = ()) -> list[dict]:
    """ISO 8601 intervals ``start/end`` separated by ``;`` (an empty end: still waiting)."""
    raw = str(value or "").strip()
    if not raw:
        return []
    pauses = []
    for part in raw.split(";"):
        if not part.strip():
            continue
        if part.count("/") != 1:
            raise CellError(_("“%(value)s” is not a pause written as start/end, e.g. "
                              "2025-03-04 09:00/2025-03-04 10:00") % {"value": part.strip()})
        start, end = part.split("/")
        begin = parse_datetime(start.strip(), zone, formats)
        if begin is None:
            raise CellError(_("“%(value)s” has no start") % {"value": part.strip()})
        pauses.append({"started_at": begin, "ended_at": parse_datetime(end.strip(), zone, formats), "reason": ""})
    return pauses


def text(value: object, limit: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an XLSX number column: 1234.0 is ticket 1234
    return str(value).strip()[:limit]
