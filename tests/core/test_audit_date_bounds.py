"""The audit trail's date filter at the ends of the calendar: answered, never a server error.

Found by the crawler (tests/crawl): ``date_to=9999-12-31`` overflowed when the filter added a day,
``date_from=0001-01-01`` when the Brussels midnight was converted to UTC.
"""

from __future__ import annotations

import pytest

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation, Role
from ketenwacht.core.services import organisation_update
from tests.core.conftest import make_user
from tests.factories import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(org: Organisation):  # noqa: ANN201
    org.timezone = Organisation.TimeZone.BRUSSELS
    org.save()
    organisation_update(actor=Actor.system(), organisation=org, name="Stad Gent (nieuw)")  # one event to find
    return verified_client(make_user("admin@gent.example", org, Role.ADMIN))


@pytest.mark.parametrize("query", [
    "date_to=9999-12-31",
    "date_from=0001-01-01",
    "date_from=0001-01-01&date_to=9999-12-31",
])
def test_extreme_dates_filter_nothing_out(admin_client, query: str) -> None:  # noqa: ANN001
    assert admin_client.get(f"/organisation/audit/?{query}").status_code == 200
    export = admin_client.get(f"/organisation/audit/export.csv?{query}")
    assert export.status_code == 200
    assert "Stad Gent (nieuw)" in b"".join(export.streaming_content).decode()


def test_a_date_range_in_the_past_still_filters(admin_client) -> None:  # noqa: ANN001
    export = admin_client.get("/organisation/audit/export.csv?date_from=1999-01-01&date_to=1999-12-31")
    assert export.status_code == 200
    assert "Stad Gent (nieuw)" not in b"".join(export.streaming_content).decode()
