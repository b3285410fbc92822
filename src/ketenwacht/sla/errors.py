"""The one exception type of the SLA engine."""

from __future__ import annotations


class SLAInputError(ValueError):
    """Bad input to the SLA engine; ``field`` names the offending field (a JSON-style path)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)

    def within(self, prefix: str) -> SLAInputError:
        """The same error with ``prefix`` put in front of the field path."""
        if not prefix:
            return self
        if not self.field:
            return SLAInputError(prefix, self.message)
        sep = "" if self.field.startswith("[") else "."
        return SLAInputError(f"{prefix}{sep}{self.field}", self.message)
