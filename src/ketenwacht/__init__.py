"""Ketenwacht: manage IT suppliers and their service level agreements."""

__version__ = "0.1.0"
