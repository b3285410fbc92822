"""The supplier list costs a fixed number of queries, however many suppliers and contacts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Contact, Supplier

pytestmark = pytest.mark.django_db

# Token lookup, its last-used stamp, the count, the page. Sessions add their own lookups, not per row.
MAX_LIST_QUERIES = 5


def bulk_suppliers(organisation: Organisation, count: int, contacts_each: int) -> None:
    suppliers = Supplier.objects.bulk_create(
        Supplier(organisation=organisation, name=f"Leverancier {i:03}", country="NL") for i in range(count)
    )
    Contact.objects.bulk_create(
        Contact(organisation=organisation, supplier=s, name=f"Contact {j}", role="escalation_1",
                email=f"c{j}@example.org")
        for s in suppliers for j in range(contacts_each)
    )


def test_list_of_60_suppliers_with_3_contacts_each_is_bounded(
    org_a, editor_a: APIClient, django_assert_max_num_queries  # noqa: ANN001
) -> None:
    bulk_suppliers(org_a.organisation, 60, 3)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        response = editor_a.get("/api/v1/suppliers?pageSize=100")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert len(rows) == 61
    assert {r["contactsCount"] for r in rows if r["name"].startswith("Leverancier 0")} == {3}


def test_query_count_does_not_grow_with_rows(org_a, editor_a: APIClient) -> None:  # noqa: ANN001
    editor_a.get("/api/v1/suppliers")  # stamps the token's last use, so both calls below skip it
    with CaptureQueriesContext(connection) as few:
        editor_a.get("/api/v1/suppliers?pageSize=500")
    bulk_suppliers(org_a.organisation, 120, 3)
    with CaptureQueriesContext(connection) as many:
        response = editor_a.get("/api/v1/suppliers?pageSize=500")
    assert response.json()["count"] == 121
    assert len(many) == len(few)


@pytest.mark.parametrize("path", ["/api/v1/services", "/api/v1/contacts"])
def test_child_lists_are_bounded(org_a, editor_a: APIClient, django_assert_max_num_queries,  # noqa: ANN001
                                 path: str) -> None:
    bulk_suppliers(org_a.organisation, 60, 3)
    with django_assert_max_num_queries(MAX_LIST_QUERIES):
        assert editor_a.get(f"{path}?pageSize=500").status_code == 200


def test_detail_is_bounded(org_a, editor_a: APIClient, django_assert_max_num_queries) -> None:  # noqa: ANN001
    supplier = org_a.supplier
    Contact.objects.bulk_create(
        Contact(organisation=org_a.organisation, supplier=supplier, name=f"C{j}", role="dpo", email="d@example.org")
        for j in range(20)
    )
    with django_assert_max_num_queries(8):
        response = editor_a.get(f"/api/v1/suppliers/{supplier.pk}")
    assert response.json()["contactsCount"] == 21
