"""The uptime ↔ downtime calculator, with plain-language text in Dutch and English."""

from __future__ import annotations

from .errors import SLAInputError
from .window import Window

PERIODS = ("day", "week", "month", "quarter", "year")
CONVENTIONS = ("average", "fixed", "exact")
DAY = 86400
PERIOD_SECONDS = {
    # A Julian year of 365.25 days and its twelfth/quarter: the usual cloud-provider convention.
    "average": {"day": DAY, "week": 7 * DAY, "month": 30.4375 * DAY, "quarter": 91.3125 * DAY, "year": 365.25 * DAY},
    "fixed": {"day": DAY, "week": 7 * DAY, "month": 30 * DAY, "quarter": 91.25 * DAY, "year": 365 * DAY},
}
_WORDS = {
    "nl": {
        "period": {"day": "dag", "week": "week", "month": "maand", "quarter": "kwartaal", "year": "jaar"},
        "unit": {"day": ("dag", "dagen"), "hour": ("uur", "uur"), "minute": ("minuut", "minuten"),
                 "second": ("seconde", "seconden")},
        "and": "en", "none": "geen storing",
        "headline": "{pct} per {period}: ongeveer {dur} storing per {period}, ook in één keer{qual}.",
        "contrast": " Per {period} gemeten: ongeveer {dur} per {period}{qual}.",
        "exact": "{pct} over {label}: {dur} storing{qual}.",
        "qual": [(60, "minder dan een minuut"), (600, ""), (3600, "minder dan één uur"), (8 * 3600, "minder dan een werkdag"),
                 (8 * 3600 + 1, "een werkdag"), (DAY, "een ruime werkdag"), (None, "meer dan een etmaal")],
    },
    "en": {
        "period": {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"},
        "unit": {"day": ("day", "days"), "hour": ("hour", "hours"), "minute": ("minute", "minutes"),
                 "second": ("second", "seconds")},
        "and": "and", "none": "no downtime",
        "headline": "{pct} per {period}: about {dur} of downtime per {period}, even in one stretch{qual}.",
        "contrast": " Measured per {period}: about {dur} per {period}{qual}.",
        "exact": "{pct} over {label}: {dur} of downtime{qual}.",
        "qual": [(60, "less than a minute"), (600, ""), (3600, "less than an hour"), (8 * 3600, "less than a working day"),
                 (8 * 3600 + 1, "a working day"), (DAY, "more than a working day"), (None, "more than a whole day")],
    },
}


def _check_percent(percent: object, fld: str = "percent") -> float:
    if isinstance(percent, bool) or not isinstance(percent, int | float) or not 0 <= percent <= 100:
        raise SLAInputError(fld, "must be a number from 0 to 100")
    return float(percent)


def period_seconds(period: str = "year", convention: str = "average", window: Window | None = None) -> float:
    """Length of a period under a convention; ``exact`` needs the concrete ``window``."""
    if convention not in CONVENTIONS:
        raise SLAInputError("convention", "must be 'average', 'fixed' or 'exact'")
    if convention == "exact":
        if window is None:
            raise SLAInputError("window", "is required for the 'exact' convention")
        return float(window.seconds)
    if period not in PERIODS:
        raise SLAInputError("period", "must be 'day', 'week', 'month', 'quarter' or 'year'")
    return float(PERIOD_SECONDS[convention][period])


def allowed_downtime(percent: float, period: str = "year", convention: str = "average",
                     window: Window | None = None) -> float:
    """Seconds of downtime that ``percent`` availability allows per period."""
    pct = _check_percent(percent)
    return (100.0 - pct) / 100.0 * period_seconds(period, convention, window)


def percent_for_downtime(seconds: float, period: str = "year", convention: str = "average",
                         window: Window | None = None) -> float:
    """The reverse: the availability percentage that allows ``seconds`` of downtime per period."""
    length = period_seconds(period, convention, window)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or not 0 <= seconds <= length:
        raise SLAInputError("seconds", f"must be a number of seconds from 0 to {length:.0f}")
    return 100.0 * (1.0 - seconds / length)


def downtime_table(percent: float, conventions: tuple[str, ...] = ("average", "fixed")) -> list[dict]:
    """One row per period: ``{"period": p, "<convention>": seconds, …}``."""
    return [{"period": p, **{c: allowed_downtime(percent, p, c) for c in conventions}} for p in PERIODS]


def format_percent(percent: float, lang: str = "nl") -> str:
    """``99,9 %`` in Dutch, ``99.9%`` in English."""
    text = f"{percent:.4f}".rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')} %" if lang == "nl" else f"{text}%"


def format_duration(seconds: float, lang: str = "nl") -> str:
    """Plain words: whole minutes from ten minutes up, whole seconds below (``8 uur en 46 minuten``)."""
    words = _words(lang)
    total = round(seconds / 60) * 60 if seconds >= 600 else round(seconds)
    if total <= 0:
        return words["none"]
    parts = []
    for unit, size in (("day", DAY), ("hour", 3600), ("minute", 60), ("second", 1)):
        count, total = divmod(total, size)
        if count:
            singular, plural = words["unit"][unit]
            parts.append(f"{count} {singular if count == 1 else plural}")
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + f" {words['and']} {parts[-1]}"


def period_name(period: str, lang: str = "nl") -> str:
    """``jaar``/``year`` and so on."""
    return _words(lang)["period"][period]


def _words(lang: str) -> dict:
    if lang not in _WORDS:
        raise SLAInputError("lang", "must be 'nl' or 'en'")
    return _WORDS[lang]


def _qualifier(seconds: float, lang: str) -> str:
    for limit, text in _words(lang)["qual"]:
        if limit is None or seconds < limit:
            return f" — {text}" if text else ""
    return ""


def describe_allowed_downtime(percent: float, period: str = "year", lang: str = "nl",
                              convention: str = "average", window: Window | None = None) -> str:
    """The calculator in plain language, as the DTC guidance puts it.

    >>> describe_allowed_downtime(99.9, "year", lang="en")
    '99.9% per year: about 8 hours and 46 minutes of downtime per year, even in one stretch — more than a working day. Measured per month: about 44 minutes per month — less than an hour.'
    """
    words = _words(lang)
    pct = _check_percent(percent)
    if convention == "exact":
        seconds = allowed_downtime(pct, period, convention, window)
        label = window.label if window is not None and window.label else "window"
        return words["exact"].format(pct=format_percent(pct, lang), label=label,
                                     dur=format_duration(seconds, lang), qual=_qualifier(seconds, lang))
    seconds = allowed_downtime(pct, period, convention)
    text = words["headline"].format(pct=format_percent(pct, lang), period=words["period"][period],
                                    dur=format_duration(seconds, lang), qual=_qualifier(seconds, lang))
    other = "year" if period == "month" else "month"
    other_seconds = allowed_downtime(pct, other, convention)
    return text + words["contrast"].format(period=words["period"][other], dur=format_duration(other_seconds, lang),
                                           qual=_qualifier(other_seconds, lang))
