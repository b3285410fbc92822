import pytest
from ketenwacht.suppliers import selectors
from ketenwacht.suppliers.models import Supplier
from ketenwacht.suppliers.views import suppliers as views
from tests.crawl.isolation import isolation_problems
from tests.crawl.patterns import pattern_problems

@pytest.mark.django_db
def test_mut(world, monkeypatch):
    def leaky(*, organisation, pk):
        s = Supplier.objects.get(pk=pk)
        return selectors.supplier_detail(organisation=s.organisation, pk=pk)
    monkeypatch.setattr(views, "supplier_detail", leaky)
    probs = isolation_problems(world)
    for p in probs[:5]: print(p)
    print(len(probs))
    probs = pattern_problems(world)
    for p in probs[:5]: print(p)
    print(len(probs))
