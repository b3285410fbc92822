"""What each criticality tier means, shown beside the field so tiers are chosen consistently."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ketenwacht.suppliers.models import Criticality

CRITICALITY_CRITERIA = {
    Criticality.CRITICAL: _(
        "Failure stops a vital public service or business process within one working day, "
        "or the supplier processes sensitive personal data at scale, or has administrator access "
        "to core systems."
    ),
    Criticality.HIGH: _(
        "Failure seriously disrupts an important process within a few days, or the supplier "
        "processes personal data or has remote access to our network."
    ),
    Criticality.MEDIUM: _(
        "Failure is a nuisance that can be worked around for a week or more; limited or no "
        "personal data; no privileged access."
    ),
    Criticality.LOW: _(
        "Failure has hardly any effect and the supplier is easy to replace; no personal data "
        "and no access to our systems."
    ),
}


def criticality_criteria() -> list[tuple[str, str, str]]:
    """(value, label, criteria) for each tier, most critical first."""
    return [(c.value, str(c.label), str(CRITICALITY_CRITERIA[c])) for c in Criticality]
