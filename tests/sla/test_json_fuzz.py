"""No request, however malformed, makes the JSON interface raise: it answers an error instead."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketenwacht.sla import evaluate_request

JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "24x7", "2025-03-01", "2025-03-01T10:00", "--12-25", "08:00", "24:00", "Europe/Brussels",
                       "NL", "P1", "year", "exact", "counted", "working_days", "clock", "2025-Q1", "2025-13"])
    | st.text(max_size=8),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["from", "to", "start", "end", "mon", "timezone", "weekly", "holidays", "month", "year",
                         "country", "planned", "weight", "priority", "reported", "yearly"]), children, max_size=3),
    max_leaves=12,
)
FIELDS = {
    "business_time": ["calendar", "start", "end"],
    "due": ["calendar", "start", "duration_seconds", "unit", "end_of_day", "pauses"],
    "availability": ["window", "timezone", "outages", "maintenance", "service_calendar", "granularity_seconds",
                     "target_percent", "credits"],
    "incidents": ["calendar", "targets", "incidents", "as_of"],
    "allowed_downtime": ["percent", "seconds", "period", "convention", "window", "timezone"],
}
GOOD = {
    "calendar": {"timezone": "Europe/Amsterdam", "weekly": {"mon": [["08:00", "18:00"]]}},
    "start": "2025-03-03T09:00", "end": "2025-03-10T09:00", "duration_seconds": 86400,
    "window": {"month": "2025-03"}, "targets": {"P1": {"response_seconds": 3600}},
    "incidents": [{"priority": "P1", "reported": "2025-03-03T09:00"}], "as_of": "2025-03-04T09:00", "percent": 99.9,
}


@st.composite
def requests(draw: st.DrawFn) -> dict:
    op = draw(st.sampled_from(sorted(FIELDS)))
    req = {"op": op}
    for field in FIELDS[op]:
        choice = draw(st.integers(0, 2))
        if choice == 1 and field in GOOD:
            req[field] = GOOD[field]
        elif choice == 2:
            req[field] = draw(JSON)
    return req


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(requests())
def test_never_raises(req: dict) -> None:
    answer = evaluate_request(req)
    assert isinstance(answer, dict)
    if "error" in answer:
        assert isinstance(answer["field"], str) and answer["error"]
