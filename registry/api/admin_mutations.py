"""Administrators' mutations: accounts, tokens, restriction (sperring) and erasure."""

from typing import Annotated

import strawberry

from registry.api.admin import (
    Account,
    AccountWithPassword,
    RoleType,
    Token,
    TokenWithSecret,
    _account,
    _person,
    to_person,
)
from registry.api.context import Info
from registry.api.mutations import Deleted
from registry.api.nodes import Person
from registry.domain.accounts import Role, new_password
from registry.domain.errors import ValidationFailed
from registry.services import accounts


@strawberry.type
class AdminMutation:
    @strawberry.mutation(description="Add an account; its one-time password is shown once.")
    async def create_account(
        self, info: Info, username: str, role: RoleType
    ) -> AccountWithPassword:
        made, password = await accounts.create_account(info.context.store, username, Role(role))
        return AccountWithPassword(account=Account.of(made), one_time_password=password or "")

    @strawberry.mutation(description="Change an account's role or disable it; its sessions end.")
    async def update_account(
        self, info: Info, id: strawberry.ID, expected_version: int,
        role: RoleType | None = None, disabled: bool | None = None,
    ) -> Account:  # fmt: skip
        current = await _account(info, id)
        if current.id == info.context.caller.account_id and (
            disabled or (role and role != Role.ADMIN)
        ):
            raise ValidationFailed("administrators cannot lock themselves out", field="id")
        changed = current.model_copy(update={
            "role": Role(role) if role else current.role,
            "disabled": current.disabled if disabled is None else disabled,
            "session_epoch": current.session_epoch + 1,
        })  # fmt: skip
        return Account.of(
            await accounts.save_account(info.context.store, changed, expected_version)
        )

    @strawberry.mutation(description="Give an account a new one-time password, shown once.")
    async def reset_password(self, info: Info, id: strawberry.ID) -> AccountWithPassword:
        fresh = new_password()
        changed = await accounts.set_password(
            info.context.store, await _account(info, id), fresh, True
        )
        return AccountWithPassword(account=Account.of(changed), one_time_password=fresh)

    @strawberry.mutation(description="An API token for an account, at most the account's role.")
    async def create_token(
        self,
        info: Info,
        account_id: strawberry.ID,
        role: RoleType,
        label: str,
        days: Annotated[
            int | None,
            strawberry.argument(description="Days until it expires; REGISTRY_TOKEN_DAYS if unset."),
        ] = None,
    ) -> TokenWithSecret:
        account = await _account(info, account_id)
        lifetime = info.context.settings.token_days if days is None else days
        token, secret = await accounts.create_token(
            info.context.store, account, Role(role), label, lifetime
        )
        return TokenWithSecret(token=Token.of(token), secret=secret)

    @strawberry.mutation(description="Revoke a token at once.")
    async def revoke_token(self, info: Info, id: strawberry.ID) -> Token:
        return Token.of(await accounts.revoke_token(info.context.store, id))

    @strawberry.mutation(
        description="Restrict (sperre) a contact: kept, hidden from all but admins."
    )
    async def restrict_person(
        self, info: Info, id: strawberry.ID, expected_version: int, restricted: bool = True
    ) -> Person:
        person = await _person(info, id)
        props = {**person.props, "restricted": restricted}
        return to_person(await info.context.store.update_node(id, props, expected_version))

    @strawberry.mutation(description="Erase a contact and its ties so no trace remains; the "
                         "audit log keeps only that an erasure happened.")  # fmt: skip
    async def erase_person(self, info: Info, id: strawberry.ID) -> Deleted:
        await _person(info, id)
        await info.context.trail.flush()  # no entry naming the person may come after
        await info.context.store.erase_node(id)
        info.context.forget(id)
        return Deleted(id=id)
