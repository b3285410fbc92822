"""Accessibility checks with axe-core, injected into the page under test.

axe-core comes from the package in ``tests/e2e/node_modules`` (``npm ci --prefix tests/e2e``),
so no page ever loads it from elsewhere.
"""

from __future__ import annotations

import json
import subprocess
from functools import cache
from pathlib import Path

from playwright.sync_api import Page

E2E_DIR = Path(__file__).resolve().parent
AXE_PATH = E2E_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def ensure_axe_installed() -> None:
    """Install the pinned axe-core package when it is missing (as ``make test-e2e`` does)."""
    if AXE_PATH.exists():
        return
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--prefix", str(E2E_DIR)],
        capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0 or not AXE_PATH.exists():
        raise RuntimeError(f"could not install axe-core with npm ci:\n{result.stdout}\n{result.stderr}")


@cache
def axe_source() -> str:
    ensure_axe_installed()
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict]:
    """Run axe on the current page for WCAG 2.0/2.1 level A and AA; return its violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(
        """async (tags) => {
            const results = await window.axe.run(document, {
                runOnly: {type: 'tag', values: tags},
                resultTypes: ['violations'],
            });
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary, html: n.html})),
            }));
        }""",
        WCAG_TAGS,
    )


def format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} WCAG A/AA violation(s) on {url}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("summary"):
                lines.extend(f"      {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page) -> None:
    """Fail listing each violation (rule, impact, help text and the offending elements)."""
    violations = axe_violations(page)
    assert not violations, format_violations(page.url, violations)
