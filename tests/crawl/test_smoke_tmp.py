import pytest
from tests.crawl.world import MARKER, verified_client

@pytest.mark.django_db
def test_world(world):
    from ketenwacht.suppliers.models import Supplier
    assert Supplier.objects.filter(organisation=world.org_b, name__contains=MARKER).count() > 5
    c = verified_client(world.users_a["admin"])
    r = c.get("/")
    assert r.status_code == 200
    print(len(r.content))
