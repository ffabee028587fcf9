"""Browser sessions kept in the store, so that ending one takes effect at once.

The cookie carries only a random session id; the store keeps its hash (a copy of the store
signs no one in) with the account, the account's session epoch, and when it began, was
last seen and whether it was ended. Signing out ends one session; a password change, a role
change or disabling raises the account's epoch, which ends all of its sessions.
"""

import hashlib
import secrets
from contextlib import suppress
from datetime import UTC, datetime, timedelta

from pydantic import BaseModel

from registry.domain.accounts import Account
from registry.domain.errors import Conflict
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
    revoked: bool = False


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


async def start_session(store: Store, account: Account) -> str:
    """A new session for `account`; returns the id its cookie carries."""
    session_id, at = secrets.token_urlsafe(32), now()
    record = Session(account_id=account.id, epoch=account.session_epoch, created_at=at,
                     last_seen=at)  # fmt: skip
    await store.save_document(SESSIONS, _key(session_id), record.model_dump(), None)
    return session_id


async def session_account(store: Store, session_id: str, lifetime: timedelta) -> Account | None:
    """The account a live session belongs to, or None once it has ended or expired."""
    [doc] = await store.get_documents(SESSIONS, [_key(session_id)])
    if doc is None:
        return None
    record, at = Session.model_validate(doc.data), datetime.now(UTC)
    if record.revoked or datetime.fromisoformat(record.created_at) + lifetime < at:
        return None
    account = await accounts.get_account(store, record.account_id)
    if account is None or account.disabled or account.session_epoch != record.epoch:
        return None
    if datetime.fromisoformat(record.last_seen) + TOUCH_EVERY < at:
        seen = record.model_copy(update={"last_seen": now()})
        # A parallel request of the same session may have touched it first.
        with suppress(Conflict):
            await store.save_document(SESSIONS, doc.id, seen.model_dump(), doc.version)
    return account


async def end_session(store: Store, session_id: str) -> None:
    while True:  # again if a parallel request touched the session in between
        [doc] = await store.get_documents(SESSIONS, [_key(session_id)])
        if doc is None:
            return
        ended = Session.model_validate(doc.data).model_copy(update={"revoked": True})
        try:
            await store.save_document(SESSIONS, doc.id, ended.model_dump(), doc.version)
            return
        except Conflict:
            continue
