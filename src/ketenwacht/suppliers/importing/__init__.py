"""Import suppliers with their services and contacts from CSV or XLSX (layout: docs/import-format.md)."""

from ketenwacht.suppliers.importing.reader import ImportFileError
from ketenwacht.suppliers.importing.runner import ImportResult, RowError, import_suppliers

__all__ = ["ImportFileError", "ImportResult", "RowError", "import_suppliers"]
