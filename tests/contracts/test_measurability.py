"""The measurability check: missing numbers, units, periods and vague wording, each with a reason."""

from __future__ import annotations

import pytest

from ketenwacht.contracts.measurability import check_terms, vague_phrases

COMPLETE = {
    "availability_target_percent": 99.8, "availability_period": "month", "downtime_definition": "full_only",
    "maintenance": "excluded", "maintenance_windows": [{"day": "sun", "start": "02:00", "end": "06:00"}],
    "maintenance_max_minutes": 240, "maintenance_max_period": "month", "maintenance_notice_value": 5,
    "maintenance_notice_unit": "working_days", "service_hours": "24x7", "support_hours": "24x7",
    "security_notification_value": 24, "security_notification_unit": "hours", "backup_frequency_value": 24,
    "backup_frequency_unit": "hours", "backup_retention_value": 30, "backup_retention_unit": "days", "rpo_value": 4,
    "rpo_unit": "hours", "rto_value": 8, "rto_unit": "hours", "patch_critical_value": 72,
    "patch_critical_unit": "hours", "audit_right": True, "audit_frequency_value": 1, "audit_frequency_unit": "years",
    "pentest_frequency_value": 12, "pentest_frequency_unit": "months",
    "credit_tiers": [{"below_percent": 99.8, "credit_percent": 10}], "credit_cap_percent": 30,
    "liability_cap_amount": 250000, "wording": {},
}
PRIORITIES = [{"priority": "P1", "definition": "Dienst ligt plat voor iedereen", "response_value": 1,
               "response_unit": "business_hours", "resolution_value": 4, "resolution_unit": "business_hours"}]


def test_complete_terms_are_measurable() -> None:
    assert check_terms(COMPLETE, PRIORITIES) == []


@pytest.mark.parametrize(("change", "term", "code", "field"), [
    ({"availability_target_percent": None}, "availability", "missing_value", "availability_target_percent"),
    ({"availability_period": ""}, "availability", "missing_period", "availability_period"),
    ({"maintenance": ""}, "maintenance", "not_agreed", "maintenance"),
    ({"maintenance_max_period": ""}, "maintenance", "missing_period", "maintenance_max_period"),
    ({"rpo_unit": ""}, "rpo", "missing_unit", "rpo_unit"),
    ({"rto_value": None}, "rto", "missing_value", "rto_value"),
    ({"audit_frequency_value": None}, "audit", "missing_period", "audit_frequency_value"),
    ({"audit_right": None}, "audit", "not_agreed", "audit_right"),
    ({"credit_cap_percent": None}, "credits", "missing_value", "credit_cap_percent"),
    ({"support_hours": None}, "support_hours", "not_agreed", "support_hours"),
    ({"downtime_definition": "partial_weighted", "partial_weight": None}, "downtime", "missing_value",
     "partial_weight"),
])
def test_each_gap_is_flagged_once_with_a_reason(change, term, code, field) -> None:  # noqa: ANN001
    findings = check_terms({**COMPLETE, **change}, PRIORITIES)
    assert [(f.term, f.code, f.field) for f in findings] == [(term, code, field)]
    assert findings[0].reason and findings[0].ask


def test_target_without_period_explains_why() -> None:
    (finding,) = check_terms({**COMPLETE, "availability_period": ""}, PRIORITIES)
    assert "per year" in finding.reason and "per month" in finding.reason


def test_priority_gaps() -> None:
    rows = [{"priority": "P2", "definition": "", "response_value": 4, "response_unit": "",
             "resolution_value": None, "resolution_unit": ""}]
    codes = sorted((f.code, f.field) for f in check_terms(COMPLETE, rows))
    assert codes == [("missing_unit", "priority_targets.0.response_unit"),
                     ("missing_value", "priority_targets.0.resolution_value"),
                     ("not_agreed", "priority_targets.0.definition")]
    assert [f.code for f in check_terms(COMPLETE, [])] == ["not_agreed"]


@pytest.mark.parametrize(("text", "phrase"), [
    ("Storingen worden zo snel mogelijk verholpen.", "zo snel mogelijk"),
    ("De leverancier herstelt ZO SPOEDIG MOGELIJK.", "ZO SPOEDIG MOGELIJK"),
    ("binnen een redelijke termijn", "redelijke termijn"),
    ("Onderhoud vindt plaats in overleg met de klant.", "in overleg"),
    ("Wij streven naar 99,9 %", "streven"),
    ("Leverancier streeft ernaar", "streeft"),
    ("Support is provided on a best-effort basis", "best-effort"),
    ("using commercially reasonable efforts", "commercially reasonable efforts"),
    ("Backups worden regelmatig gemaakt", "regelmatig"),
    ("Wij reageren zsm.", "zsm"),
    ("Meldingen   worden\nzo  snel   mogelijk behandeld", "zo  snel   mogelijk"),
])
def test_vague_wording_is_found_as_written(text, phrase) -> None:  # noqa: ANN001
    assert [p for p, _reason in vague_phrases(text)] == [phrase]


@pytest.mark.parametrize("text", [
    "Beschikbaarheid 99,8 % per kalendermaand, gemeten in Europe/Brussels.",
    "Reactie binnen 4 kantooruren, oplossing binnen 2 werkdagen.",
    "Backups elke 24 uur, 30 dagen bewaard.",
    "The streaming service",  # 'stre…' inside another word is not 'streven'
])
def test_measurable_wording_is_not_flagged(text) -> None:  # noqa: ANN001
    assert vague_phrases(text) == []


def test_vague_wording_in_terms_is_a_finding() -> None:
    terms = {**COMPLETE, "wording": {"rto": "Herstel gebeurt zo spoedig mogelijk na een calamiteit."}}
    (finding,) = check_terms(terms, PRIORITIES)
    assert (finding.term, finding.code, finding.phrase, finding.field) == ("rto", "vague", "zo spoedig mogelijk",
                                                                           "wording.rto")
    assert "8 hours" in finding.ask
