"""Imports of performance data: ticket-system exports (CSV/XLSX) with presets and saved mappings."""

from ketenwacht.performance.importing.reading import ImportFileError
from ketenwacht.performance.importing.run import ImportResult, Layout, RowError, import_records

__all__ = ["ImportFileError", "ImportResult", "Layout", "RowError", "import_records"]
