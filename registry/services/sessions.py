"""Browser sessions kept in the store, so that ending one takes effect at once.

The cookie carries only a random session id; the store keeps its hash (a copy of the store
signs no one in) with the account, the account's session epoch, and when the session began
and was last seen. Signing out deletes the session; a password change, a role change or
disabling raises the account's epoch, which ends all of its sessions. Sessions past their
lifetime are deleted whenever someone signs in, so no record of use outlives them long.
"""

import hashlib
import secrets
from contextlib import suppress
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from registry.domain.accounts import Account
from registry.domain.errors import Conflict, NotFound
from registry.services import accounts
from registry.store.base import Store, now

SESSIONS = "sessions"
# Writing `last_seen` on every request would double the writes; a minute's precision will do.
TOUCH_EVERY = timedelta(minutes=1)


class Session(BaseModel):
    account_id: str
    epoch: int
    created_at: str
    last_seen: str

    def expired(self, lifetime: timedelta, at: datetime) -> bool:
        return datetime.fromisoformat(self.created_at) + lifetime < at


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


async def start_session(store: Store, account: Account, lifetime: timedelta) -> str:
    """A new session for `account`; returns the id its cookie carries."""
    at = datetime.now(UTC)
    docs = await store.list_documents(SESSIONS)
    expired = [d.id for d in docs if Session.model_validate(d.data).expired(lifetime, at)]
    if expired:
        await store.delete_documents(SESSIONS, expired)
    session_id, stamp = secrets.token_urlsafe(32), now()
    record = Session(account_id=account.id, epoch=account.session_epoch, created_at=stamp,
                     last_seen=stamp)  # fmt: skip
    await store.save_document(SESSIONS, _key(session_id), record.model_dump(), None)
    return session_id


async def session_account(store: Store, session_id: str, lifetime: timedelta) -> Account | None:
    """The account a live session belongs to, or None once it has ended or expired."""
    async with store.reading():  # the session and its account: one read transaction
        [doc] = await store.get_documents(SESSIONS, [_key(session_id)])
        if doc is None:
            return None
        record, at = Session.model_validate(doc.data), datetime.now(UTC)
        if record.expired(lifetime, at):
            return None
        account = await accounts.get_account(store, record.account_id)
    if account is None or account.disabled or account.session_epoch != record.epoch:
        return None
    if datetime.fromisoformat(record.last_seen) + TOUCH_EVERY < at:
        seen = record.model_copy(update={"last_seen": now()})
        # A parallel request of the same session may have touched it, or signed out, first.
        with suppress(Conflict, NotFound):
            await store.save_document(SESSIONS, doc.id, seen.model_dump(), doc.version)
    return account


async def end_session(store: Store, session_id: str) -> None:
    await store.delete_documents(SESSIONS, [_key(session_id)])
