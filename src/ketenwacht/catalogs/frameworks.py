"""Control-ID syntax of the reference frameworks, and how IDs are compared.

We ship IDs only: the control texts of ISO/IEC 27002 and CyberFundamentals are copyrighted.
"""

from __future__ import annotations

import re

from .model import FRAMEWORKS

# Number of controls per clause of ISO/IEC 27002:2022 (clauses 5 to 8).
_ISO_CLAUSE_SIZES = {5: 37, 6: 8, 7: 14, 8: 34}
_ISO_RE = re.compile(r"^([5-8])\.(\d{1,2})$")

# CyFun 2023 follows the NIST CSF 1.1 layout (ID.SC-3.1); CyFun 2025 the CSF 2.0 one (GV.SC-05.1).
_CYFUN2023_RE = re.compile(r"^(ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{1,2}\.\d{1,2}$")
_CYFUN2025_RE = re.compile(r"^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}\.\d{1,2}$")

# NIS2: an article of the Directive, optionally with paragraph and point, e.g. 21(2)(d); or a
# section of the Annex to Implementing Regulation 2024/2690, prefixed "IR", e.g. IR 5.1.4(a).
_NIS2_ARTICLE_RE = re.compile(r"^(\d{1,2})(?:\(\d{1,2}\))?(?:\([a-z]\))?$")
_NIS2_IR_RE = re.compile(r"^IR \d{1,2}(?:\.\d{1,2}){0,2}(?:\([a-z]\))?$")
_NIS2_ARTICLES = 46

# GDPR: article, optional paragraph and point, e.g. 28(3)(a).
_GDPR_RE = re.compile(r"^(\d{1,2})(?:\(\d{1,2}\))?(?:\([a-z]\))?$")
_GDPR_ARTICLES = 99

#: An example ID per framework, used in error messages and the documentation.
EXAMPLES: dict[str, str] = {
    "iso27002": "5.20",
    "cyfun2023": "ID.SC-3.1",
    "cyfun2025": "GV.SC-05.1",
    "nis2": "21(2)(d) or IR 5.1.4(a)",
    "gdpr": "28(3)(a)",
}


def normalise_control_id(framework: str, control_id: str) -> str:
    """Trim and collapse spaces; CyberFundamentals and NIS2 "IR" prefixes are upper-cased."""
    value = " ".join(control_id.split())
    if framework in ("cyfun2023", "cyfun2025"):
        return value.upper()
    if framework == "nis2" and value[:2].lower() == "ir":
        return "IR " + value[2:].strip()
    return value


def is_valid_control_id(framework: str, control_id: str) -> bool:
    """Whether ``control_id`` is a well-formed ID of ``framework`` (exactly as written)."""
    if framework == "iso27002":
        match = _ISO_RE.match(control_id)
        if not match:
            return False
        clause, number = int(match.group(1)), int(match.group(2))
        return 1 <= number <= _ISO_CLAUSE_SIZES[clause]
    if framework == "cyfun2023":
        return bool(_CYFUN2023_RE.match(control_id))
    if framework == "cyfun2025":
        return bool(_CYFUN2025_RE.match(control_id))
    if framework == "nis2":
        if _NIS2_IR_RE.match(control_id):
            return True
        match = _NIS2_ARTICLE_RE.match(control_id)
        return bool(match) and 1 <= int(match.group(1)) <= _NIS2_ARTICLES
    if framework == "gdpr":
        match = _GDPR_RE.match(control_id)
        return bool(match) and 1 <= int(match.group(1)) <= _GDPR_ARTICLES
    raise KeyError(framework)


def control_matches(query: str, control_id: str) -> bool:
    """Whether ``control_id`` is ``query`` or lies inside it.

    ``28(3)`` covers ``28(3)(a)``, ``IR 5.1`` covers ``IR 5.1.4(a)``, ``PR.AC`` covers
    ``PR.AC-4.1`` and ``5`` covers ``5.20``; but ``5.1`` does not cover ``5.19``.
    """
    if control_id == query:
        return True
    return control_id.startswith(query) and control_id[len(query)] in "(.-"


def check_framework(framework: str) -> None:
    if framework not in FRAMEWORKS:
        raise KeyError(f"unknown framework {framework!r}; known: {', '.join(FRAMEWORKS)}")
