"""Checklist catalogs as versioned data: schema, loader, validator and the shipped catalogs.

Pure Python (no Django): the assessments app stores ``catalog_to_dict(catalog)`` and
``catalog.checksum`` as a frozen snapshot per version, so a new catalog version never changes an
assessment made on an older one. The file format is documented in docs/catalogs.md.
"""

from .frameworks import control_matches, is_valid_control_id, normalise_control_id
from .loader import catalog_from_data, load_catalog
from .model import (
    ANSWER_HINTS,
    FRAMEWORK_TITLES,
    FRAMEWORKS,
    LANGUAGES,
    SCHEMA_VERSION,
    Catalog,
    Guidance,
    Item,
    LocalizedText,
    Mappings,
    Section,
    Source,
    catalog_to_dict,
    checksum_of,
    version_key,
)
from .problems import CatalogError, Problem
from .registry import (
    CatalogDiff,
    CatalogNotFound,
    MappingHit,
    diff_catalogs,
    find_by_mapping,
    get_catalog,
    latest_versions,
    load_catalog_directory,
    shipped_catalogs,
)
from .schema import validate

__all__ = [
    "ANSWER_HINTS",
    "FRAMEWORKS",
    "FRAMEWORK_TITLES",
    "LANGUAGES",
    "SCHEMA_VERSION",
    "Catalog",
    "CatalogDiff",
    "CatalogError",
    "CatalogNotFound",
    "Guidance",
    "Item",
    "LocalizedText",
    "MappingHit",
    "Mappings",
    "Problem",
    "Section",
    "Source",
    "catalog_from_data",
    "catalog_to_dict",
    "checksum_of",
    "control_matches",
    "diff_catalogs",
    "find_by_mapping",
    "get_catalog",
    "is_valid_control_id",
    "latest_versions",
    "load_catalog",
    "load_catalog_directory",
    "normalise_control_id",
    "shipped_catalogs",
    "validate",
    "version_key",
]
