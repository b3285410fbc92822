"""The policy gate: no move to active without a clean, signed-off DTC SLA review or an override."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ketenwacht.assessments import selectors, services
from ketenwacht.suppliers import services as supplier_services
from ketenwacht.suppliers.models import SupplierStatus

pytestmark = pytest.mark.django_db


def _dtc(org):  # noqa: ANN001, ANN202
    return next(v for v in selectors.catalog_versions_available(organisation=org) if v.catalog_id == "dtc-sla")


def _signed_off_review(org, supplier, as_editor, as_officer, status_for):  # noqa: ANN001, ANN202
    dtc = _dtc(org)
    assessment = services.assessment_create(organisation=org, actor=as_editor, supplier=supplier,
                                            catalog_versions=[dtc])
    for item in dtc.catalog.items:
        services.answer_set(assessment=assessment, actor=as_editor, catalog_version=dtc, item_id=item.id,
                            status=status_for(item))
    services.assessment_submit(assessment=assessment, actor=as_editor)
    services.assessment_sign_off(assessment=assessment, actor=as_officer)
    return assessment


def test_without_review_the_move_to_active_is_refused(supplier, as_editor) -> None:  # noqa: ANN001
    with pytest.raises(ValidationError) as exc:
        supplier_services.supplier_change_status(supplier=supplier, actor=as_editor, to_status=SupplierStatus.ACTIVE)
    assert "DTC" in " ".join(exc.value.message_dict["status"])
    supplier.refresh_from_db()
    assert supplier.status == SupplierStatus.PROSPECT


def test_unmet_blocking_item_keeps_the_gate_closed(org, supplier, as_editor, as_officer) -> None:  # noqa: ANN001
    _signed_off_review(org, supplier, as_editor, as_officer, lambda item: "not_met" if item.id == "DTC-6.3" else "met")
    reasons = selectors.supplier_activation_blockers(supplier)
    assert len(reasons) == 1 and "DTC-6.3" in reasons[0]


def test_clean_signed_off_review_opens_the_gate(org, supplier, as_editor, as_officer) -> None:  # noqa: ANN001
    # Non-blocking items may be unmet; only blocking ones close the gate.
    _signed_off_review(org, supplier, as_editor, as_officer,
                       lambda item: "met" if item.blocking else "not_met")
    supplier_services.supplier_change_status(supplier=supplier, actor=as_editor, to_status=SupplierStatus.ACTIVE)
    supplier.refresh_from_db()
    assert supplier.status == SupplierStatus.ACTIVE


def test_override_by_policy_officer_only_and_with_reason(supplier, as_editor, as_officer) -> None:  # noqa: ANN001
    with pytest.raises(PermissionDenied):
        services.policy_override_create(supplier=supplier, actor=as_editor, reason="Noodsituatie, contract volgt")
    with pytest.raises(ValidationError):
        services.policy_override_create(supplier=supplier, actor=as_officer, reason="kort")
    services.policy_override_create(supplier=supplier, actor=as_officer, reason="Noodsituatie, contract volgt")
    supplier_services.supplier_change_status(supplier=supplier, actor=as_editor, to_status=SupplierStatus.ACTIVE)
    assert supplier.policy_overrides.get().decided_by == as_officer.user
