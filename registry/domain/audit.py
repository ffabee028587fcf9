"""What the audit log records: who did what to which ids, and how it ended.

Entries hold ids, action names and filters, never the personal data itself.
"""

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class AuditEntry:
    at: str
    actor: str  # account id, or "system" / "cli:<user>" outside requests
    action: str  # e.g. "mutation:createOrganisation", "export:contacts.csv", "read:personal-data"
    targets: tuple[str, ...] = ()
    details: dict[str, Any] = field(default_factory=dict)
    outcome: str = "ok"  # "ok" or the error code that refused it
    seq: int = 0  # given by the store, in order of appending


def scrub(filters: dict[str, Any]) -> dict[str, Any]:
    """A filter fit for the audit log: free text could name a person, so only its presence."""
    return {k: ("<text>" if k == "search" and v else v) for k, v in filters.items() if v}
