"""The crawl campaign: crawl per role, send every form hostile input, collect the problems.

Results are computed once per test run and kept in ``World.cache``; each test then asserts on
its own slice (one role, one area), so a known failure in one area can be marked expected
without hiding the others.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.test import Client

from ketenwacht.core.models import AuditEvent
from tests.crawl.crawler import (
    HARMLESS,
    Crawl,
    FoundForm,
    area,
    crawl,
    read_body,
    restore_cookies,
    summarise,
    url_name_of,
)
from tests.crawl.hostile import Submission, single_fields, whole_form
from tests.crawl.world import FIELD_MODELS, MARKER, World, b_ids, verified_client

ANONYMOUS = "anonymous"
ROLE_ORDER = ("admin", "editor", "policy_officer", "auditor", ANONYMOUS)
OUTSIDERS = ("auditor", ANONYMOUS)  # may send no form that changes organisation data
AREAS = ("core", "suppliers", "contracts", "assessments", "performance")
PAGE_LIMIT = 400
SINGLE_FIELD_LIMIT = 16  # one-field-at-a-time submissions per form
FULL_PER_NAME = 2  # forms of one URL pattern with other fields (sections of a checklist) sent in full
PER_NAME = {"admin": 6}  # distinct URLs per pattern in the crawl; the other roles differ in rights only
PER_NAME_OTHERS = 3
ERROR_MARKERS = ("kw-error-summary", "utrecht-form-field--invalid", "utrecht-alert--error")
REJECTED = frozenset({400, 403, 404, 405, 409, 413, 415, 422})


@dataclass(frozen=True)
class Problem:
    role: str
    area: str
    kind: str  # server-error, half-write, get-writes, outsider-write, foreign-accepted, leak, cross-write
    method: str
    url: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.role}: {self.method.upper()} {self.url} — {self.detail}"


def client_for(world: World, role: str) -> Client:
    if role == ANONYMOUS:
        return Client(raise_request_exception=True)
    return verified_client(world.users_a[role])


def start_pages(world: World, role: str) -> list[str]:
    pages = ["/login/"] if role == ANONYMOUS else ["/"]
    if world.questionnaire_url:
        pages.append(world.questionnaire_url)
    return pages


def crawl_of(world: World, role: str) -> Crawl:
    """The crawl of organisation A as ``role`` (computed once)."""
    key = ("crawl", role)
    if key not in world.cache:
        world.cache[key] = crawl(client_for(world, role), start=start_pages(world, role), limit=PAGE_LIMIT,
                                 per_name=PER_NAME.get(role, PER_NAME_OTHERS), watch=MARKER)
    return world.cache[key]


def crawl_of_b(world: World) -> Crawl:
    """The crawl of organisation B as B's administrator (computed once)."""
    if "crawl-b" not in world.cache:
        world.cache["crawl-b"] = crawl(verified_client(world.users_b["admin"]), limit=PAGE_LIMIT, watch=MARKER)
    return world.cache["crawl-b"]


def page_problems(world: World, role: str) -> list[Problem]:
    found = crawl_of(world, role)
    problems = [Problem(role, area(v.url_name, v.url), "server-error", "get", v.url, v.error or str(v.status))
                for v in found.errors()]
    problems += [Problem(role, area(url_name_of(u)[0], u), "leak", "get", u, f"shows {MARKER!r} of organisation B")
                 for u in found.watched]
    return problems


# --- sending forms


@dataclass
class Outcome:
    status: int
    written: int  # audit events the request wrote
    shows_errors: bool
    location: str = ""
    error: str = ""
    body: bytes = b""


def send(client: Client, method: str, url: str, data: dict[str, Any]) -> Outcome:
    """Send one form and undo whatever it did (database rows, session, cookies)."""
    saved = {k: v.value for k, v in client.cookies.items()}
    before = AuditEvent.objects.count()
    try:
        with transaction.atomic():
            if method == "post":
                response = client.post(url, data)
            else:
                response = client.get(url, {k: v for k, v in data.items() if isinstance(v, str | list)})
            body = read_body(response)
            written = AuditEvent.objects.count() - before
            transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001  (reported as a server error with its traceback)
        return Outcome(500, 0, False, error=summarise(exc))
    finally:
        restore_cookies(client, saved)
    html = body.decode("utf-8", errors="replace") if response.get("Content-Type", "").startswith("text/html") else ""
    return Outcome(response.status_code, written, any(m in html for m in ERROR_MARKERS),
                   location=response.get("Location", ""), body=body)


def _judge(role: str, found: FoundForm, sub: Submission, out: Outcome) -> Iterator[Problem]:
    where = area(found.url_name, found.action)
    method = found.form.method
    label = f"{sub.label} (form on {found.page})"
    if out.status >= 500:
        yield Problem(role, where, "server-error", method, found.action, f"{label}: {out.error or out.status}")
        return
    if method == "get" and out.written:
        yield Problem(role, where, "get-writes", method, found.action, f"{label}: {out.written} audit event(s)")
    rejected = out.status in REJECTED or (out.status == 200 and out.shows_errors)
    if method == "post" and rejected and out.written:
        yield Problem(role, where, "half-write", method, found.action,
                      f"{label}: answered {out.status} but wrote {out.written} audit event(s)")
    if sub.label == "foreign-choice" and method == "post" and (out.written or 300 <= out.status < 400):
        yield Problem(role, where, "foreign-accepted", method, found.action,
                      f"{label}: took ids it did not offer (another organisation's): answered {out.status}")
    if role in OUTSIDERS and method == "post" and found.url_name not in HARMLESS and _accepted(role, out):
        yield Problem(role, where, "outsider-write", method, found.action,
                      f"{label}: answered {out.status} {out.location}, wrote {out.written} audit event(s)")


def _accepted(role: str, out: Outcome) -> bool:
    """Whether a reader's or a visitor's submission got through (a visitor sent to log in did not)."""
    to_login = out.status == 302 and out.location.startswith("/login/")
    return bool(out.written) or (out.status < 400 and not (role == ANONYMOUS and to_login))


def distinct(forms: Iterable[FoundForm]) -> list[FoundForm]:
    """The first form of each (action pattern, method, fields)."""
    seen, out = set(), []
    for found in forms:
        key = form_key(found)
        if key not in seen:
            seen.add(key)
            out.append(found)
    return out


def form_key(found: FoundForm) -> tuple:
    return (found.url_name or found.action.split("?")[0], found.form.method, found.form.signature())


def foreign_ids(world: World) -> dict[str, list[str]]:
    """Ids of B's objects by the form field that picks such an object (``supplier``, ``services``, …)."""
    if "foreign-ids" not in world.cache:
        world.cache["foreign-ids"] = {
            name: [str(pk) for pk in b_ids(world, model)] for name, model in FIELD_MODELS.items()
        }
    return world.cache["foreign-ids"]


def form_problems(world: World, role: str) -> list[Problem]:
    """Send every distinct form ``role`` finds, in all the hostile ways (computed once per role).

    A form already sent in full by an earlier role (same action pattern and fields) is sent only
    empty, plain and once hostile by the later roles: the permissions differ, the fields do not.
    """
    key = ("forms", role)
    if key in world.cache:
        return world.cache[key]
    for earlier in ROLE_ORDER[: ROLE_ORDER.index(role)]:
        form_problems(world, earlier)
    covered: set[tuple] = world.cache.setdefault("covered", set())
    mutated: set[str] = world.cache.setdefault("mutated", set())
    in_full: Counter[str] = world.cache.setdefault("in-full", Counter())
    client = client_for(world, role)
    problems: list[Problem] = []
    others = foreign_ids(world)
    for found in distinct(crawl_of(world, role).forms):
        if found.url_name in ("core:logout",):
            continue  # harmless, and sending it proves nothing
        name = found.url_name or found.action
        full = form_key(found) not in covered and in_full[name] < FULL_PER_NAME
        covered.add(form_key(found))
        in_full[name] += full
        subs: list[Submission] = list(whole_form(found.form, others, full=full))
        if full and name not in mutated:
            mutated.add(name)
            subs += single_fields(found.form, SINGLE_FIELD_LIMIT)
        for sub in subs:
            out = send(client, found.form.method, found.action, sub.data)
            problems += _judge(role, found, sub, out)
    world.cache[key] = problems
    return problems


def write_forms(world: World) -> list[FoundForm]:
    """The distinct POST forms the writing roles find that change organisation data."""
    found = [f for role in ("admin", "editor", "policy_officer") for f in crawl_of(world, role).forms]
    return [f for f in distinct(found) if f.form.method == "post" and f.url_name not in HARMLESS]


def outsider_problems(world: World, role: str) -> list[Problem]:
    """The auditor (reads only) and an anonymous visitor send the writing roles' forms: all refused."""
    key = ("outsider", role)
    if key in world.cache:
        return world.cache[key]
    client = client_for(world, role)
    problems = []
    for found in write_forms(world):
        for sub in whole_form(found.form, {}, full=False):
            out = send(client, "post", found.action, sub.data)
            if out.status >= 500:
                problems.append(Problem(role, area(found.url_name), "server-error", "post", found.action,
                                        f"{sub.label}: {out.error}"))
                continue
            if _accepted(role, out):
                problems.append(Problem(
                    role, area(found.url_name), "outsider-write", "post", found.action,
                    f"{sub.label}: answered {out.status} {out.location} and wrote {out.written} audit event(s)",
                ))
    world.cache[key] = problems
    return problems
