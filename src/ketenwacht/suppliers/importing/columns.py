"""The import file's columns: their English and Dutch headers and how cell text becomes a value.

One row per supplier; extra rows for the same supplier add services and contacts through the
``service_*`` and ``contact_*`` columns. Headers and choice words are matched case- and
accent-insensitively, with spaces, hyphens and underscores treated alike.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from ketenwacht.suppliers.models import Contact, Criticality, Service, SupplierStatus
from ketenwacht.suppliers.models.suppliers import DataLocation, DpaStatus

SUPPLIER, SERVICE, CONTACT = "supplier", "service", "contact"


def fold(text: str) -> str:
    """Lower case, no accents, and runs of spaces, hyphens, dots and underscores as one space."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[\s_\-.]+", " ", text.strip().lower()).strip()


class CellError(ValueError):
    """A cell whose text cannot be read as the column's kind of value."""


@dataclass(frozen=True)
class Column:
    key: str  # the English header, also the canonical name
    nl: str  # the Dutch header used in the Dutch template
    target: str  # SUPPLIER, SERVICE or CONTACT
    field: str  # the model field it fills
    kind: str = "text"  # text, bool, date or choice
    aliases: tuple[str, ...] = ()
    choices: dict[str, str] = field(default_factory=dict)  # folded word → stored value
    example: str = ""

    def headers(self) -> set[str]:
        return {fold(h) for h in (self.key, self.nl, *self.aliases)}


def _choices(text_choices: Any, extra: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Accept each stored value, its English and Dutch label, and the given (Dutch) words."""
    words: dict[str, str] = {}
    for member in text_choices:
        if member.value == "":
            continue
        words[fold(member.value)] = member.value
        for language in ("en", "nl"):
            with translation.override(language):
                words[fold(str(member.label))] = member.value
    for value, synonyms in extra.items():
        for word in synonyms:
            words[fold(word)] = value
    return words


STATUS_WORDS = _choices(SupplierStatus, {
    "prospect": ("prospect", "kandidaat"),
    "screening": ("screening", "doorlichting"),
    "onboarding": ("onboarding", "instap", "opstart"),
    "active": ("actief",),
    "exiting": ("exit", "in exit", "uitstap", "uitfasering", "afbouw"),
    "ended": ("beeindigd", "stopgezet", "gestopt", "einde"),
})
CRITICALITY_WORDS = _choices(Criticality, {
    "critical": ("kritiek", "kritisch", "zeer hoog"),
    "high": ("hoog",),
    "medium": ("middel", "gemiddeld", "midden", "normaal"),
    "low": ("laag",),
})
DPA_WORDS = _choices(DpaStatus, {
    "not_needed": ("niet nodig", "niet van toepassing", "nvt", "n/a"),
    "missing": ("ontbreekt", "geen", "ontbrekend"),
    "requested": ("aangevraagd", "gevraagd", "opgevraagd"),
    "signed": ("getekend", "ondertekend", "afgesloten"),
})
LOCATION_WORDS = _choices(DataLocation, {
    "cloud": ("cloud", "in de cloud"),
    "on_premises": ("on premise", "lokaal", "eigen locatie", "op locatie", "eigen servers"),
    "both": ("beide", "cloud en on premises", "cloud en lokaal", "hybride", "hybrid"),
})
KIND_WORDS = _choices(Service.Kind, {
    "service": ("dienst", "ict dienst", "ict dienstverlening", "ict service"),
    "equipment": ("apparatuur", "ict apparatuur", "hardware", "equipment"),
    "both": ("beide", "dienst en apparatuur", "ict dienst en apparatuur"),
})
ROLE_WORDS = _choices(Contact.ContactRole, {
    "account_manager": ("accountmanager", "accountbeheerder", "relatiebeheerder"),
    "incident_contact": ("incident contact", "incidentcontact", "meldpunt", "centraal meldpunt",
                         "incidentmeldpunt", "servicedesk", "helpdesk"),
    "escalation_1": ("escalation 1", "escalatie 1", "escalatieniveau 1", "eerste escalatie"),
    "escalation_2": ("escalation 2", "escalatie 2", "escalatieniveau 2", "tweede escalatie"),
    "escalation_3": ("escalation 3", "escalatie 3", "escalatieniveau 3", "derde escalatie"),
    "security_officer": ("security officer", "beveiligingsverantwoordelijke", "informatieveiligheidsconsulent",
                         "ciso", "security"),
    "dpo": ("dpo", "functionaris gegevensbescherming", "fg", "privacy officer", "data protection officer"),
})
REACH_WORDS = _choices(Contact.Reachability, {
    "24x7": ("24/7", "24 7", "24x7", "altijd", "always", "dag en nacht"),
    "hours": ("hours", "uren", "kantooruren", "office hours", "tijdens kantooruren", "op vaste uren"),
})

TRUE_WORDS = {fold(w) for w in ("yes", "y", "true", "1", "x", "ja", "j", "waar", "wel")}
FALSE_WORDS = {fold(w) for w in ("no", "n", "false", "0", "nee", "onwaar", "niet")}

COLUMNS: list[Column] = [
    Column("name", "naam", SUPPLIER, "name", aliases=("supplier", "supplier name", "leverancier",
                                                      "naam leverancier", "leverancier naam"),
           example="Voorbeeld ICT BV"),
    Column("enterprise_number", "ondernemingsnummer", SUPPLIER, "enterprise_number",
           aliases=("enterprise number", "company number", "kbo", "bce", "kvk", "kbo nummer", "kvk nummer",
                    "kbo bce", "kvk nr"), example="0202.239.951"),
    Column("vat_number", "btw_nummer", SUPPLIER, "vat_number", aliases=("vat", "btw", "btw nr", "vat number"),
           example="BE0202239951"),
    Column("website", "website", SUPPLIER, "website", aliases=("url", "webadres", "site"),
           example="https://www.example.be"),
    Column("address", "adres", SUPPLIER, "address", aliases=("straat",), example="Kerkstraat 1"),
    Column("postal_code", "postcode", SUPPLIER, "postal_code", aliases=("zip", "zip code"), example="9000"),
    Column("city", "plaats", SUPPLIER, "city", aliases=("gemeente", "woonplaats", "stad"), example="Gent"),
    Column("country", "land", SUPPLIER, "country", aliases=("landcode", "country code"), example="BE"),
    Column("status", "status", SUPPLIER, "status", "choice", aliases=("fase", "levenscyclus", "lifecycle"),
           choices=STATUS_WORDS, example="active"),
    Column("criticality", "kritikaliteit", SUPPLIER, "criticality", "choice",
           aliases=("tier", "criticality tier", "criticaliteit", "kriticiteit"), choices=CRITICALITY_WORDS,
           example="critical"),
    Column("incident_relevant", "ernstig_incident", SUPPLIER, "incident_relevant", "bool",
           aliases=("serious incident", "crisis list", "crisislijst", "incident relevant"), example="yes"),
    Column("internal_owner", "interne_eigenaar", SUPPLIER, "internal_owner", aliases=("owner", "eigenaar"),
           example="Dienst ICT"),
    Column("framework_contract", "raamcontract", SUPPLIER, "framework_contract",
           aliases=("raamovereenkomst", "framework agreement"), example="RC-2024-07"),
    Column("notes", "opmerkingen", SUPPLIER, "notes", aliases=("notities", "remarks")),
    Column("processes_personal_data", "persoonsgegevens", SUPPLIER, "processes_personal_data", "bool",
           aliases=("personal data", "verwerkt persoonsgegevens"), example="yes"),
    Column("personal_data_categories", "categorieen_persoonsgegevens", SUPPLIER, "personal_data_categories",
           aliases=("categories of personal data", "categorien persoonsgegevens"),
           example="contactgegevens, rijksregisternummer"),
    Column("dpa_status", "verwerkersovereenkomst", SUPPLIER, "dpa_status", "choice",
           aliases=("dpa", "processor agreement"), choices=DPA_WORDS, example="signed"),
    Column("dpa_signed_on", "verwerkersovereenkomst_getekend_op", SUPPLIER, "dpa_signed_on", "date",
           aliases=("dpa date", "dpa signed", "verwerkersovereenkomst datum"), example="2024-03-01"),
    Column("data_location", "datalocatie", SUPPLIER, "data_location", "choice",
           aliases=("locatie gegevens",), choices=LOCATION_WORDS, example="cloud"),
    Column("data_countries", "datalanden", SUPPLIER, "data_countries",
           aliases=("landen gegevens", "data country"), example="BE, NL"),
    Column("service_name", "dienst", SERVICE, "name", aliases=("service", "dienst naam", "naam dienst"),
           example="Hosting burgerzakenpakket"),
    Column("service_kind", "dienst_soort", SERVICE, "kind", "choice", aliases=("soort dienst",),
           choices=KIND_WORDS, example="service"),
    Column("service_description", "dienst_omschrijving", SERVICE, "description",
           aliases=("omschrijving dienst", "dienst beschrijving")),
    Column("service_purpose", "dienst_doel", SERVICE, "purpose", aliases=("doel",),
           example="Burgerzaken en rijksregister"),
    Column("service_own_responsibility", "dienst_eigen_verantwoordelijkheid", SERVICE, "own_responsibility",
           aliases=("eigen verantwoordelijkheid", "own responsibility"), example="Gebruikersbeheer"),
    Column("contact_name", "contact_naam", CONTACT, "name", aliases=("contact", "contactpersoon"),
           example="Servicedesk"),
    Column("contact_role", "contact_rol", CONTACT, "role", "choice", aliases=("rol",), choices=ROLE_WORDS,
           example="incident_contact"),
    Column("contact_email", "contact_e_mail", CONTACT, "email", aliases=("email", "e mail", "contact mail"),
           example="servicedesk@example.be"),
    Column("contact_phone", "contact_telefoon", CONTACT, "phone", aliases=("telefoon", "phone"),
           example="+32 9 123 45 67"),
    Column("contact_reachability", "contact_bereikbaarheid", CONTACT, "reachability", "choice",
           aliases=("bereikbaarheid", "reachability", "reachable", "bereikbaar"), choices=REACH_WORDS,
           example="24x7"),
    Column("contact_hours", "contact_uren", CONTACT, "hours", aliases=("uren", "hours"), example=""),
    Column("contact_languages", "contact_talen", CONTACT, "languages", aliases=("talen", "languages"),
           example="nl, fr, en"),
]

HEADER_INDEX: dict[str, Column] = {h: c for c in COLUMNS for h in c.headers()}


def find_column(header: str) -> Column | None:
    return HEADER_INDEX.get(fold(header))


def cell_text(value: Any) -> str:
    """The text of a cell as read from CSV (a string) or XLSX (string, number, date or None)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # spreadsheets store 12345678 as 12345678.0
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


_DATE_FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y/%m/%d")


def parse_cell(column: Column, text: str) -> Any:
    """The value for the model field; raises :class:`CellError` with the reason."""
    if column.kind == "bool":
        folded = fold(text)
        if folded in TRUE_WORDS:
            return True
        if folded in FALSE_WORDS:
            return False
        raise CellError("yes_no")
    if column.kind == "choice":
        value = column.choices.get(fold(text))
        if value is None:
            raise CellError("choice")
        return value
    if column.kind == "date":
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(text.split(" ")[0], fmt).date()
            except ValueError:
                continue
        raise CellError("date")
    return text


def allowed_words(column: Column) -> list[str]:
    """The stored values a choice column accepts (for error messages and the documentation)."""
    return sorted(set(column.choices.values()))


def describe_columns() -> list[dict[str, str]]:
    """Header names and accepted values of every column, for the import page."""
    kinds = {
        "text": _("text"),
        "bool": _("yes or no (ja or nee)"),
        "date": _("date, YYYY-MM-DD or DD-MM-YYYY"),
    }
    return [
        {"key": c.key, "nl": c.nl, "values": ", ".join(allowed_words(c)) if c.kind == "choice" else str(kinds[c.kind])}
        for c in COLUMNS
    ]
