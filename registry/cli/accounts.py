"""`registry users ...` and `registry tokens ...`: accounts and API tokens from the terminal."""

import getpass
from typing import Annotated

import typer

from registry.cli.common import fail, with_store
from registry.domain.accounts import Account, Role
from registry.domain.audit import AuditEntry
from registry.services import accounts
from registry.settings import get_settings
from registry.store.base import Store, now

users = typer.Typer(help="Accounts: list, add, change role, disable, reset passwords.")
tokens = typer.Typer(help="API tokens for scripts: create, list, revoke.")
RoleOption = Annotated[Role, typer.Option(case_sensitive=False, help="The account's role.")]


async def _audit(store: Store, action: str, target: str) -> None:
    actor = f"cli:{getpass.getuser()}"
    await store.append_audit([AuditEntry(now(), actor, action, (target,))])


async def _account(store: Store, username: str) -> Account:
    account = await accounts.find_account(store, username)
    if account is None:
        raise fail(f"no account named {username}")
    return account


@users.command("list")
def list_users() -> None:
    """Every account with its role."""
    for account in with_store(get_settings(), accounts.all_accounts):
        state = " (disabled)" if account.disabled else ""
        typer.echo(f"{account.username:32} {account.role.value:15}{state}")


@users.command("add")
def add_user(username: str, role: RoleOption = Role.VIEWER) -> None:
    """Add an account; its one-time password is printed once."""

    async def work(store: Store) -> str | None:
        account, password = await accounts.create_account(store, username, role)
        await _audit(store, "account:create", account.id)
        return password

    password = with_store(get_settings(), work)
    typer.echo(f"Added {username} ({role.value}). One-time password: {password}")


@users.command("set-role")
def set_role(username: str, role: Annotated[Role, typer.Argument(case_sensitive=False)]) -> None:
    """Change an account's role; its sessions end."""

    async def work(store: Store) -> None:
        account = await _account(store, username)
        changed = account.model_copy(
            update={"role": role, "session_epoch": account.session_epoch + 1}
        )
        await accounts.save_account(store, changed, account.version)
        await _audit(store, "account:role", account.id)

    with_store(get_settings(), work)
    typer.echo(f"{username} is now {role.value}.")


@users.command("disable")
def disable(
    username: str, enable: Annotated[bool, typer.Option(help="Enable again.")] = False
) -> None:
    """Stop an account from signing in (its tokens stop working too)."""

    async def work(store: Store) -> None:
        account = await _account(store, username)
        changed = account.model_copy(
            update={"disabled": not enable, "session_epoch": account.session_epoch + 1}
        )
        await accounts.save_account(store, changed, account.version)
        await _audit(store, "account:enable" if enable else "account:disable", account.id)

    with_store(get_settings(), work)
    typer.echo(f"{username} is {'enabled' if enable else 'disabled'}.")


@users.command("reset-password")
def reset_password(username: str) -> None:
    """Give an account a new one-time password, printed once."""
    fresh = accounts.rules.new_password()

    async def work(store: Store) -> None:
        account = await _account(store, username)
        await accounts.set_password(store, account, fresh, temporary=True)
        await _audit(store, "account:reset-password", account.id)

    with_store(get_settings(), work)
    typer.echo(f"New one-time password for {username}: {fresh}")


@tokens.command("create")
def create_token(
    username: str,
    role: RoleOption = Role.VIEWER,
    label: Annotated[str, typer.Option(help="What the token is for.")] = "script",
    days: Annotated[
        int | None, typer.Option(help="Days until it expires [REGISTRY_TOKEN_DAYS, 90].")
    ] = None,
) -> None:
    """Make an API token for an account; the token is printed once."""

    async def work(store: Store) -> str:
        account = await _account(store, username)
        lifetime = get_settings().token_days if days is None else days
        token, secret = await accounts.create_token(store, account, role, label, lifetime)
        await _audit(store, "token:create", token.id)
        return secret

    secret = with_store(get_settings(), work)
    typer.echo(secret)


@tokens.command("list")
def list_tokens() -> None:
    """Every token: id, account, role, label, expiry, revoked."""
    for token in with_store(get_settings(), accounts.all_tokens):
        state = "revoked" if token.revoked else f"expires {token.expires_at}"
        typer.echo(f"{token.id}  {token.role.value:15} {token.label:20} {state}")


@tokens.command("revoke")
def revoke(token_id: str) -> None:
    """Revoke a token at once."""

    async def work(store: Store) -> None:
        await accounts.revoke_token(store, token_id)
        await _audit(store, "token:revoke", token_id)

    with_store(get_settings(), work)
    typer.echo(f"Token {token_id} revoked.")
