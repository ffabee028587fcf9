"""What an import found: rows, what was (or would be) created and updated with the diff of
each update, the columns it read and those it left out, a preview, and the errors."""

from dataclasses import dataclass, field
from typing import Any

from registry.services.import_texts import RowError

PREVIEW_ROWS = 20


@dataclass
class Change:
    """An organisation found by its number, and the fields the file changes."""

    row: int
    id: str
    name: str
    version: int
    before: dict[str, Any]  # the whole props, to put back if the import fails
    after: dict[str, Any]

    def diff(self) -> dict[str, list[Any]]:
        names = sorted(set(self.before) | set(self.after))
        return {
            n: [self.before.get(n), self.after.get(n)]
            for n in names
            if self.before.get(n) != self.after.get(n)
        }


@dataclass
class Report:
    rows: int
    created: dict[str, int]  # empty when the file was refused
    errors: list[RowError]
    dry_run: bool
    changes: list[Change] = field(default_factory=list)
    more_errors: int = 0  # errors beyond the bound, counted only
    columns: list[dict[str, str | None]] = field(default_factory=list)  # header -> field
    ignored: list[str] = field(default_factory=list)  # headers filling no field
    preview: list[list[str]] = field(default_factory=list)  # the first rows, as text
    warnings: list[RowError] = field(default_factory=list)  # likely duplicates, not refused

    def summary(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "created": self.created,
            "updated": len(self.changes) if self.created else 0,
            "dryRun": self.dry_run,
        }

    def details(self, lang: str) -> dict[str, Any]:
        """Everything the upload page shows."""
        return self.summary() | {
            "changes": [
                {"row": c.row, "id": c.id, "name": c.name, "diff": c.diff()} for c in self.changes
            ],
            "columns": self.columns,
            "ignored": self.ignored,
            "preview": self.preview,
            "moreErrors": self.more_errors,
            "errors": [e.as_json(lang) for e in self.errors],
            "warnings": [w.as_json(lang, "LIKELY_DUPLICATE") for w in self.warnings],
        }
