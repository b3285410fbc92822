"""Demo contracts of Gemeente Voorbeeldstad with SLA terms, from fully measurable to vague.

* 2022-ICT-014 (hosting): 99.9 % per month, maintenance excluded, every term measurable.
* 2023-SAAS-003 (civil affairs SaaS): two SLA versions, now 99.5 % per year with maintenance
  excluded; some vague wording and gaps for the measurability check to find.
* 2024-WP-021 (managed workplace): response and resolution per priority in business hours and
  working days on office hours with Belgian public holidays.
* 2021-NET-007 (network): partial outages weighted; ends soon, its notice deadline has passed.
* 2025-TEL-002 (telephony): a thin SLA full of "best effort".
* MW-STD-2023 (e-mail SaaS): the supplier's standard terms, in English.

All writes go through the contract services (audited); running it again refreshes the demo
contracts and never duplicates them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ketenwacht.contracts import services
from ketenwacht.contracts.models import Contract, SlaVersion
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Service, Supplier

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def office(opens: str = "08:00", closes: str = "17:00", country: str = "BE") -> dict[str, Any]:
    return {"timezone": "Europe/Brussels", "weekly": {d: [[opens, closes]] for d in WEEKDAYS},
            "public_holidays": {"country": country}}


def _targets(rows: list[tuple[str, str, str, float, str, float, str]]) -> list[dict[str, Any]]:
    return [{"priority": p, "name": name, "definition": definition, "response_value": Decimal(str(rv)),
             "response_unit": ru, "resolution_value": Decimal(str(sv)), "resolution_unit": su}
            for p, name, definition, rv, ru, sv, su in rows]


PRIORITY_NAMES = {
    "P1": ("Kritiek", "De dienst ligt plat voor alle gebruikers of een wettelijke termijn komt in gevaar."),
    "P2": ("Hoog", "Een belangrijk deel van de dienst werkt niet of een hele afdeling kan niet werken."),
    "P3": ("Normaal", "Eén gebruiker of een onderdeel werkt niet; er is een omweg."),
    "P4": ("Laag", "Een vraag, een wens of een hinderlijk maar onschuldig probleem."),
}


def _p(priority: str, rv: float, ru: str, sv: float, su: str) -> tuple:
    name, definition = PRIORITY_NAMES[priority]
    return (priority, name, definition, rv, ru, sv, su)


FULL_TERMS: dict[str, Any] = {
    "maintenance_windows": [{"day": "sun", "start": "02:00", "end": "06:00"}],
    "maintenance_max_minutes": 240, "maintenance_max_period": "month", "maintenance_notice_value": 5,
    "maintenance_notice_unit": "working_days", "security_notification_value": 24,
    "security_notification_unit": "hours", "backup_frequency_value": 24, "backup_frequency_unit": "hours",
    "backup_retention_value": 30, "backup_retention_unit": "days", "rpo_value": 24, "rpo_unit": "hours",
    "rto_value": 8, "rto_unit": "hours", "patch_critical_value": 72, "patch_critical_unit": "hours",
    "audit_right": True, "audit_frequency_value": 1, "audit_frequency_unit": "years", "pentest_frequency_value": 12,
    "pentest_frequency_unit": "months", "credit_cap_percent": Decimal("50"),
}


def _contracts(today: dt.date) -> list[dict[str, Any]]:
    ending = today + dt.timedelta(days=75)
    return [
        {"supplier": "Datacentrum Scheldeland NV", "services": ["Hosting in private cloud", "Externe back-up"],
         "fields": {"reference": "2022-ICT-014", "title": "Hosting van de gemeentelijke toepassingen",
                    "framework_contract": "RC-2022-014", "start_date": dt.date(2022, 9, 1),
                    "end_date": dt.date(2027, 8, 31), "notice_period_value": 6, "notice_period_unit": "months",
                    "renewal": "tacit", "renewal_period_months": 12, "value_per_month": Decimal("8500.00"),
                    "internal_owner": "Dienst ICT – teamleider infrastructuur"},
         "versions": [{"label": "SLA hosting 2022", "valid_from": dt.date(2022, 9, 1), "terms": {
             **FULL_TERMS, "availability_target_percent": Decimal("99.9"), "availability_period": "month",
             "downtime_definition": "full_only", "maintenance": "excluded", "service_hours": "24x7",
             "support_hours": "24x7", "liability_cap_amount": Decimal("500000"),
             "credit_tiers": [{"below_percent": 99.9, "credit_percent": 10},
                              {"below_percent": 99.5, "credit_percent": 25},
                              {"below_percent": 99.0, "credit_percent": 50}],
             "wording": {"availability": "Beschikbaarheid van 99,9 % per kalendermaand, gemeten in Europe/Brussels, "
                                         "gepland onderhoud in het onderhoudsvenster niet meegerekend."}},
             "targets": _targets([_p("P1", 0.5, "clock", 4, "clock"), _p("P2", 1, "clock", 8, "clock"),
                                  _p("P3", 4, "business_hours", 3, "working_days"),
                                  _p("P4", 8, "business_hours", 10, "working_days")])}]},
        {"supplier": "Burgerzaken Online BV", "services": ["Burgerzakentoepassing (SaaS)"],
         "fields": {"reference": "2023-SAAS-003", "title": "Burgerzakenapplicatie als dienst",
                    "start_date": dt.date(2023, 1, 1), "end_date": dt.date(2026, 12, 31), "notice_period_value": 3,
                    "notice_period_unit": "months", "renewal": "explicit", "value_per_month": Decimal("3200.00"),
                    "internal_owner": "Burgerzaken – diensthoofd"},
         "versions": [
             {"label": "SLA 2023–2024", "valid_from": dt.date(2023, 1, 1), "valid_until": dt.date(2024, 12, 31),
              "terms": {"availability_target_percent": Decimal("99.0"), "availability_period": "year",
                        "downtime_definition": "full_only", "maintenance": "excluded", "service_hours": "24x7",
                        "support_hours": office(country="NL")},
              "targets": _targets([_p("P1", 2, "business_hours", 8, "business_hours"),
                                   _p("P2", 4, "business_hours", 3, "working_days")])},
             {"label": "SLA 2025", "valid_from": dt.date(2025, 1, 1), "terms": {
                 "availability_target_percent": Decimal("99.5"), "availability_period": "year",
                 "downtime_definition": "full_only", "maintenance": "excluded", "service_hours": "24x7",
                 "support_hours": office(country="NL"), "maintenance_windows": [
                     {"day": "sat", "start": "22:00", "end": "24:00"}, {"day": "sun", "start": "00:00", "end": "04:00"}],
                 "security_notification_value": 48, "security_notification_unit": "hours",
                 "backup_frequency_value": 24, "backup_frequency_unit": "hours", "backup_retention_value": 90,
                 "backup_retention_unit": "days", "audit_right": True,
                 "credit_tiers": [{"below_percent": 99.5, "credit_percent": 5}],
                 "liability_cap_amount": Decimal("100000"),
                 "wording": {"maintenance": "Gepland onderhoud wordt in overleg met de klant ingepland.",
                             "rto": "Na een calamiteit wordt de dienst zo spoedig mogelijk hersteld."}},
              "targets": _targets([_p("P1", 1, "business_hours", 8, "business_hours"),
                                   _p("P2", 4, "business_hours", 2, "working_days"),
                                   _p("P3", 8, "business_hours", 5, "working_days")])},
         ]},
        {"supplier": "Vlotte Werkplek BV", "services": ["Beheerde werkplek"],
         "fields": {"reference": "2024-WP-021", "title": "Beheerde werkplek en servicedesk",
                    "framework_contract": "RC-2023-008", "start_date": dt.date(2024, 1, 1),
                    "end_date": dt.date(2028, 12, 31), "notice_period_value": 6, "notice_period_unit": "months",
                    "renewal": "none", "value_per_month": Decimal("14000.00"),
                    "internal_owner": "Dienst ICT – servicedeskcoördinator"},
         "versions": [{"label": "SLA werkplek 2024", "valid_from": dt.date(2024, 1, 1), "terms": {
             **FULL_TERMS, "availability_target_percent": Decimal("99.0"), "availability_period": "month",
             "downtime_definition": "partial_weighted", "partial_weight": Decimal("0.5"), "maintenance": "excluded",
             "service_hours": office("07:00", "19:00"), "support_hours": office(),
             "maintenance_windows": [{"day": "wed", "start": "19:00", "end": "23:00"}],
             "credit_tiers": [{"below_percent": 99.0, "credit_percent": 5}, {"below_percent": 97.0, "credit_percent": 15}],
             "credit_cap_percent": Decimal("20"), "liability_cap_amount": Decimal("250000")},
             "targets": _targets([_p("P1", 1, "business_hours", 4, "business_hours"),
                                  _p("P2", 2, "business_hours", 8, "business_hours"),
                                  _p("P3", 4, "business_hours", 2, "working_days"),
                                  _p("P4", 8, "business_hours", 5, "working_days")])}]},
        {"supplier": "Netwerk Kempen NV", "services": ["WAN en internettoegang", "Beheerde routers"],
         "fields": {"reference": "2021-NET-007", "title": "WAN-verbindingen en internettoegang",
                    "start_date": dt.date(2021, 4, 1), "end_date": ending, "notice_period_value": 3,
                    "notice_period_unit": "months", "renewal": "tacit", "renewal_period_months": 12,
                    "value_per_month": Decimal("2750.00"), "internal_owner": "Dienst ICT – netwerkbeheerder"},
         "versions": [{"label": "SLA netwerk", "valid_from": dt.date(2021, 4, 1), "terms": {
             **FULL_TERMS, "availability_target_percent": Decimal("99.95"), "availability_period": "month",
             "downtime_definition": "partial_weighted", "partial_weight": Decimal("0.5"), "maintenance": "excluded",
             "service_hours": "24x7", "support_hours": "24x7",
             "credit_tiers": [{"below_percent": 99.95, "credit_percent": 10}, {"below_percent": 99.5, "credit_percent": 30}],
             "liability_cap_amount": Decimal("150000")},
             "targets": _targets([_p("P1", 0.25, "clock", 4, "clock"), _p("P2", 1, "clock", 12, "clock")])}]},
        {"supplier": "TeleVoice Benelux BV", "services": ["Cloudtelefonie"],
         "fields": {"reference": "2025-TEL-002", "title": "Cloudtelefonie", "start_date": dt.date(2025, 1, 1),
                    "end_date": dt.date(2027, 12, 31), "notice_period_value": 2, "notice_period_unit": "months",
                    "renewal": "tacit", "renewal_period_months": 12, "value_per_month": Decimal("1900.00"),
                    "internal_owner": "Contactcenter – coördinator"},
         "versions": [{"label": "Standaard-SLA", "valid_from": dt.date(2025, 1, 1), "terms": {
             "availability_target_percent": Decimal("99.9"), "availability_period": "quarter",
             "maintenance": "counted", "service_hours": "24x7",
             "wording": {"support_hours": "Ondersteuning op basis van best effort.",
                         "priorities": "Storingen worden zo snel mogelijk opgelost.",
                         "backup": "Configuraties worden regelmatig geback-upt."}},
             "targets": _targets([_p("P1", 4, "business_hours", 24, "business_hours")])}]},
        {"supplier": "MailWolk Inc.", "services": ["E-mail en samenwerking (SaaS)"],
         "fields": {"reference": "MW-STD-2023", "title": "E-mail en samenwerking (standaardvoorwaarden)",
                    "start_date": dt.date(2023, 6, 1), "end_date": None, "notice_period_value": 30,
                    "notice_period_unit": "days", "renewal": "none",
                    "value_per_month": Decimal("2100.00"), "internal_owner": "Dienst ICT"},
         "versions": [{"label": "Online Services SLA", "valid_from": dt.date(2023, 6, 1), "timezone": "UTC", "terms": {
             "availability_target_percent": Decimal("99.9"), "availability_period": "month",
             "downtime_definition": "full_only", "maintenance": "excluded", "service_hours": "24x7",
             "credit_tiers": [{"below_percent": 99.9, "credit_percent": 10}, {"below_percent": 99.0, "credit_percent": 25},
                              {"below_percent": 95.0, "credit_percent": 100}],
             "credit_cap_percent": Decimal("100"),
             "wording": {"support_hours": "Support is provided using commercially reasonable efforts.",
                         "security_notification": "We will notify customers of a breach without undue delay."}},
             "targets": []}]},
    ]


def _ensure_version(contract: Contract, actor: Actor, spec: dict[str, Any]) -> SlaVersion:
    fields = {"label": spec["label"], "valid_from": spec["valid_from"], "valid_until": spec.get("valid_until"),
              "timezone": spec.get("timezone", "Europe/Brussels"), **spec["terms"]}
    version = SlaVersion.objects.filter(contract=contract, label=spec["label"]).first()
    if version is None:
        return services.sla_version_create(contract=contract, actor=actor, priority_targets=spec["targets"], **fields)
    changed = {k: v for k, v in fields.items() if getattr(version, k) != v}
    stored = sorted((t.priority, t.response_value, t.resolution_value) for t in version.priority_targets.all())
    wanted = sorted((t["priority"], t["response_value"], t["resolution_value"]) for t in spec["targets"])
    if changed or stored != wanted:
        services.sla_version_update(version=version, actor=actor,
                                    priority_targets=spec["targets"] if stored != wanted else None, **changed)
    return version


def ensure_contracts(organisation: Organisation, actor: Actor) -> list[Contract]:
    """Create or refresh the demo contracts (skipping any whose demo supplier is missing)."""
    out = []
    for spec in _contracts(timezone.localdate()):
        supplier = Supplier.objects.filter(organisation=organisation, name__iexact=spec["supplier"]).first()
        if supplier is None:
            continue
        covered = list(Service.objects.filter(supplier=supplier, name__in=spec["services"]))
        fields = {"supplier": supplier, **spec["fields"]}
        contract = Contract.objects.filter(organisation=organisation, reference__iexact=fields["reference"]).first()
        if contract is None:
            contract = services.contract_create(organisation=organisation, actor=actor, services=covered, **fields)
        else:
            changed = {k: v for k, v in fields.items() if getattr(contract, k) != v}
            if changed or set(contract.services.all()) != set(covered):
                services.contract_update(contract=contract, actor=actor, services=covered, **changed)
        for version in spec["versions"]:
            _ensure_version(contract, actor, version)
        out.append(contract)
    return out
