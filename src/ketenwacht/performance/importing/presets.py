"""Column layouts of the exports people actually have: TOPdesk, GLPI, Jira Service Management.

A preset lists, per field, the column headings the system uses (Dutch and English user
interfaces); the first heading found in the file wins. The layout found is shown before an
import and can be saved as the organisation's own mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field

INCIDENT_FIELDS = ("external_reference", "priority", "reported_at", "first_response_at", "resolved_at",
                   "description", "security_related", "service", "pauses")
OUTAGE_FIELDS = ("external_reference", "started_at", "ended_at", "planned", "partial_weight", "description",
                 "service")
REQUIRED = {"incidents": ("external_reference", "priority", "reported_at"),
            "outages": ("external_reference", "started_at")}


@dataclass(frozen=True)
class Preset:
    key: str
    name: str
    kind: str
    columns: dict[str, tuple[str, ...]]
    date_formats: tuple[str, ...] = ()
    priority_map: dict[str, str] = field(default_factory=dict)


TOPDESK = Preset(
    key="topdesk", name="TOPdesk", kind="incidents",
    columns={
        "external_reference": ("Incidentnummer", "Nummer", "Number", "Incident number"),
        "priority": ("Prioriteit", "Priority"),
        "reported_at": ("Aanmelddatum", "Datum aanmelding", "Call date", "Creation date", "Aangemaakt"),
        "first_response_at": ("Reactiedatum", "Datum reactie", "Responsedatum", "Response date"),
        "resolved_at": ("Datum gereed", "Gereed datum", "Completed date", "Afgemeld", "Afmelddatum",
                        "Datum afgemeld", "Closed date"),
        "description": ("Korte omschrijving (Details)", "Korte omschrijving", "Brief description", "Request",
                        "Verzoek"),
        "service": ("Object", "Dienst", "Service"),
        "security_related": ("Beveiligingsincident", "Security incident"),
    },
    date_formats=("%d-%m-%Y %H:%M", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y"),
)

GLPI = Preset(
    key="glpi", name="GLPI", kind="incidents",
    columns={
        "external_reference": ("ID",),
        "priority": ("Prioriteit", "Priority", "Priorité"),
        "reported_at": ("Openingsdatum", "Opening date", "Date d'ouverture"),
        "first_response_at": ("Datum in behandeling genomen", "Take into account date", "Date de prise en compte"),
        "resolved_at": ("Oplosdatum", "Oplossingsdatum", "Resolution date", "Date de résolution"),
        "description": ("Titel", "Title", "Titre"),
        "service": ("Categorie", "Category", "Catégorie"),
    },
    date_formats=("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d-%m-%Y %H:%M", "%Y-%m-%d"),
)

JIRA = Preset(
    key="jira", name="Jira Service Management", kind="incidents",
    columns={
        "external_reference": ("Issue key", "Sleutel"),
        "priority": ("Priority", "Prioriteit"),
        "reported_at": ("Created", "Aangemaakt"),
        "first_response_at": ("Custom field ([CHART] Date of First Response)", "Date of First Response"),
        "resolved_at": ("Resolved", "Opgelost"),
        "description": ("Summary", "Samenvatting"),
        "service": ("Component/s", "Components"),
        "security_related": ("Custom field (Security incident)",),
    },
    date_formats=("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%Y-%m-%d %H:%M"),
)

KETENWACHT_INCIDENTS = Preset(
    key="ketenwacht-incidents", name="Ketenwacht (incidents)", kind="incidents",
    columns={
        "external_reference": ("reference",), "priority": ("priority",), "reported_at": ("reported",),
        "first_response_at": ("first_response",), "resolved_at": ("resolved",), "description": ("description",),
        "security_related": ("security_related",), "service": ("service",), "pauses": ("pauses",),
    },
)

KETENWACHT_OUTAGES = Preset(
    key="ketenwacht-outages", name="Ketenwacht (outages)", kind="outages",
    columns={
        "external_reference": ("reference",), "started_at": ("start",), "ended_at": ("end",),
        "planned": ("planned",), "partial_weight": ("partial_weight",), "description": ("description",),
        "service": ("service",),
    },
)

PRESETS = {p.key: p for p in (TOPDESK, GLPI, JIRA, KETENWACHT_INCIDENTS, KETENWACHT_OUTAGES)}

# Words ticket systems use for priorities, mapped onto P1–P4 (a number 1–4 anywhere first wins).
PRIORITY_WORDS = {
    "P1": ("kritiek", "critical", "zeer hoog", "very high", "highest", "urgent", "major", "blocker", "hoogste"),
    "P2": ("hoog", "high"),
    "P3": ("gemiddeld", "normaal", "middel", "medium", "normal", "moderate"),
    "P4": ("laag", "low", "zeer laag", "very low", "lowest", "minor", "trivial", "laagste"),
}


def resolve_columns(preset_columns: dict[str, tuple[str, ...] | str], headers: list[str]) -> dict[str, str]:
    """field → the heading in ``headers`` that holds it (case- and space-insensitive)."""
    index = {" ".join(h.lower().split()): h for h in headers if h}
    found = {}
    for fld, candidates in preset_columns.items():
        options = (candidates,) if isinstance(candidates, str) else candidates
        for candidate in options:
            heading = index.get(" ".join(candidate.lower().split()))
            if heading is not None:
                found[fld] = heading
                break
    return found
