"""Every page and every form, for every role: no server error, no half-write, no write by a reader.

The crawler logs in as each demo user of organisation A (and visits as an anonymous visitor),
follows every same-site link from the start page and sends every form it finds empty, plainly
filled in, with hostile values and with one field at a time changed (see ``hostile``).
"""

from __future__ import annotations

import pytest

from tests.crawl.campaign import (
    ANONYMOUS,
    AREAS,
    ROLE_ORDER,
    crawl_of,
    form_problems,
    outsider_problems,
    page_problems,
)
from tests.crawl.known import cases
from tests.crawl.world import World

pytestmark = pytest.mark.django_db


def _report(problems: list) -> str:
    return "\n".join(str(p) for p in problems[:40]) + (f"\n… and {len(problems) - 40} more" if len(problems) > 40 else "")


@pytest.mark.parametrize("role", ROLE_ORDER)
def test_crawl_reaches_the_pages_of_the_role(world: World, role: str) -> None:
    """A sanity check of the crawl itself: it must see the areas a role may use, or it proves little."""
    names = {v.url_name for v in crawl_of(world, role).visits if v.status == 200}
    if role == ANONYMOUS:
        assert {"core:login", "assessments:questionnaire"} <= names
        return
    expected = {"core:dashboard", "suppliers:list", "suppliers:detail", "contracts:list", "contracts:detail",
                "assessments:list", "assessments:detail", "performance:overview", "performance:report"}
    if role != "auditor":
        expected |= {"suppliers:update", "contracts:update", "performance:incident_update", "assessments:section"}
    assert expected <= names, sorted(expected - names)


@pytest.mark.parametrize(("role", "where"), cases("pages", ROLE_ORDER, AREAS))
def test_pages_answer_without_server_error(world: World, role: str, where: str) -> None:
    problems = [p for p in page_problems(world, role) if p.area == where]
    assert not problems, _report(problems)


@pytest.mark.parametrize(("role", "where"), cases("forms", ROLE_ORDER, AREAS))
def test_forms_survive_hostile_input(world: World, role: str, where: str) -> None:
    problems = [p for p in form_problems(world, role) if p.area == where]
    assert not problems, _report(problems)


@pytest.mark.parametrize(("role", "where"), cases("outsiders", ("auditor", ANONYMOUS), AREAS))
def test_readers_and_visitors_cannot_send_write_forms(world: World, role: str, where: str) -> None:
    problems = [p for p in outsider_problems(world, role) if p.area == where]
    assert not problems, _report(problems)
