"""Organisation A never sees or changes organisation B's rows, whatever URL it asks for.

B is crawled as B's administrator; A's administrator then asks for every page and sends every
form B's crawl found, and every URL pattern is asked with B's ids and with ids that do not exist.
"""

from __future__ import annotations

import pytest

from tests.crawl.campaign import AREAS, crawl_of_b
from tests.crawl.isolation import isolation_problems
from tests.crawl.known import cases
from tests.crawl.patterns import pattern_problems, query_problems
from tests.crawl.world import MARKER, World

pytestmark = pytest.mark.django_db

ALL_AREAS = (*AREAS, "api")


def _report(problems: list) -> str:
    return "\n".join(str(p) for p in problems[:40]) + (f"\n… and {len(problems) - 40} more" if len(problems) > 40 else "")


def test_crawl_of_b_sees_b_objects(world: World) -> None:
    """Without B's object pages the isolation checks below would pass vacuously."""
    b = crawl_of_b(world)
    names = {v.url_name for v in b.visits if v.status == 200 and v.kwargs}
    assert {"suppliers:detail", "contracts:detail", "assessments:detail", "performance:report",
            "contracts:document_download", "performance:webhooks"} <= names, sorted(names)
    assert b.watched, f"B's own pages should show {MARKER!r}"


@pytest.mark.parametrize(("role", "where"), cases("isolation", ("admin",), AREAS))
def test_b_pages_and_forms_are_not_found_for_a(world: World, role: str, where: str) -> None:
    problems = [p for p in isolation_problems(world) if p.area == where]
    assert not problems, _report(problems)


@pytest.mark.parametrize(("role", "where"), cases("patterns", ("admin",), ALL_AREAS))
def test_patterns_with_missing_and_foreign_ids(world: World, role: str, where: str) -> None:
    problems = [p for p in pattern_problems(world) if p.area == where]
    assert not problems, _report(problems)


@pytest.mark.parametrize(("role", "where"), cases("queries", ("admin",), ALL_AREAS))
def test_junk_query_strings(world: World, role: str, where: str) -> None:
    problems = [p for p in query_problems(world) if p.area == where]
    assert not problems, _report(problems)
