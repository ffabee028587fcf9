"""Who may see and do what: the one place the API enforces roles.

Every GraphQL field needs at least the role named here, and a field the table does not
name is refused to everyone (fail closed); a strawberry extension checks each field it
resolves. The decision depends only on the role and the field's definition, so it is made
once per role and field, and a list of a thousand values costs a dictionary look-up each.
Which nodes a caller may see at all is `registry.services.access`'s to say.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from functools import lru_cache
from typing import Any

from graphql import GraphQLResolveInfo
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from registry.api.context import Context
from registry.domain.accounts import Caller, Role
from registry.domain.errors import Forbidden, RegistryError

V, C, E, A = Role.VIEWER, Role.CONTACT_VIEWER, Role.EDITOR, Role.ADMIN
_QUERIES = {
    **dict.fromkeys(
        ("organisations", "communities", "areas", "topics", "activities", "collaborations"), V
    ),
    **dict.fromkeys(("organisation", "community", "area", "topic", "activity", "node"), V),
    **dict.fromkeys(("analysis", "networkMap", "neighbourhood", "tokens"), V),
    **dict.fromkeys(("people", "person"), C),
    **dict.fromkeys(("accounts", "auditLog", "retentionReview", "personalData"), A),
}
_EDITED = ("Organisation", "Community", "Person", "Area", "Topic", "Activity")
_MUTATIONS = {
    **dict.fromkeys(("link", "updateLink", "unlink"), E),
    **dict.fromkeys(("createCollaboration", "updateCollaboration"), E),
    **{f"{verb}{kind}": E for kind in _EDITED for verb in ("create", "update", "archive")},
    **{f"delete{kind}": E for kind in _EDITED},
    **dict.fromkeys(("createAccount", "updateAccount", "resetPassword"), A),
    **dict.fromkeys(("createToken", "revokeToken", "restrictPerson", "erasePerson"), A),
}
# Every field of these types: they are reached only through the root fields above, which
# decide who gets that far. Person and contacts need CONTACT_VIEWER wherever they appear.
_SEEN_BY_VIEWERS = """
    Organisation Community Area Topic Activity Participation Collaboration Link Network Deleted
    PageInfo OrganisationConnection OrganisationEdge CommunityConnection CommunityEdge
    PersonConnection PersonEdge AreaConnection AreaEdge TopicConnection TopicEdge
    ActivityConnection ActivityEdge CollaborationConnection CollaborationEdge AnalysisResult
    CommunityGap Broker BrokerageRoles GroupRoles FragileCommunity FragileTie Introduction
    DistrictCoverage DistrictCommunity YearFigures Clusters Token TokenWithSecret SubsetBroker
    TieModel
"""
_SEEN_BY_ADMINS = "Account AccountWithPassword AuditEntry AuditEntryConnection AuditEntryEdge"
_TYPES = {
    **dict.fromkeys(_SEEN_BY_VIEWERS.split(), V),
    "Person": C,
    **dict.fromkeys(_SEEN_BY_ADMINS.split(), A),
}
FIELD_ROLES: dict[str, Role] = {
    **{f"Query.{name}": role for name, role in _QUERIES.items()},
    **{f"Mutation.{name}": role for name, role in _MUTATIONS.items()},
    **{f"{name}.*": role for name, role in _TYPES.items()},
    "Organisation.contacts": C,
}


def required_role(type_name: str, field_name: str) -> Role | None:
    """The least role for the field; None (refused to all) for a field missing from the table.

    Introspection (`__schema`, `__type`, `__typename` and the `__*` types) is open to every
    signed-in caller, as the explorer needs it.
    """
    if type_name.startswith("__") or field_name.startswith("__"):
        return V
    return FIELD_ROLES.get(f"{type_name}.{field_name}") or FIELD_ROLES.get(f"{type_name}.*")


@lru_cache(maxsize=4096)  # roles x the schema's fields, far fewer than this
def refusal(role: Role, type_name: str, field_name: str) -> str | None:
    """Why the role may not have the field, or None when it may."""
    what = f"{type_name}.{field_name}"
    needed = required_role(type_name, field_name)
    if needed is None:
        return f"{what} is not in the access table"
    return None if role.allows(needed) else f"{what} needs the {needed.value} role"


def check_role(role: Role, type_name: str, field_name: str) -> None:
    """Refuses the role the field; a field the table does not name is refused to all."""
    refused = refusal(role, type_name, field_name)
    if refused:
        raise Forbidden(refused, field=field_name)


def check_field(caller: Caller, type_name: str, field_name: str) -> None:
    """`check_role` for the caller's role."""
    check_role(caller.role, type_name, field_name)


def note_read(context: Context, type_name: str, root: Any) -> None:
    """Any field of a person is a read of personal data, audited when the operation ends."""
    if type_name == "Person":
        context.personal_reads.add(root.id)


def admit(context: Context, type_name: str, field_name: str, root: Any) -> bool:
    """Whether the caller may have the field of `root`, noting the read as the extension does;
    False, with nothing noted, where `check_role` would refuse."""
    if refusal(context.caller.role, type_name, field_name) is not None:
        return False
    note_read(context, type_name, root)
    return True


class AccessControl(SchemaExtension):
    """Checks each field's role, and records writes and reads of personal data in the audit."""

    role: Role  # the caller's, looked up once per operation

    async def on_execute(self) -> AsyncIterator[None]:
        self.role = self.execution_context.context.caller.role
        yield
        context = self.execution_context.context
        if context.personal_reads:
            context.audit(
                "read:personal-data",
                sorted(context.personal_reads),
                {"operation": self.execution_context.operation_name or ""},
            )
        if not context.audit_log:
            return
        if self.execution_context.operation_type is OperationType.QUERY:
            context.trail.later(context.audit_entries())  # written after the answer
        else:
            await context.store.append_audit(context.audit_entries())

    def resolve(
        self,
        _next: Callable[..., Any],
        root: Any,
        info: GraphQLResolveInfo,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        parent, field = info.parent_type.name, info.field_name
        check_role(self.role, parent, field)
        note_read(info.context, parent, root)
        if parent == "Mutation":
            return self._audited(_next(root, info, *args, **kwargs), info, kwargs)
        return _next(root, info, *args, **kwargs)

    @staticmethod
    async def _audited(
        result: Awaitable[Any], info: GraphQLResolveInfo, kwargs: dict[str, Any]
    ) -> Any:
        targets = [str(kwargs["id"])] if "id" in kwargs else []
        try:
            value = await result
        except RegistryError as exc:
            info.context.audit(f"mutation:{info.field_name}", targets, {}, exc.code)
            raise
        made = getattr(value, "id", None)
        if not targets and made:
            targets = [str(made)]
        info.context.audit(f"mutation:{info.field_name}", targets, {})
        return value
