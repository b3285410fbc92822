"""Demo suppliers of Gemeente Voorbeeldstad: a dozen realistic, fictional IT suppliers.

Every company, number, address, person and domain here is made up (domains end in the reserved
``.example``). Belgian enterprise numbers carry correct mod-97 check digits; Dutch suppliers
have an 8-digit KvK number. The set covers hosting, SaaS, a managed workplace, network,
telephony, a processor of personal data, data outside the EEA, and one ended supplier.

Writes go through the supplier services, so the demo has an audit trail like real data.
Running it again refreshes the demo suppliers' data and adds what is missing; it never removes
what people added while trying the demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ketenwacht.core.audit import Actor
from ketenwacht.core.models import Organisation
from ketenwacht.suppliers import services
from ketenwacht.suppliers.models import Contact, Service, Supplier, SupplierStatus

R = Contact.ContactRole
ALWAYS = Contact.Reachability.ALWAYS
HOURS = Contact.Reachability.HOURS
OFFICE = "ma–vr 08:00–17:00"


def _contact(role: str, name: str, email: str = "", phone: str = "", *, always: bool = False,
             hours: str = OFFICE, languages: str = "nl") -> dict[str, Any]:
    return {"role": role, "name": name, "email": email, "phone": phone,
            "reachability": ALWAYS if always else HOURS, "hours": "" if always else hours, "languages": languages}


def _service(name: str, purpose: str, own: str, kind: str = Service.Kind.SERVICE, description: str = "") -> dict:
    return {"name": name, "kind": kind, "purpose": purpose, "own_responsibility": own, "description": description}


@dataclass(frozen=True)
class DemoSupplier:
    fields: dict[str, Any]
    services: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    # Lifecycle steps after creation (the supplier is created in ``fields["status"]``).
    then: list[str] = field(default_factory=list)


SUPPLIERS: list[DemoSupplier] = [
    DemoSupplier(
        fields=dict(
            name="Datacentrum Scheldeland NV", enterprise_number="0451.287.352", vat_number="BE0451287352",
            website="https://www.scheldeland-dc.example", address="Kaaiweg 12", postal_code="9100",
            city="Sint-Niklaas", country="BE", status=SupplierStatus.ACTIVE, criticality="critical",
            internal_owner="Dienst ICT – teamleider infrastructuur", framework_contract="RC-2022-014",
            processes_personal_data=True, personal_data_categories="alle gegevens van de gemeentelijke toepassingen",
            dpa_status="signed", dpa_signed_on=dt.date(2022, 9, 1), data_location="cloud", data_countries="BE",
            notes="Huisvest de applicatieservers van de gemeente in twee Belgische datacenters.",
        ),
        services=[
            _service("Hosting in private cloud", "Draait de servers en databanken van de gemeentelijke toepassingen.",
                     "Applicatiebeheer, gebruikersaccounts, bepalen wat er geback-upt wordt."),
            _service("Externe back-up", "Dagelijkse back-up naar het tweede datacenter, 30 dagen bewaard.",
                     "Twee keer per jaar samen met de leverancier een hersteltest doen."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "NOC Scheldeland", "noc@scheldeland-dc.example", "+32 3 760 10 10",
                     always=True, languages="nl, fr, en"),
            _contact(R.ESCALATION_1, "Sofie De Smet", "sofie.desmet@scheldeland-dc.example", "+32 3 760 10 21"),
            _contact(R.ESCALATION_2, "Koen Van Damme", "koen.vandamme@scheldeland-dc.example", "+32 475 12 34 56"),
            _contact(R.ESCALATION_3, "Ann Peeters (CEO)", "ann.peeters@scheldeland-dc.example", "+32 475 98 76 54"),
            _contact(R.SECURITY_OFFICER, "CSIRT Scheldeland", "csirt@scheldeland-dc.example", "+32 3 760 10 99",
                     always=True, languages="nl, en"),
            _contact(R.ACCOUNT_MANAGER, "Pieter Claes", "pieter.claes@scheldeland-dc.example", "+32 3 760 10 30"),
            _contact(R.DPO, "DPO Scheldeland", "privacy@scheldeland-dc.example"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Burgerzaken Online BV", enterprise_number="68750110", vat_number="NL857301146B01",
            website="https://www.burgerzaken-online.example", address="Stationsplein 4", postal_code="3511 ED",
            city="Utrecht", country="NL", status=SupplierStatus.ACTIVE, criticality="critical",
            internal_owner="Diensthoofd Burgerzaken", framework_contract="RC-2021-007",
            processes_personal_data=True,
            personal_data_categories="identificatiegegevens, rijksregisternummer, gezinssamenstelling, adres",
            dpa_status="signed", dpa_signed_on=dt.date(2021, 3, 15), data_location="cloud", data_countries="NL, BE",
        ),
        services=[
            _service("Burgerzakentoepassing (SaaS)", "Bevolkingsregister, identiteitskaarten, akten van de burgerlijke stand.",
                     "Toegangsrechten toekennen en periodiek nakijken, controle van wat het loket invoert."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Storingsdienst Burgerzaken Online", "storing@burgerzaken-online.example",
                     "+31 30 799 20 00", always=True),
            _contact(R.ESCALATION_1, "Mark de Vries", "mark.devries@burgerzaken-online.example", "+31 30 799 20 11"),
            _contact(R.ESCALATION_2, "Ingrid Bakker", "ingrid.bakker@burgerzaken-online.example", "+31 6 12 34 56 78"),
            _contact(R.ACCOUNT_MANAGER, "Joost Jansen", "joost.jansen@burgerzaken-online.example", "+31 30 799 20 30"),
            _contact(R.DPO, "Functionaris gegevensbescherming", "fg@burgerzaken-online.example"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Vlotte Werkplek BV", enterprise_number="0721.338.619", vat_number="BE0721338619",
            website="https://www.vlottewerkplek.example", address="Industrielaan 33", postal_code="2800",
            city="Mechelen", country="BE", status=SupplierStatus.ACTIVE, criticality="high", incident_relevant=True,
            internal_owner="Dienst ICT – servicedesk", framework_contract="RC-2023-002",
            processes_personal_data=True, personal_data_categories="gebruikersaccounts, e-mailadressen",
            dpa_status="signed", dpa_signed_on=dt.date(2023, 1, 20), data_location="both", data_countries="BE",
        ),
        services=[
            _service("Beheerde werkplek", "Laptops, patchbeheer en de tweedelijnsservicedesk voor 350 personeelsleden.",
                     "Eerstelijnshulp, software goedkeuren, gebruikersaccounts beheren.",
                     kind=Service.Kind.BOTH),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Servicedesk Vlotte Werkplek", "servicedesk@vlottewerkplek.example",
                     "+32 15 28 40 00", always=True, languages="nl, fr"),
            _contact(R.ESCALATION_1, "Lotte Wouters", "lotte.wouters@vlottewerkplek.example", "+32 15 28 40 12"),
            _contact(R.ESCALATION_2, "Bram Mertens", "bram.mertens@vlottewerkplek.example", "+32 478 55 66 77"),
            _contact(R.ACCOUNT_MANAGER, "Lotte Wouters", "lotte.wouters@vlottewerkplek.example", "+32 15 28 40 12"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Netwerk Kempen NV", enterprise_number="0886.410.546", vat_number="BE0886410546",
            website="https://www.netwerkkempen.example", address="Grote Markt 1", postal_code="2200",
            city="Herentals", country="BE", status=SupplierStatus.ACTIVE, criticality="critical",
            internal_owner="Dienst ICT – netwerkbeheerder", framework_contract="RC-2020-031",
            data_location="on_premises", data_countries="BE",
        ),
        services=[
            _service("WAN en internettoegang", "Glasvezelverbindingen tussen het gemeentehuis, de bibliotheek en de "
                     "magazijnen van de technische dienst; internettoegang.",
                     "Firewallregels en het interne netwerk achter de routers."),
            _service("Beheerde routers", "Routers op elke locatie.", "Fysieke toegang tot de netwerklokalen.",
                     kind=Service.Kind.EQUIPMENT),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "NOC Netwerk Kempen", "noc@netwerkkempen.example", "+32 14 21 00 00",
                     always=True, languages="nl, en"),
            _contact(R.ESCALATION_1, "Tom Jacobs", "tom.jacobs@netwerkkempen.example", "+32 14 21 00 15"),
            _contact(R.ESCALATION_2, "Els Willems", "els.willems@netwerkkempen.example", "+32 497 11 22 33"),
            _contact(R.ESCALATION_3, "Dirk Maes", "dirk.maes@netwerkkempen.example", "+32 497 44 55 66"),
            _contact(R.ACCOUNT_MANAGER, "Nina Goossens", "nina.goossens@netwerkkempen.example", "+32 14 21 00 20"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="TeleVoice Benelux BV", enterprise_number="71429583", vat_number="NL858812044B01",
            website="https://www.televoice.example", address="Hoofdweg 210", postal_code="2132 MB",
            city="Hoofddorp", country="NL", status=SupplierStatus.ACTIVE, criticality="high", incident_relevant=True,
            internal_owner="Facilitaire dienst", framework_contract="RC-2022-019",
            processes_personal_data=True, personal_data_categories="gespreksgegevens (CDR's), telefoonnummers",
            dpa_status="signed", dpa_signed_on=dt.date(2022, 6, 1), data_location="cloud", data_countries="NL",
        ),
        services=[
            _service("Cloudtelefonie", "Telefoonlijnen van het contactcenter en alle personeelsleden; het noodnummer "
                     "van het gemeentehuis.", "Keuzemenu's en wie welke wachtrij opneemt."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Storingsnummer TeleVoice", "storing@televoice.example", "+31 23 799 00 00",
                     always=True, languages="nl, en"),
            _contact(R.ESCALATION_1, "Servicemanager TeleVoice", "servicemanager@televoice.example",
                     "+31 23 799 00 10", hours="ma–vr 08:30–17:30"),
            _contact(R.ACCOUNT_MANAGER, "Sanne Visser", "sanne.visser@televoice.example", "+31 6 98 76 54 32"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="MailWolk Inc.", enterprise_number="94-5550100", website="https://www.mailwolk.example",
            address="500 Market Street", postal_code="94105", city="San Francisco", country="US",
            status=SupplierStatus.ACTIVE, criticality="high", incident_relevant=True,
            internal_owner="Dienst ICT – teamleider applicaties", framework_contract="",
            processes_personal_data=True, personal_data_categories="inhoud van e-mails, contactpersonen, agenda's",
            dpa_status="signed", dpa_signed_on=dt.date(2023, 5, 10), data_location="cloud",
            data_countries="IE, US",
            notes="Gegevens buiten de EER: doorgifte op basis van de modelcontractbepalingen (SCC's).",
        ),
        services=[
            _service("E-mail en samenwerking (SaaS)", "Mailboxen, agenda's en gedeelde documenten voor alle personeelsleden.",
                     "Accounts, verplichte MFA, bewaarinstellingen, dataclassificatie."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "MailWolk Enterprise Support", "support@mailwolk.example",
                     "+1 415 555 0100", always=True, languages="en"),
            _contact(R.ESCALATION_1, "EMEA Customer Success", "emea-success@mailwolk.example", "+353 1 555 0100",
                     hours="ma–vr 09:00–18:00 (Ierse tijd)", languages="en"),
            _contact(R.DPO, "MailWolk Privacy Office", "privacy@mailwolk.example", languages="en"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Salarisdienst Horizon NV", enterprise_number="0693.257.812", vat_number="BE0693257812",
            website="https://www.horizon-payroll.example", address="Vrijheidslaan 8", postal_code="1080",
            city="Brussel", country="BE", status=SupplierStatus.ACTIVE, criticality="medium",
            internal_owner="Dienst Personeel", framework_contract="RC-2019-022",
            processes_personal_data=True,
            personal_data_categories="loongegevens, rekeningnummers, rijksregisternummer, afwezigheden",
            dpa_status="requested", data_location="cloud", data_countries="BE",
        ),
        services=[
            _service("Loonverwerking", "Maandelijkse loonberekening en loonbrieven.",
                     "Wijzigingen in personeels- en afwezigheidsgegevens doorgeven vóór de afsluitdatum."),
        ],
        contacts=[
            _contact(R.ACCOUNT_MANAGER, "Julie Dubois", "julie.dubois@horizon-payroll.example", "+32 2 555 41 00",
                     languages="nl, fr"),
            _contact(R.DPO, "DPO Horizon", "dpo@horizon-payroll.example", languages="nl, fr"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Back-up Bunker BV", enterprise_number="82194467", vat_number="NL862205318B01",
            website="https://www.backupbunker.example", address="Kanaaldijk 77", postal_code="5683 CR",
            city="Best", country="NL", status=SupplierStatus.ACTIVE, criticality="critical",
            internal_owner="Dienst ICT – teamleider infrastructuur", framework_contract="RC-2023-011",
            processes_personal_data=True, personal_data_categories="kopieën van alle gemeentelijke gegevens",
            dpa_status="signed", dpa_signed_on=dt.date(2023, 2, 1), data_location="cloud", data_countries="NL",
        ),
        services=[
            _service("Onveranderbare externe back-up", "Derde back-upkopie, offline en onveranderbaar, tegen ransomware.",
                     "Bij een crisis beslissen wat eerst hersteld wordt."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Recovery Desk Back-up Bunker", "recovery@backupbunker.example",
                     "+31 40 799 33 00", always=True, languages="nl, en"),
            _contact(R.ESCALATION_1, "Ruud Smit", "ruud.smit@backupbunker.example", "+31 6 11 22 33 44"),
            _contact(R.ACCOUNT_MANAGER, "Ruud Smit", "ruud.smit@backupbunker.example", "+31 6 11 22 33 44"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Cyberwacht SOC BV", enterprise_number="0547.623.101", vat_number="BE0547623101",
            website="https://www.cyberwacht-soc.example", address="Sluisweg 2", postal_code="9000",
            city="Gent", country="BE", status=SupplierStatus.ONBOARDING, criticality="critical",
            internal_owner="Informatieveiligheidsconsulent", framework_contract="RC-2024-003",
            processes_personal_data=True, personal_data_categories="loggegevens, IP-adressen, gebruikersnamen",
            dpa_status="signed", dpa_signed_on=dt.date(2024, 2, 12), data_location="cloud", data_countries="BE",
        ),
        services=[
            _service("Security operations center (24/7)", "Bewaakt logs en alarmen, leidt de incidentafhandeling.",
                     "Beslissen of systemen losgekoppeld worden; de bevoegde overheden verwittigen."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "SOC hotline", "soc@cyberwacht-soc.example", "+32 9 399 00 00",
                     always=True, languages="nl, fr, en"),
            _contact(R.ESCALATION_1, "Incident manager van dienst", "im@cyberwacht-soc.example", "+32 9 399 00 01",
                     always=True, languages="nl, en"),
            _contact(R.ESCALATION_2, "Hanne Lambrecht", "hanne.lambrecht@cyberwacht-soc.example", "+32 486 20 30 40"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Domeinbeheer Vlaanderen BV", enterprise_number="0438.991.712", vat_number="BE0438991712",
            website="https://www.domeinbeheer.example", address="Brugsesteenweg 140", postal_code="8500",
            city="Kortrijk", country="BE", status=SupplierStatus.ACTIVE, criticality="medium",
            incident_relevant=True, internal_owner="Dienst Communicatie",
            data_location="cloud", data_countries="BE, NL",
        ),
        services=[
            _service("Domeinnamen en DNS", "voorbeeldstad.be en de DNS-zone, ook voor e-mail.",
                     "Verlengingen, en wie DNS-records mag wijzigen."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Support Domeinbeheer", "support@domeinbeheer.example", "+32 56 20 20 20",
                     hours="ma–vr 08:00–20:00, za 09:00–12:00"),
            _contact(R.ACCOUNT_MANAGER, "Wim Vandenberghe", "wim@domeinbeheer.example", "+32 56 20 20 21"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Printservice Dender BV", enterprise_number="0776.034.246", vat_number="BE0776034246",
            website="https://www.printservice-dender.example", address="Dokter Mooremansstraat 5",
            postal_code="9300", city="Aalst", country="BE", status=SupplierStatus.ACTIVE, criticality="low",
            internal_owner="Facilitaire dienst", framework_contract="RC-2021-040",
        ),
        services=[
            _service("Multifunctionele printers", "Huur en onderhoud van 24 printers.",
                     "Papier, toner bestellen, afdrukrechten.", kind=Service.Kind.EQUIPMENT),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Techniekerslijn Printservice", "techniek@printservice-dender.example",
                     "+32 53 70 70 70"),
            _contact(R.ACCOUNT_MANAGER, "Evi Martens", "evi.martens@printservice-dender.example", "+32 53 70 70 71"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="GeoAtlas Vlaanderen NV", enterprise_number="0812.345.997", vat_number="BE0812345997",
            website="https://www.geoatlas.example", address="Nieuwstraat 99", postal_code="3000",
            city="Leuven", country="BE", status=SupplierStatus.SCREENING, criticality="medium",
            internal_owner="Dienst Ruimtelijke Ordening",
            processes_personal_data=True, personal_data_categories="namen van perceeleigenaars",
            dpa_status="missing", data_location="cloud", data_countries="BE",
        ),
        services=[
            _service("GIS-viewer (SaaS)", "Kaarten voor vergunningen en openbare werken.",
                     "Onze eigen kaartlagen actueel houden."),
        ],
        contacts=[
            _contact(R.ACCOUNT_MANAGER, "Lies Hermans", "lies.hermans@geoatlas.example", "+32 16 30 30 30"),
        ],
    ),
    DemoSupplier(
        fields=dict(
            name="Archiefsystemen Oud NV", enterprise_number="0404.040.434", vat_number="BE0404040434",
            address="Oude Baan 3", postal_code="2000", city="Antwerpen", country="BE",
            status=SupplierStatus.ACTIVE, criticality="critical", internal_owner="Archivaris",
            framework_contract="RC-2012-005",
            processes_personal_data=True, personal_data_categories="gearchiveerde dossiers",
            dpa_status="signed", dpa_signed_on=dt.date(2018, 5, 25), data_location="on_premises", data_countries="BE",
            notes="Vroeger documentbeheersysteem; de gegevens zijn in 2024 gemigreerd.",
        ),
        services=[
            _service("Documentbeheer (oud systeem)", "Vroeger documentbeheer; sinds de migratie enkel nog raadpleegbaar.",
                     "Het geëxporteerde archief bewaren."),
        ],
        contacts=[
            _contact(R.INCIDENT_CONTACT, "Helpdesk Archiefsystemen", "helpdesk@archiefsystemen.example",
                     "+32 3 555 12 12"),
        ],
        then=[SupplierStatus.EXITING, SupplierStatus.ENDED],
    ),
]


def _update(instance: Any, wanted: dict[str, Any]) -> dict[str, Any]:
    """The fields whose stored value differs from the demo's."""
    return {k: v for k, v in wanted.items() if getattr(instance, k) != v}


def _ensure_supplier(organisation: Organisation, actor: Actor, demo: DemoSupplier) -> Supplier:
    supplier = Supplier.objects.filter(organisation=organisation, name__iexact=demo.fields["name"]).first()
    if supplier is None:
        supplier = services.supplier_create(organisation=organisation, actor=actor, **demo.fields)
        for status in demo.then:
            services.supplier_change_status(supplier=supplier, actor=actor, to_status=status,
                                            reason="Samenwerking afgebouwd na de migratie in 2024.")
    else:
        # The lifecycle stays where people moved it while trying the demo; the rest is refreshed.
        wanted = {k: v for k, v in demo.fields.items() if k != "status"}
        changed = _update(supplier, wanted)
        if changed:
            services.supplier_update(supplier=supplier, actor=actor, **changed)
    for wanted in demo.services:
        service = supplier.services.filter(name__iexact=wanted["name"]).first()
        if service is None:
            services.service_create(supplier=supplier, actor=actor, **wanted)
        elif changed := _update(service, wanted):
            services.service_update(service=service, actor=actor, **changed)
    for wanted in demo.contacts:
        contact = supplier.contacts.filter(role=wanted["role"], name=wanted["name"]).first()
        if contact is None:
            services.contact_create(supplier=supplier, actor=actor, **wanted)
        elif changed := _update(contact, wanted):
            services.contact_update(contact=contact, actor=actor, **changed)
    return supplier


def ensure_suppliers(organisation: Organisation, actor: Actor) -> list[Supplier]:
    """Create or refresh every demo supplier with its services and contacts."""
    return [_ensure_supplier(organisation, actor, demo) for demo in SUPPLIERS]
