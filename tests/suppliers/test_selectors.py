"""Reads: organisation scope, filters, search, ordering by meaning, counts."""

from __future__ import annotations

import pytest
from django.http import Http404

from ketenwacht.suppliers import selectors, services

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(org, other_org, actor, make_supplier):  # noqa: ANN001, ANN201
    a = make_supplier(name="alfa", country="BE", enterprise_number="0202.239.951", criticality="low",
                      status="active", city="Gent")
    b = make_supplier(name="Bravo", criticality="critical", processes_personal_data=True, internal_owner="Team ICT")
    c = make_supplier(name="Charlie", criticality="medium", status="ended", incident_relevant=True)
    services.service_create(supplier=a, actor=actor, name="Cloud opslag", kind="both")
    services.service_create(supplier=a, actor=actor, name="Servers", kind="equipment")
    services.contact_create(supplier=b, actor=actor, name="Jan", role="dpo", email="jan@example.org")
    make_supplier(organisation=other_org, name="Alfa elders", criticality="critical")
    return a, b, c


def names(qs) -> list[str]:  # noqa: ANN001
    return [s.name for s in qs]


def test_scoped_and_counted(org, register) -> None:  # noqa: ANN001
    qs = selectors.supplier_list(organisation=org)
    assert names(qs) == ["alfa", "Bravo", "Charlie"]  # case-insensitive by name, other org absent
    counts = {s.name: (s.service_count, s.contact_count) for s in qs}
    assert counts == {"alfa": (2, 0), "Bravo": (0, 1), "Charlie": (0, 0)}


def test_filters(org, register) -> None:  # noqa: ANN001
    def f(**kw) -> list[str]:  # noqa: ANN003
        return names(selectors.supplier_list(organisation=org, **kw))

    assert f(status="active") == ["alfa"]
    assert f(status=["active", "ended"]) == ["alfa", "Charlie"]
    assert f(criticality="critical") == ["Bravo"]
    assert f(service_kind="service") == ["alfa"]  # "both" supplies a service too
    assert f(service_kind="equipment") == ["alfa"]
    assert f(service_kind="both") == ["alfa"]
    assert f(personal_data=True) == ["Bravo"]
    assert f(personal_data=False) == ["alfa", "Charlie"]
    assert f(incident_relevant=True) == ["Charlie"]
    assert f(status="prospect", criticality="critical") == ["Bravo"]


@pytest.mark.parametrize(
    "search, expected",
    [
        ("ALFA", ["alfa"]),
        ("0202239951", ["alfa"]),  # digits find the formatted number
        ("239.951", ["alfa"]),
        ("opslag", ["alfa"]),  # a service name
        ("team ict", ["Bravo"]),  # every word must match
        ("gent", ["alfa"]),
        ("zulu", []),
    ],
)
def test_search(org, register, search: str, expected: list[str]) -> None:  # noqa: ANN001
    assert names(selectors.supplier_list(organisation=org, search=search)) == expected


@pytest.mark.parametrize(
    "ordering, expected",
    [
        ("name", ["alfa", "Bravo", "Charlie"]),
        ("-name", ["Charlie", "Bravo", "alfa"]),
        ("criticality", ["Bravo", "Charlie", "alfa"]),  # critical, medium, low
        ("-criticality", ["alfa", "Charlie", "Bravo"]),
        ("status", ["Bravo", "alfa", "Charlie"]),  # prospect, active, ended
        ("-services", ["alfa", "Bravo", "Charlie"]),
        ("nonsense", ["alfa", "Bravo", "Charlie"]),
    ],
)
def test_ordering(org, register, ordering: str, expected: list[str]) -> None:  # noqa: ANN001
    assert names(selectors.supplier_list(organisation=org, ordering=ordering)) == expected


def test_get_is_scoped(org, other_org, register) -> None:  # noqa: ANN001
    a = register[0]
    assert selectors.supplier_get(organisation=org, pk=a.pk) == a
    for pk in (a.pk, "abc", None, 999999):
        with pytest.raises(Http404):
            selectors.supplier_get(organisation=other_org, pk=pk)
    with pytest.raises(Http404):
        selectors.supplier_detail(organisation=other_org, pk=a.pk)
    service = a.services.first()
    with pytest.raises(Http404):
        selectors.service_get(organisation=other_org, supplier_pk=a.pk, pk=service.pk)
    assert selectors.service_get(organisation=org, supplier_pk=a.pk, pk=service.pk) == service


def test_detail_prefetches(org, register, django_assert_num_queries) -> None:  # noqa: ANN001
    a = register[0]
    with django_assert_num_queries(5):  # 404 check, supplier, services, contacts, status changes
        s = selectors.supplier_detail(organisation=org, pk=a.pk)
    with django_assert_num_queries(0):
        assert len(s.services.all()) == 2
        assert [c.to_status for c in s.status_changes.all()] == ["active"]


def test_history_includes_children_only_of_this_supplier(org, register, actor) -> None:  # noqa: ANN001
    a, b, _c = register
    history = list(selectors.supplier_history(supplier=a))
    assert {e.object_type for e in history} == {"suppliers.supplier", "suppliers.service"}
    assert all(e.object_id == str(a.pk) or e.parent_id == str(a.pk) for e in history)


def test_status_counts(org, register) -> None:  # noqa: ANN001
    counts = selectors.supplier_status_counts(organisation=org)
    assert counts["active"] == 1 and counts["prospect"] == 1 and counts["ended"] == 1 and counts["screening"] == 0
