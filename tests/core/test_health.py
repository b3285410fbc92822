import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_answers_ok_with_database_vendor(database_vendor: str) -> None:
    response = Client().get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == database_vendor
