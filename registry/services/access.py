"""What a caller may see and do, for every entry point: roles, hidden nodes, scoped lists.

Nodes a caller may not see at all (contact persons below CONTACT_VIEWER, restricted entries
below ADMIN) are dropped where they are read, so they never show up through a list, a tie,
a subgraph or an export.
"""

from dataclasses import replace

from registry.domain.accounts import Caller, Role
from registry.domain.enums import NodeKind
from registry.domain.errors import Forbidden
from registry.store.query import NodeQuery
from registry.store.records import NodeRecord


def require(caller: Caller, needed: Role, what: str) -> None:
    """Refuses (FORBIDDEN, naming the last part of `what` as the field) below `needed`."""
    if not caller.role.allows(needed):
        raise Forbidden(f"{what} needs the {needed.value} role", field=what.split(".")[-1])


def visible(caller: Caller, record: NodeRecord) -> bool:
    """Whether the caller may know the node exists."""
    if record.kind is NodeKind.PERSON and not caller.role.allows(Role.CONTACT_VIEWER):
        return False
    return not record.props.get("restricted") or caller.role.allows(Role.ADMIN)


def scope(query: NodeQuery, caller: Caller) -> NodeQuery:
    """A list query narrowed to what the caller may see."""
    if query.kind is NodeKind.PERSON and not caller.role.allows(Role.ADMIN):
        return replace(query, equals={**query.equals, "restricted": (False,)})
    return query
