"""Gap report exports (PDF, XLSX, CSV), the assessment JSON export and the matrix's query count."""

from __future__ import annotations

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from ketenwacht.assessments import services
from ketenwacht.assessments.exports import assessment_export
from ketenwacht.assessments.models import Answer, Assessment, CatalogVersion
from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers.models import Supplier
from tests.assessments.conftest import answer_all
from tests.factories import verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def gapped(as_editor, assessment, tiny) -> Assessment:  # noqa: ANN001
    """T-1.1 (blocking) not met, T-1.2 partly met, T-2.1 met: gaps are T-1.1 and T-1.2."""
    for item_id, status in [("T-1.1", "not_met"), ("T-1.2", "partly"), ("T-2.1", "met")]:
        services.answer_set(assessment=assessment, actor=as_editor, catalog_version=tiny, item_id=item_id,
                            status=status, clause_reference=f"art. {item_id}")
    return assessment


def gap_url(supplier: Supplier, fmt: str) -> str:
    return reverse("assessments:supplier_gaps", args=[supplier.pk]) + f"?format={fmt}"


def test_gap_report_pdf_names_the_gap_items(editor, gapped, supplier) -> None:  # noqa: ANN001
    response = verified_client(editor).get(gap_url(supplier, "pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "T-1.1" in text and "T-1.2" in text
    assert "T-2.1" not in text  # met: not a gap


def test_gap_report_xlsx_has_the_gap_rows(editor, gapped, supplier) -> None:  # noqa: ANN001
    response = verified_client(editor).get(gap_url(supplier, "xlsx"))
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    cells = [row[0] for sheet in workbook.worksheets[1:] for row in sheet.iter_rows(values_only=True)]
    assert "T-1.1" in cells and "T-1.2" in cells and "T-2.1" not in cells


def test_gap_report_csv_parses_with_one_row_per_gap(editor, gapped, supplier) -> None:  # noqa: ANN001
    response = verified_client(editor).get(gap_url(supplier, "csv"))
    assert response.status_code == 200
    parsed = csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    rows = [row for row in parsed if row and not row[0].startswith("#")]  # metadata lines start with #
    header, body = rows[0], rows[1:]
    assert len(header) == 8  # catalog, item, section, question, status, ask, mappings, blocking
    assert [(r[0], r[1]) for r in body] == [("tiny 1.0", "T-1.1"), ("tiny 1.0", "T-1.2")]
    assert body[0][7] != "" and body[1][7] == ""  # only T-1.1 is blocking


def test_unknown_export_format_is_404_not_500(editor, gapped, supplier) -> None:  # noqa: ANN001
    assert verified_client(editor).get(gap_url(supplier, "docx")).status_code == 404


def test_matrix_exports(editor, gapped) -> None:  # noqa: ANN001
    client = verified_client(editor)
    for fmt, magic in [("pdf", b"%PDF"), ("xlsx", b"PK"), ("csv", b"\xef\xbb\xbf")]:
        response = client.get(reverse("assessments:matrix") + f"?catalog=tiny&format={fmt}")
        assert response.status_code == 200 and response.content.startswith(magic), fmt


def test_assessment_export_has_scores_blocking_items_and_checksums(
    as_editor, as_officer, assessment, tiny  # noqa: ANN001
) -> None:
    answer_all(assessment, as_editor, tiny, status="partly")
    services.assessment_submit(assessment=assessment, actor=as_editor)
    services.assessment_sign_off(assessment=assessment, actor=as_officer, remarks="ok")
    data = assessment_export(Assessment.objects.get(pk=assessment.pk))
    catalog = data["catalogs"][0]
    assert (catalog["id"], catalog["version"], catalog["checksum"]) == ("tiny", "1.0", tiny.checksum)
    # All partly met: 0.5 × (2 + 1) = 1.5 of 3 and 0.5 × 3 = 1.5 of 3 → 50 % each, 3 of 6 overall.
    assert catalog["score"]["earned"] == 3 and catalog["score"]["maximum"] == 6 and catalog["score"]["percent"] == 50
    assert [s["earned"] for s in catalog["score"]["sections"]] == [1.5, 1.5]
    assert catalog["score"]["blocking_unmet"] == []  # partly met is not "not met"
    assert [a["item_id"] for a in data["answers"]] == ["T-1.1", "T-1.2", "T-2.1"]
    assert [s["action"] for s in data["review_steps"]] == ["submitted", "signed_off"]
    assert data["assessment"]["status"] == "signed_off"
    assert data["assessment"]["signed_off_by"] == as_officer.user.email


def _suppliers_with_assessments(org: Organisation, actor: Actor, version: CatalogVersion, count: int) -> None:
    start = Supplier.objects.filter(organisation=org).count()
    for n in range(start, start + count):
        supplier = Supplier.objects.create(organisation=org, name=f"Leverancier {n:03d}", criticality="high")
        assessment = services.assessment_create(organisation=org, actor=actor, supplier=supplier,
                                                catalog_versions=[version])
        Answer.objects.bulk_create([
            Answer(organisation=org, assessment=assessment, catalog_version=version, item_id=item.id,
                   status=["met", "partly", "not_met"][(n + i) % 3], answered_at=timezone.now())
            for i, item in enumerate(version.catalog.items)
        ])


def test_matrix_query_count_does_not_grow_with_suppliers(org, editor, as_editor, tiny, django_assert_num_queries) -> None:  # noqa: ANN001
    client = verified_client(editor)
    url = reverse("assessments:matrix") + "?catalog=tiny"
    _suppliers_with_assessments(org, as_editor, tiny, 3)
    client.get(url)  # the first request stores the shipped catalog snapshots
    with CaptureQueriesContext(connection) as three:
        page = client.get(url)
    assert page.status_code == 200 and page.content.count(b"Leverancier 0") == 3
    _suppliers_with_assessments(org, as_editor, tiny, 27)
    with django_assert_num_queries(len(three.captured_queries)):
        page = client.get(url)
    assert page.content.count(b"Leverancier 0") == 30
