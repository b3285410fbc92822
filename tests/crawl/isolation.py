"""Tenant isolation from the outside: organisation A's administrator asks for B's pages and forms.

B is crawled as B's administrator; every URL found there is then requested as A's administrator.
A URL that names an object (an id in its path) must be not found (or forbidden); a URL that names
none (a list, a start page) may answer, but must not show B's marker. B's forms are sent by A's
administrator too: each must be refused and write nothing.
"""

from __future__ import annotations

from django.db import models

from ketenwacht.assessments.models import Assessment, CatalogVersion
from ketenwacht.contracts.models import Contract, SlaVersion
from ketenwacht.performance.models import Breach, Incident, Outage, WebhookEndpoint
from ketenwacht.suppliers.models import Contact, Service, Supplier
from tests.crawl.campaign import Problem, crawl_of_b, distinct, send
from tests.crawl.crawler import Result, area, request, url_name_of
from tests.crawl.hostile import whole_form
from tests.crawl.world import MARKER, World, b_ids, verified_client

# Reached by a secret token, not by membership: anyone holding the link may use it, by design.
TOKEN_URLS = frozenset({"assessments:questionnaire"})
NOT_VISIBLE = frozenset({403, 404})


def names_object(result: Result) -> bool:
    return any(isinstance(value, int) for value in result.kwargs.values())


def _shows_marker(body: bytes) -> bool:
    return MARKER.encode() in body


def isolation_problems(world: World) -> list[Problem]:
    """B's pages and forms, asked for by A's administrator (computed once)."""
    if "isolation" in world.cache:
        return world.cache["isolation"]
    b = crawl_of_b(world)
    client = verified_client(world.users_a["admin"])
    problems = [Problem("admin of B", area(v.url_name, v.url), "server-error", "get", v.url, v.error or str(v.status))
                for v in b.errors()]
    for visit in b.visits:
        if visit.status != 200 or visit.url_name in TOKEN_URLS:
            continue
        seen = request(client, "get", visit.url, keep_body=True)
        where = area(visit.url_name, visit.url)
        if seen.status >= 500:
            problems.append(Problem("admin", where, "server-error", "get", visit.url, seen.error))
        elif names_object(visit) and seen.status not in NOT_VISIBLE:
            problems.append(Problem("admin", where, "leak", "get", visit.url,
                                    f"B's object answered {seen.status} to A's administrator"))
        if _shows_marker(seen.body):
            problems.append(Problem("admin", where, "leak", "get", visit.url, f"shows {MARKER!r} of B"))
    for found in distinct(b.forms):
        if found.form.method != "post" or found.url_name in TOKEN_URLS:
            continue
        name, kwargs = url_name_of(found.action)
        if not any(isinstance(v, int) for v in kwargs.values()):
            continue  # a form of no object (create, settings): sending it acts on A, not B
        for sub in whole_form(found.form, {}, full=False):
            out = send(client, "post", found.action, sub.data)
            where = area(name, found.action)
            if out.status >= 500:
                problems.append(Problem("admin", where, "server-error", "post", found.action, out.error))
            elif out.status not in NOT_VISIBLE or out.written:
                problems.append(Problem("admin", where, "cross-write", "post", found.action,
                                        f"{sub.label}: answered {out.status}, wrote {out.written} audit event(s)"))
    world.cache["isolation"] = problems
    return problems


# Objects of B by the API route that serves them (``<basename>-detail`` and friends).
API_MODELS: dict[str, type[models.Model]] = {
    "supplier": Supplier, "service": Service, "contact": Contact, "catalog": CatalogVersion,
    "assessment": Assessment, "contract": Contract, "sla-version": SlaVersion, "incident": Incident,
    "outage": Outage, "breach": Breach, "webhook": WebhookEndpoint,
}


def b_ids_for_api(world: World, basename: str) -> list[int]:
    model = API_MODELS.get(basename)
    return b_ids(world, model) if model is not None else []
