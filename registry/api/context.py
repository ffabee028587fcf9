"""The request context: the store, this request's loaders, who is asking, what to audit."""

from dataclasses import dataclass, field, replace
from typing import Any

from strawberry.types import Info as StrawberryInfo

from registry.api.loaders import Loaders
from registry.domain.accounts import Caller
from registry.domain.audit import AuditEntry
from registry.services.analyses import AnalysisService
from registry.services.audit_trail import AuditTrail
from registry.services.network_maps import NetworkMaps
from registry.settings import Settings
from registry.store.base import Store, now


@dataclass
class Context:
    store: Store
    loaders: Loaders
    caller: Caller
    settings: Settings
    analysis: AnalysisService
    maps: NetworkMaps
    trail: AuditTrail  # where a read's entries go, written after the answer
    personal_reads: set[str] = field(default_factory=set)
    audit_log: list[AuditEntry] = field(default_factory=list)
    erased: set[str] = field(default_factory=set)
    # The GraphQL object of each node this request has shown, by id: a page's 50
    # organisations share a few dozen communities, areas and topics.
    objects: dict[str, Any] = field(default_factory=dict)

    def audit(
        self, action: str, targets: list[str], details: dict[str, Any], outcome: str = "ok"
    ) -> None:
        """Note an entry; the access extension appends them when the operation ends."""
        entry = AuditEntry(now(), self.caller.account_id, action, tuple(targets), details, outcome)
        self.audit_log.append(entry)

    def forget(self, node_id: str) -> None:
        """The node was erased: no audit entry may say it was about the node, not even this
        request's own (the store has already forgotten it in the older ones)."""
        self.erased.add(node_id)

    def release(self) -> None:
        """Drop what the request read once it is answered. The request's objects refer to each
        other in cycles (strawberry's, starlette's), which would keep the page's records and
        loaders alive until the collector's next full pass: a pause of 10 ms or more that one
        request in twenty waited for."""
        self.loaders.clear()
        self.objects.clear()

    def audit_entries(self) -> list[AuditEntry]:
        """What to append to the audit log when the operation ends."""
        return [
            replace(e, targets=tuple(t for t in e.targets if t not in self.erased))
            for e in self.audit_log
        ]


Info = StrawberryInfo[Context, None]
