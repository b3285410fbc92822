"""Every URL pattern with arguments, asked with ids that do not exist and ids of organisation B,
and every page the crawl saw, asked with junk query strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern

from ketenwacht.core.models import AuditEvent
from tests.crawl.campaign import Problem, crawl_of, crawl_of_b
from tests.crawl.crawler import area, request
from tests.crawl.hostile import LONG
from tests.crawl.isolation import TOKEN_URLS, b_ids_for_api
from tests.crawl.world import MARKER, World, verified_client

MISSING = 999999
# Junk in every parameter the views read; several at once, each query a different kind of junk.
JUNK_QUERIES = [
    "page=-1&format=exe&ordering=;drop&status=zzz&sort=-zzz",
    "page=abc&q=" + LONG[:4000] + "&period=9999-13&year=99999&month=0000-00",
    "page=99999999999999999999&from=2025-02-30&to=9999-12-31&next=//evil.example/&limit=-5&offset=-5",
    "page=0&status=&period=2025-02-30&date_from=0000-00-00&date_to=9999-12-31",
]
SHORT_JUNK = JUNK_QUERIES[:2]  # pages of one object read fewer parameters


@dataclass(frozen=True)
class Pattern:
    name: str  # namespaced URL name
    ints: tuple[str, ...]  # arguments that are whole numbers
    others: tuple[str, ...]  # any other arguments


def _arguments(pattern: URLPattern | URLResolver) -> tuple[list[str], list[str]]:
    ints, others = [], []
    if isinstance(pattern.pattern, RoutePattern):
        for name, converter in pattern.pattern.converters.items():
            (ints if isinstance(converter, IntConverter) else others).append(name)
    elif isinstance(pattern.pattern, RegexPattern):
        for name in pattern.pattern.regex.groupindex:
            # The API's ids are ``[0-9]+`` groups.
            group = pattern.pattern.regex.pattern
            (ints if f"(?P<{name}>[0-9]+)" in group else others).append(name)
    return ints, others


def patterns(resolvers: list | None = None, namespace: str = "", ints: tuple = (), others: tuple = ()
             ) -> Iterator[Pattern]:
    """Every named URL pattern of the site, with the arguments of its whole path."""
    for entry in get_resolver().url_patterns if resolvers is None else resolvers:
        more_ints, more_others = _arguments(entry)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry.url_patterns, inner, (*ints, *more_ints), (*others, *more_others))
        elif entry.name:
            yield Pattern(f"{namespace}{entry.name}", (*ints, *more_ints), (*others, *more_others))


def _other_values(world: World, pattern: Pattern) -> dict[str, str]:
    """Plausible values for non-id arguments: the ones the crawl of A used, else a word."""
    for visit in crawl_of(world, "admin").visits:
        if visit.url_name == pattern.name and set(pattern.others) <= set(visit.kwargs):
            return {k: str(visit.kwargs[k]) for k in pattern.others}
    return {k: "zzz" for k in pattern.others}


def _b_kwargs(world: World, pattern: Pattern) -> list[dict[str, object]]:
    """Argument sets of B's objects for this pattern: from B's crawl, or (API) from B's rows."""
    found = []
    for visit in crawl_of_b(world).visits:
        if visit.url_name == pattern.name and visit.kwargs not in found:
            found.append(visit.kwargs)
    if not found and pattern.ints == ("pk",):
        basename = pattern.name.rsplit("-", 1)[0]
        base = pattern.name.split("-")[0]
        ids = b_ids_for_api(world, basename) or b_ids_for_api(world, base)
        found = [{"pk": pk, **{k: "zzz" for k in pattern.others}} for pk in ids]
    return found[:3]


def _compare_with_missing(client: Client, url: str, where: str, expected: dict[str, int]) -> list[Problem]:
    """B's object must answer exactly as an object that does not exist, and change nothing."""
    problems = []
    for method in ("get", "post"):
        before = AuditEvent.objects.count()
        seen = request(client, method, url, rollback=method == "post", keep_body=True)
        if seen.status >= 500:
            problems.append(Problem("admin", where, "server-error", method, url, seen.error))
            continue
        if seen.status != expected[method] or (seen.status < 400 and method == "get"):
            problems.append(Problem("admin", where, "leak", method, url, f"B's object answered {seen.status}, "
                                    f"an unknown id {expected[method]}"))
        if MARKER.encode() in seen.body:
            problems.append(Problem("admin", where, "leak", method, url, f"shows {MARKER!r} of B"))
        if AuditEvent.objects.count() != before:
            problems.append(Problem("admin", where, "cross-write", method, url, "wrote an audit event"))
    return problems


def pattern_problems(world: World) -> list[Problem]:
    """Missing ids and B's ids in every pattern, asked for by A's administrator (computed once)."""
    if "patterns" in world.cache:
        return world.cache["patterns"]
    client = verified_client(world.users_a["admin"])
    problems = []
    for pattern in patterns():
        if not pattern.ints:
            continue
        missing = {**{k: MISSING for k in pattern.ints}, **_other_values(world, pattern)}
        url = reverse(pattern.name, kwargs=missing)
        where = area(pattern.name, url)
        expected = {}
        for method in ("get", "post"):
            seen = request(client, method, url, rollback=True)
            expected[method] = seen.status
            if seen.status >= 500:
                problems.append(Problem("admin", where, "server-error", method, url, seen.error))
        if pattern.name in TOKEN_URLS:
            continue
        for kwargs in _b_kwargs(world, pattern):
            url = reverse(pattern.name, kwargs=kwargs)
            problems += _compare_with_missing(client, url, where, expected)
    world.cache["patterns"] = problems
    return problems


def query_problems(world: World) -> list[Problem]:
    """One page per URL pattern the admin crawl saw (and the API lists), with junk query strings."""
    if "queries" in world.cache:
        return world.cache["queries"]
    client = verified_client(world.users_a["admin"])
    pages: dict[str, tuple[str, set[str], bool]] = {}
    for visit in crawl_of(world, "admin").visits:
        if visit.status != 200 or not visit.url_name:
            continue
        path, _, query = visit.url.partition("?")
        keys = {part.split("=", 1)[0] for part in query.split("&") if part}
        first, seen_keys, one_object = pages.get(visit.url_name, (path, set(), bool(visit.kwargs)))
        pages[visit.url_name] = (first, seen_keys | keys, one_object)
    for pattern in patterns():
        if pattern.name.endswith("-list") and not pattern.ints and not pattern.others:
            pages[pattern.name] = (reverse(pattern.name), set(), False)
    problems = []
    for name, (path, keys, one_object) in pages.items():
        queries = SHORT_JUNK if one_object and not keys else JUNK_QUERIES
        queries = queries + ["&".join(f"{key}={value}" for key in sorted(keys)) for value in ("zzz", "-1", LONG[:2000])
                             if keys]
        for query in queries:
            url = f"{path}?{query}"
            seen = request(client, "get", url)
            if seen.status >= 500:
                problems.append(Problem("admin", area(name, url), "server-error", "get", url[:200], seen.error))
    world.cache["queries"] = problems
    return problems
