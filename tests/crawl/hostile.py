"""Hostile values for form fields, and the submissions built from them.

A form is sent in these ways:

* ``empty``: nothing at all;
* ``baseline``: what a browser would send after a user filled in the required fields plausibly
  (prefilled values kept, first offered choice, a plausible value per input type);
* ``hostile-k``: every typed field at once gets the k-th hostile value for its type (very long
  text, markup, unicode, SQL-ish quotes, numbers in text fields and text in number fields,
  negative numbers, impossible and extreme dates);
* ``bad-choice``: selects, radios and checkboxes get values they do not offer;
* ``foreign-choice``: selects of objects (supplier, services, …) get another organisation's ids;
* ``hidden-k``: hidden fields (formset counters, periods, next-URLs) get junk;
* ``file-*``: each file field gets a small garbage file, an empty file, a broken archive, …;
* ``button-k``: each named submit button;
* ``field:<name>=…``: the baseline with one field changed (bounded per form).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.crawl.htmlscan import Field, Form

LONG = "Ketenwacht-" * 2000  # 22 000 characters: beyond every column and most limits
HUGE_NUMBER = "9" * 30
TEXTS = [
    LONG,
    "<script>alert(1)</script>\"'><img src=x onerror=alert(1)>",
    "Zoë Ĳsselmeer ŉ 🚀 漢字 \u202eRTL\u200b ﷽",
    "' OR '1'='1'; DROP TABLE core_user; --",
    "   ",
    "-1",
    "2025-02-30",
    "9999-12-31",
    "0000-00-00",
    HUGE_NUMBER,
]
NUMBERS = ["abc", "-1", HUGE_NUMBER, "1e309", "NaN", "0.0000000001", "1,5", "Infinity", "-0", "", " 7 ", "0x1F"]
DATES = ["2025-02-30", "9999-12-31", "0000-00-00", "abc", "0001-01-01", "31-12-2025", "2025-13-01", "-1"]
DATETIMES = [
    "2025-02-30T10:00", "9999-12-31T23:59", "0000-00-00T00:00", "abc", "0001-01-01T00:00",
    "2025-03-30T02:30",  # does not exist in Brussels and Amsterdam (clocks skip this hour)
    "2025-10-26T02:30",  # happens twice there
    "2025-01-01T25:61",
]
TIMES = ["25:61", "24:00", "abc", "-1:00", "23:59:59.999999", "12", "", "00:00:60"]
EMAILS = ["not-an-email", LONG + "@example.org", "a@b", "<script>@example.org", "x@" + LONG, " @ "]
URLS = ["javascript:alert(1)", "http://" + LONG, "ftp://example.org", "abc", "http://[::1", "http://-/"]
HIDDEN = ["zzz", "-1", HUGE_NUMBER, LONG]
NOT_OFFERED = "zzz-not-offered"

TYPED = {
    "number": NUMBERS, "range": NUMBERS, "date": DATES, "datetime-local": DATETIMES, "datetime": DATETIMES,
    "time": TIMES, "email": EMAILS, "url": URLS, "month": DATES, "week": DATES,
}
# One field at a time: the values most likely to get past the form and upset the code behind it.
SINGLE = {
    "text": [LONG, "9999-12-31", "0001-01-01", "-1", HUGE_NUMBER],
    "textarea": [LONG, "9999-12-31"],
    "search": [LONG],
    "number": [HUGE_NUMBER, "-1", "1e309", "abc", "NaN"],
    "range": [HUGE_NUMBER, "-1"],
    "date": ["9999-12-31", "0001-01-01", "2025-02-30"],
    "datetime-local": ["9999-12-31T23:59", "0001-01-01T00:00", "2025-03-30T02:30"],
    "time": ["24:00", "23:59:59.999999"],
    "email": [LONG + "@example.org"],
    "url": ["http://" + LONG],
    "hidden": ["zzz", "-1", HUGE_NUMBER],
}
TEXT_KINDS = {"text", "textarea", "search", "password", "tel"}
PLAUSIBLE = {
    "email": "crawl@example.org", "url": "https://example.org", "number": "1", "range": "1",
    "date": "2025-01-15", "datetime-local": "2025-01-15T10:00", "time": "09:00", "tel": "+32 3 123 45 67",
    "month": "2025-01", "week": "2025-W03",
}


@dataclass
class Submission:
    label: str
    data: dict[str, Any]


def _files() -> list[tuple[str, bytes]]:
    return [
        ("garbage.xlsx", bytes(range(256)) * 4),
        ("garbage.csv", b"\xff\xfe\x00\x01;;\n\x80\x81\x82\n" * 20),
        ("empty.csv", b""),
        ("broken.xlsx", b"PK\x03\x04" + b"\x00" * 40),
        ("broken.pdf", b"%PDF-1.7\n" + bytes(range(256))),
        ("a" * 300 + ".json", b'{"a": [1, 2, {"b": null}'),
        ("garbage.docx", b"PK\x03\x04\x14\x00\x00\x00garbage"),
    ]


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _editable(field: Field) -> bool:
    return field.kind not in ("submit", "file", "hidden", "button", "reset", "image")


def baseline(form: Form) -> dict[str, Any]:
    """What a browser sends after a user filled in the form plausibly (files left out)."""
    data: dict[str, Any] = {}
    first_button = True
    for field in form.fields:
        if field.kind == "submit":
            if first_button:
                data[field.name] = field.value
                first_button = False
            continue
        if field.kind in ("file", "button", "reset", "image"):
            continue
        if field.kind == "checkbox":
            if len(field.choices) > 1:  # a group (several objects to pick): at least one ticked
                data[field.name] = field.selected or field.choices[:1]
            elif field.checked:
                data[field.name] = field.value or "on"
            continue
        if field.kind == "radio":
            value = field.value or (field.choices[0] if field.choices else "")
        elif field.kind == "select-multiple":
            data[field.name] = field.selected
            continue
        elif field.kind == "select":
            value = field.value or next((c for c in field.choices if c), "")
        else:
            value = field.value
            if not value and field.required:
                value = PLAUSIBLE.get(field.kind, "Crawl")
        data[field.name] = value
    return data


def _typed_hostile(field: Field, k: int) -> str | None:
    if field.kind in TYPED:
        values = TYPED[field.kind]
        return values[k % len(values)]
    if field.kind in TEXT_KINDS:
        return TEXTS[k % len(TEXTS)]
    return None


def whole_form(form: Form, foreign_ids: Mapping[str, list[str]], *, full: bool = True) -> Iterator[Submission]:
    """The whole-form submissions; ``full=False`` sends only the empty, baseline and one hostile one.

    ``foreign_ids`` maps a field name (``supplier``) to ids of another organisation's objects.
    """
    base = baseline(form)
    yield Submission("empty", {})
    yield Submission("baseline", base)
    rounds = max(len(TEXTS), *(len(v) for v in TYPED.values())) if full else 1
    typed = [f for f in form.fields if _typed_hostile(f, 0) is not None]
    if typed:
        for k in range(rounds):
            yield Submission(f"hostile-{k}", {**base, **{f.name: _typed_hostile(f, k) for f in typed}})
    if not full:
        return
    choices = [f for f in form.fields if f.kind in ("select", "select-multiple", "radio", "checkbox")]
    if choices:
        yield Submission("bad-choice", {**base, **{
            f.name: [NOT_OFFERED, "-1"] if f.kind == "select-multiple" else NOT_OFFERED for f in choices
        }})
    pickers = [f for f in form.fields if f.kind in ("select", "select-multiple", "radio", "checkbox")
               and f.name in foreign_ids]
    foreign = {f.name: next((i for i in foreign_ids[f.name] if i not in f.choices), None) for f in pickers}
    if any(foreign.values()):
        yield Submission("foreign-choice", {**base, **{
            name: [value] if form.field(name).kind in ("select-multiple", "checkbox") else value
            for name, value in foreign.items() if value
        }})
    hidden = [f for f in form.fields if f.kind == "hidden" and f.name != "csrfmiddlewaretoken"]
    if hidden:
        for k, value in enumerate(HIDDEN):
            yield Submission(f"hidden-{k}", {**base, **{f.name: value for f in hidden}})
    files = [f for f in form.fields if f.kind == "file"]
    if files:
        for name, content in _files():
            yield Submission(f"file-{name[:20]}", {**base, **{f.name: upload(name, content) for f in files}})
    buttons = [f for f in form.fields if f.kind == "submit"]
    if len(buttons) > 1:
        for k, button in enumerate(buttons):
            data = {key: value for key, value in base.items() if key not in {b.name for b in buttons}}
            yield Submission(f"button-{k}", {**data, button.name: button.value})


def single_fields(form: Form, limit: int) -> Iterator[Submission]:
    """The baseline with one field changed at a time, round-robin over the fields, at most ``limit``."""
    base = baseline(form)
    queues: list[tuple[Field, list[Any]]] = []
    for field in form.fields:
        if field.kind in ("select", "radio"):
            others = [c for c in field.choices if c != base.get(field.name)][:6]
            values: list[Any] = [*others, NOT_OFFERED]
        elif field.kind == "select-multiple":
            values = [field.choices[:3], [NOT_OFFERED]] if field.choices else [[NOT_OFFERED]]
        elif field.kind == "checkbox" and len(field.choices) > 1:
            values = [None, field.choices, [NOT_OFFERED]]  # none, all, one not offered
        elif field.kind == "checkbox":
            values = [None if field.name in base else (field.choices[0] if field.choices else "on")]
        elif field.kind == "file":
            values = [upload("garbage.csv", b"\x00\xff garbage")]
        elif field.kind == "hidden" and field.name == "csrfmiddlewaretoken":
            continue
        else:
            values = list(SINGLE.get(field.kind, []))
        if values:
            queues.append((field, values))
    sent = 0
    for round_ in range(max((len(v) for _, v in queues), default=0)):
        for field, values in queues:
            if round_ >= len(values):
                continue
            if sent >= limit:
                return
            value = values[round_]
            data = dict(base)
            if value is None:
                data.pop(field.name, None)
            else:
                data[field.name] = value
            shown = value if isinstance(value, str) else type(value).__name__
            yield Submission(f"field:{field.name}={str(shown)[:30]}", data)
            sent += 1
