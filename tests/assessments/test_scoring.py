"""Scores computed by hand for the tiny catalog (weights 2, 1 | 3)."""

from decimal import Decimal

from ketenwacht.assessments.scoring import gap_items, score_catalog
from ketenwacht.catalogs import load_catalog
from tests.assessments.conftest import TINY_CATALOG

CATALOG = load_catalog(TINY_CATALOG)


def test_weighted_score_with_partly_met_and_not_applicable() -> None:
    # Section 1: T-1.1 met (2 of 2), T-1.2 partly (0.5 of 1) → 2.5 / 3 = 83.3 %.
    # Section 2: T-2.1 not applicable → excluded; no maximum, no percentage.
    score = score_catalog(CATALOG, {"T-1.1": "met", "T-1.2": "partly", "T-2.1": "not_applicable"})
    first, second = score.sections
    assert first.earned == Decimal("2.5") and first.maximum == 3
    assert first.percent == Decimal("83.3")
    assert second.percent is None
    assert score.percent == Decimal("83.3")
    assert score.complete and score.blocking_unmet == ()


def test_unanswered_counts_in_maximum_and_blocks() -> None:
    score = score_catalog(CATALOG, {"T-2.1": "met"})
    assert score.answered == 1 and score.total == 3
    # earned 3 of maximum 2 + 1 + 3 = 6 → 50 %
    assert score.percent == Decimal("50.0")
    assert [i.id for i in score.blocking_unmet] == ["T-1.1"]


def test_blocking_item_not_met_is_called_out() -> None:
    score = score_catalog(CATALOG, {"T-1.1": "not_met", "T-1.2": "met", "T-2.1": "met"})
    assert [i.id for i in score.blocking_unmet] == ["T-1.1"]
    assert score.percent == Decimal("66.7")  # 4 of 6


def test_gap_items_lists_not_met_partly_and_unanswered_in_order() -> None:
    gaps = gap_items(CATALOG, {"T-1.1": "partly", "T-2.1": "met"})
    assert [(item.id, state) for _, item, state in gaps] == [("T-1.1", "partly"), ("T-1.2", "unanswered")]
