"""Progress and scores of an assessment, from a catalog and its answers. No database access.

Scoring rule (documented in docs/assessments.md): an item earns its weight × 1 when met,
× 0.5 when partly met, × 0 when not met; "not applicable" items leave both the score and the
maximum; unanswered items count in the maximum (they are not met yet) and in the progress.
A blocking item that is not met — or not answered — blocks sign-off of a clean review.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ketenwacht.catalogs import Catalog, Item, Section

MET, PARTLY, NOT_MET, NOT_APPLICABLE = "met", "partly", "not_met", "not_applicable"
CREDIT = {MET: Decimal(1), PARTLY: Decimal("0.5"), NOT_MET: Decimal(0)}


def score_percent(earned: Decimal, maximum: Decimal) -> Decimal | None:
    """Score as a percentage (one decimal), ``None`` when every item is not applicable."""
    if maximum == 0:
        return None
    return (earned * 100 / maximum).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SectionScore:
    section: Section
    answered: int
    total: int
    earned: Decimal
    maximum: Decimal
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def percent(self) -> Decimal | None:
        return score_percent(self.earned, self.maximum)

    @property
    def progress_percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 100


@dataclass(frozen=True)
class CatalogScore:
    catalog: Catalog
    sections: tuple[SectionScore, ...]
    blocking_unmet: tuple[Item, ...]

    @property
    def answered(self) -> int:
        return sum(s.answered for s in self.sections)

    @property
    def total(self) -> int:
        return sum(s.total for s in self.sections)

    @property
    def earned(self) -> Decimal:
        return sum((s.earned for s in self.sections), Decimal(0))

    @property
    def maximum(self) -> Decimal:
        return sum((s.maximum for s in self.sections), Decimal(0))

    @property
    def percent(self) -> Decimal | None:
        return score_percent(self.earned, self.maximum)

    @property
    def complete(self) -> bool:
        return self.answered == self.total


def score_catalog(catalog: Catalog, answers: Mapping[str, str]) -> CatalogScore:
    """Score ``catalog`` given ``answers`` (item id → answer status; missing means unanswered)."""
    sections = []
    blocking: list[Item] = []
    for section in catalog.sections:
        earned = maximum = Decimal(0)
        answered = 0
        counts = {MET: 0, PARTLY: 0, NOT_MET: 0, NOT_APPLICABLE: 0, "unanswered": 0}
        for item in section.items:
            status = answers.get(item.id)
            if status is None:
                counts["unanswered"] += 1
                maximum += item.weight
                if item.blocking:
                    blocking.append(item)
                continue
            answered += 1
            counts[status] += 1
            if status == NOT_APPLICABLE:
                continue
            maximum += item.weight
            earned += CREDIT[status] * item.weight
            if item.blocking and status == NOT_MET:
                blocking.append(item)
        sections.append(SectionScore(section, answered, len(section.items), earned, maximum, counts))
    return CatalogScore(catalog, tuple(sections), tuple(blocking))


def gap_items(catalog: Catalog, answers: Mapping[str, str]) -> list[tuple[Section, Item, str]]:
    """Every item not (fully) met — not met, partly met or unanswered — in catalog order."""
    gaps = []
    for section in catalog.sections:
        for item in section.items:
            status = answers.get(item.id)
            if status in (None, NOT_MET, PARTLY):
                gaps.append((section, item, status or "unanswered"))
    return gaps
