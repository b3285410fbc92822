"""Small builders for contracts, SLA versions and performance data (shared with tests/performance).

Organisations, members and logged-in clients come from ``tests/factories.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from ketenwacht.contracts import services
from ketenwacht.contracts.models import Contract, SlaVersion
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Service, Supplier

_seq = itertools.count(1)
BRUSSELS = ZoneInfo("Europe/Brussels")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
OFFICE = {"timezone": "Europe/Brussels",
          "weekly": {d: [["08:00", "17:00"]] for d in ("mon", "tue", "wed", "thu", "fri")},
          "public_holidays": {"country": "BE"}}


def local(*args: int, zone: ZoneInfo = BRUSSELS) -> dt.datetime:
    return dt.datetime(*args, tzinfo=zone)


def make_supplier(organisation: Organisation, name: str | None = None) -> Supplier:
    return Supplier.objects.create(organisation=organisation, name=name or f"Leverancier {next(_seq)}")


def make_service(supplier: Supplier, name: str | None = None) -> Service:
    return Service.objects.create(organisation_id=supplier.organisation_id, supplier=supplier,
                                  name=name or f"Dienst {next(_seq)}")


def make_contract(organisation: Organisation, actor: Actor | None = None, **fields: Any) -> Contract:
    actor = actor or Actor.system()
    supplier = fields.pop("supplier", None) or make_supplier(organisation)
    defaults = {"reference": f"C-{next(_seq)}", "title": "Hosting", "start_date": dt.date(2024, 1, 1),
                "end_date": dt.date(2027, 12, 31), "value_per_month": Decimal("1000.00")}
    defaults.update(fields)
    return services.contract_create(organisation=organisation, actor=actor, supplier=supplier, **defaults)


def make_version(contract: Contract, actor: Actor | None = None, targets: list[dict] | None = None,
                 **fields: Any) -> SlaVersion:
    defaults = {"label": "SLA 1", "valid_from": contract.start_date, "valid_until": None,
                "timezone": "Europe/Brussels", "availability_target_percent": Decimal("99.9"),
                "availability_period": "month", "downtime_definition": "full_only", "maintenance": "excluded"}
    defaults.update(fields)
    return services.sla_version_create(contract=contract, actor=actor or Actor.system(),
                                       priority_targets=targets or [], **defaults)


def target(priority: str, response: float | None, resolution: float | None, unit: str = "business_hours",
           resolution_unit: str | None = None, name: str = "") -> dict:
    return {"priority": priority, "name": name or priority, "definition": f"Definitie {priority}",
            "response_value": None if response is None else Decimal(str(response)), "response_unit": unit,
            "resolution_value": None if resolution is None else Decimal(str(resolution)),
            "resolution_unit": resolution_unit or unit}
