"""Who may see and do what: the one place the API enforces roles.

Every GraphQL field needs at least the role named here (VIEWER when it is not named);
a strawberry extension checks it for each field it resolves. Which nodes a caller may see
at all is `registry.services.access`'s to say.
"""

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

from strawberry.extensions import SchemaExtension
from strawberry.types import Info

from registry.domain.accounts import Role
from registry.domain.errors import RegistryError
from registry.services.access import require

C, E, A = Role.CONTACT_VIEWER, Role.EDITOR, Role.ADMIN
FIELD_ROLES: dict[str, Role] = {
    "Query.people": C,
    "Query.person": C,
    "Organisation.contacts": C,
    "Person.*": C,
    "Mutation.*": E,
    "Query.accounts": A,
    "Query.auditLog": A,
    "Query.retentionReview": A,
    "Query.personalData": A,
    "Mutation.restrictPerson": A,
    "Mutation.erasePerson": A,
    "Mutation.createAccount": A,
    "Mutation.updateAccount": A,
    "Mutation.resetPassword": A,
    "Mutation.createToken": A,
    "Mutation.revokeToken": A,
}


def required_role(type_name: str, field_name: str) -> Role:
    return (
        FIELD_ROLES.get(f"{type_name}.{field_name}")
        or FIELD_ROLES.get(f"{type_name}.*")
        or Role.VIEWER
    )


class AccessControl(SchemaExtension):
    """Checks each field's role, and records writes and reads of personal data in the audit."""

    async def on_execute(self) -> AsyncIterator[None]:
        yield
        context = self.execution_context.context
        if context.personal_reads:
            context.audit(
                "read:personal-data",
                sorted(context.personal_reads),
                {"operation": self.execution_context.operation_name or ""},
            )
        if context.audit_log:
            await context.store.append_audit(context.audit_entries())

    def resolve(
        self, _next: Callable[..., Any], root: Any, info: Info, *args: Any, **kwargs: Any
    ) -> Any:
        parent, field = info.parent_type.name, info.field_name
        require(info.context.caller, required_role(parent, field), f"{parent}.{field}")
        if parent == "Person":
            info.context.personal_reads.add(root.id)
        if parent == "Mutation":
            return self._audited(_next(root, info, *args, **kwargs), info, kwargs)
        return _next(root, info, *args, **kwargs)

    @staticmethod
    async def _audited(result: Awaitable[Any], info: Info, kwargs: dict[str, Any]) -> Any:
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
