"""The catalogs shipped with Ketenwacht, version lookup, mapping search and version comparison."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from .frameworks import check_framework, control_matches, normalise_control_id
from .loader import load_catalog
from .model import Catalog, Item, Section, version_key
from .problems import CatalogError, Problem, gettext_noop

DATA_PACKAGE = "ketenwacht.catalogs"
DATA_DIRECTORY = "data"

MSG_DUPLICATE_VERSION = gettext_noop("catalog %(id)s version %(version)s is also defined in %(other)s")


class CatalogNotFound(LookupError):
    """No catalog with the requested ID (and version)."""


@cache
def shipped_catalogs() -> tuple[Catalog, ...]:
    """Every shipped catalog version, sorted by ID and then version (oldest first)."""
    return load_catalog_directory(resources.files(DATA_PACKAGE) / DATA_DIRECTORY)


def load_catalog_directory(directory: Traversable) -> tuple[Catalog, ...]:
    """Every ``*.yaml`` catalog in ``directory``, sorted by ID and then version.

    All or nothing: raises ``CatalogError`` with the problems of every broken file (their paths
    start with the file name) and with every ID and version defined twice.
    """
    catalogs: list[Catalog] = []
    origin: dict[tuple[str, tuple[int, ...]], str] = {}
    problems: list[Problem] = []
    for entry in sorted(directory.iterdir(), key=lambda entry: entry.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            catalog = load_catalog(entry.read_bytes())
        except CatalogError as exc:
            problems.extend(
                Problem(f"{entry.name}:{p.path}", p.template, p.params, line=p.line) for p in exc.problems
            )
            continue
        key = (catalog.id, version_key(catalog.version))  # "2" and "2.0" are the same version
        if key in origin:
            problems.append(
                Problem(
                    f"{entry.name}:",
                    MSG_DUPLICATE_VERSION,
                    {"id": catalog.id, "version": catalog.version, "other": origin[key]},
                )
            )
            continue
        origin[key] = entry.name
        catalogs.append(catalog)
    if problems:
        raise CatalogError(problems)
    return tuple(sorted(catalogs, key=lambda c: (c.id, version_key(c.version))))


def latest_versions(catalogs: Iterable[Catalog]) -> tuple[Catalog, ...]:
    """The newest version of each catalog ID, sorted by ID."""
    newest: dict[str, Catalog] = {}
    for catalog in catalogs:
        current = newest.get(catalog.id)
        if current is None or version_key(catalog.version) > version_key(current.version):
            newest[catalog.id] = catalog
    return tuple(newest[catalog_id] for catalog_id in sorted(newest))


def get_catalog(
    catalog_id: str, version: str | None = None, catalogs: Iterable[Catalog] | None = None
) -> Catalog:
    """The catalog ``catalog_id`` in ``version`` (default: its newest version).

    Searches the shipped catalogs unless ``catalogs`` is given (e.g. an organisation's own ones).
    Raises ``CatalogNotFound`` with a sentence that names what does exist.
    """
    pool = tuple(shipped_catalogs() if catalogs is None else catalogs)
    versions = [c for c in pool if c.id == catalog_id]
    if not versions:
        known = ", ".join(sorted({c.id for c in pool})) or "none"
        raise CatalogNotFound(f"no catalog with ID '{catalog_id}'; known catalogs: {known}")
    if version is None:
        return latest_versions(versions)[0]
    for catalog in versions:
        if catalog.version == version or _same_version(catalog.version, version):
            return catalog
    known_versions = ", ".join(c.version for c in sorted(versions, key=lambda c: version_key(c.version)))
    raise CatalogNotFound(
        f"catalog '{catalog_id}' has no version '{version}'; known versions: {known_versions}"
    )


def _same_version(left: str, right: str) -> bool:
    try:
        return version_key(left) == version_key(right)
    except ValueError:
        return False


@dataclass(frozen=True)
class MappingHit:
    """An item that maps to the requested control, and the control ID it maps through."""

    catalog: Catalog
    section: Section
    item: Item
    control_id: str


def find_by_mapping(
    framework: str, control_id: str, catalogs: Iterable[Catalog] | None = None
) -> list[MappingHit]:
    """Items mapped to ``control_id`` of ``framework``, or to a control inside it.

    ``find_by_mapping("gdpr", "28(3)")`` also finds items mapped to ``28(3)(a)``. By default the
    newest version of every shipped catalog is searched. Raises ``KeyError`` for an unknown
    framework.
    """
    check_framework(framework)
    query = normalise_control_id(framework, control_id)
    pool = latest_versions(shipped_catalogs()) if catalogs is None else tuple(catalogs)
    hits: list[MappingHit] = []
    for catalog in pool:
        for section in catalog.sections:
            for item in section.items:
                for mapped in item.mappings.get(framework):
                    if control_matches(query, mapped):
                        hits.append(
                            MappingHit(catalog=catalog, section=section, item=item, control_id=mapped)
                        )
                        break
    return hits


@dataclass(frozen=True)
class CatalogDiff:
    """What changed between two versions of a catalog, by item ID."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    """Items added, removed and changed (content or section) from ``old`` to ``new``."""
    old_items = {item.id: (old.section_of(item.id).id, item) for item in old.items}
    new_items = {item.id: (new.section_of(item.id).id, item) for item in new.items}
    return CatalogDiff(
        added=tuple(item_id for item_id in new_items if item_id not in old_items),
        removed=tuple(item_id for item_id in old_items if item_id not in new_items),
        changed=tuple(
            item_id
            for item_id, entry in new_items.items()
            if item_id in old_items and old_items[item_id] != entry
        ),
    )
