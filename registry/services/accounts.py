"""Accounts and API tokens, kept as documents in whichever store is configured."""

from datetime import UTC, datetime, timedelta

from registry.domain import accounts as rules
from registry.domain.accounts import Account, ApiToken, Caller, Role
from registry.domain.errors import Conflict, NotFound, ValidationFailed
from registry.services import token_cache
from registry.services.token_cache import TokenCache
from registry.store.base import Store, new_id, now

ACCOUNTS, TOKENS = "accounts", "tokens"


def _account(doc) -> Account:
    return Account.model_validate({**doc.data, "version": doc.version})


async def all_accounts(store: Store) -> list[Account]:
    return sorted(map(_account, await store.list_documents(ACCOUNTS)), key=lambda a: a.username)


async def get_account(store: Store, account_id: str) -> Account | None:
    [doc] = await store.get_documents(ACCOUNTS, [account_id])
    return _account(doc) if doc else None


async def find_account(store: Store, username: str) -> Account | None:
    wanted = username.strip().lower()
    return next((a for a in await all_accounts(store) if a.username == wanted), None)


async def save_account(store: Store, account: Account, expected_version: int | None) -> Account:
    data = account.model_dump(mode="json", exclude={"version"})
    try:
        doc = await store.save_document(ACCOUNTS, account.id, data, expected_version)
    finally:  # a save that failed may yet have committed (a timeout after the commit)
        token_cache.forget_all()
    return account.model_copy(update={"version": doc.version})


async def create_account(
    store: Store, username: str, role: Role, password: str | None = None
) -> tuple[Account, str | None]:
    """A new account; without a password one is made, to be changed at first sign-in."""
    try:
        name = Account.model_validate({"id": "x", "username": username.lower(), "role": role})
    except ValueError:
        raise ValidationFailed("a user name is 2-64 of a-z 0-9 . _ @ -", field="username") from None
    if await find_account(store, name.username):
        raise Conflict(f"the user name {name.username} is taken", field="username")
    given = password or rules.new_password()
    account = Account(
        id=new_id(),
        username=name.username,
        role=role,
        password_hash=_hash(given),
        must_change_password=password is None,
        created_at=now(),
    )
    return await save_account(store, account, None), None if password else given


def _hash(password: str) -> str:
    try:
        return rules.hash_password(password)
    except ValueError as exc:
        raise ValidationFailed(str(exc), field="password") from None


async def set_password(store: Store, account: Account, password: str, temporary: bool) -> Account:
    changed = account.model_copy(
        update={
            "password_hash": _hash(password),
            "must_change_password": temporary,
            "session_epoch": account.session_epoch + 1,  # signs out other sessions
        }
    )
    return await save_account(store, changed, account.version)


async def ensure_first_admin(store: Store) -> str | None:
    """On first start, an `admin` account; returns its one-time password, else None."""
    if await store.list_documents(ACCOUNTS):
        return None
    _, password = await create_account(store, "admin", Role.ADMIN)
    return password


async def authenticate_password(store: Store, username: str, password: str) -> Account | None:
    account = await find_account(store, username)
    hashed = account.password_hash if account and not account.disabled else None
    return account if rules.verify_password(hashed, password) and account else None


async def create_token(
    store: Store, account: Account, role: Role, label: str, days: int
) -> tuple[ApiToken, str]:
    """A new API token no stronger than its account; the secret is shown once."""
    if not account.role.allows(role):
        raise ValidationFailed("a token cannot have more rights than its account", field="role")
    if not 1 <= days <= 366:
        raise ValidationFailed("a token lives 1 to 366 days", field="days")
    secret, token_id, digest = rules.mint_token()
    expires = (datetime.now(UTC) + timedelta(days=days)).isoformat(timespec="seconds")
    token = ApiToken(
        id=token_id, account_id=account.id, role=role, label=label,
        secret_hash=digest, expires_at=expires, created_at=now(),
    )  # fmt: skip
    await store.save_document(TOKENS, token_id, token.model_dump(mode="json"), None)
    return token, secret


async def all_tokens(store: Store) -> list[ApiToken]:
    docs = await store.list_documents(TOKENS)
    return sorted((ApiToken.model_validate(d.data) for d in docs), key=lambda t: t.created_at)


async def tokens_for(store: Store, caller: Caller) -> list[ApiToken]:
    """The tokens `caller` may see: an administrator every one, anyone else their own."""
    tokens = await all_tokens(store)
    if caller.role.allows(Role.ADMIN):
        return tokens
    return [t for t in tokens if t.account_id == caller.account_id]


async def revoke_token(store: Store, token_id: str) -> ApiToken:
    [doc] = await store.get_documents(TOKENS, [token_id])
    if doc is None:
        raise NotFound(f"no token {token_id}", field="id")
    token = ApiToken.model_validate(doc.data).model_copy(update={"revoked": True})
    try:
        await store.save_document(TOKENS, token_id, token.model_dump(mode="json"), doc.version)
    finally:
        token_cache.forget_all()
    return token


async def caller_for_token(
    store: Store, presented: str, cache: TokenCache | None = None
) -> Caller | None:
    """Who the token signs in, or None; a recent answer comes from `cache`, if given."""
    if cache is None:
        found = await _token_caller(store, presented)
        return found[0] if found else None
    return await cache.lookup(presented, lambda: _token_caller(store, presented))


async def _token_caller(store: Store, presented: str) -> tuple[Caller, datetime] | None:
    parts = rules.split_token(presented)
    if parts is None:
        return None
    async with store.reading():  # the token and its account: one read transaction
        [doc] = await store.get_documents(TOKENS, [parts[0]])
        token = ApiToken.model_validate(doc.data) if doc else None
        if token is None or not rules.secret_matches(token, parts[1]):
            return None
        if not token.usable(datetime.now(UTC)):
            return None
        account = await get_account(store, token.account_id)
    if account is None or account.disabled:
        return None
    role = min(token.role, account.role, key=lambda r: r.rank)
    caller = Caller(account.id, account.username, role, via="token", token_id=token.id)
    return caller, datetime.fromisoformat(token.expires_at)
