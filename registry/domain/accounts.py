"""Who may use the registry: roles, accounts, API tokens, and how credentials are checked."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from functools import cache
from typing import Annotated

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, StringConstraints

TOKEN_PREFIX = "reg_"
_hasher = PasswordHasher()


class Role(StrEnum):
    """Each role may do everything the ones before it may."""

    VIEWER = "VIEWER"  # organisations and public facts
    CONTACT_VIEWER = "CONTACT_VIEWER"  # also the personal data of contact persons
    EDITOR = "EDITOR"  # also writes
    ADMIN = "ADMIN"  # also accounts, restriction, erasure, audit

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: "Role") -> bool:
        return self.rank >= needed.rank


Username = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[a-z0-9][a-z0-9._@-]{1,63}$")
]


class Account(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str
    username: Username
    role: Role
    password_hash: str | None = None  # None: signs in only through single sign-on
    must_change_password: bool = False
    disabled: bool = False
    session_epoch: int = 0  # raised to sign the account out everywhere
    version: int = 1
    created_at: str = ""


class ApiToken(BaseModel):
    model_config = ConfigDict(frozen=True)

    id: str  # the public part of the token, used to find it
    account_id: str
    role: Role
    label: str
    secret_hash: str
    expires_at: str
    revoked: bool = False
    created_at: str = ""

    def usable(self, at: datetime) -> bool:
        return not self.revoked and datetime.fromisoformat(self.expires_at) > at


def hash_password(password: str) -> str:
    if len(password) < 12:
        raise ValueError("a password has at least 12 characters")
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so timing does not tell.

    Made at the first failed sign-in, not at import: hashing costs ~50 ms, which every
    command and test process would otherwise pay at start-up."""
    return _hasher.hash(secrets.token_urlsafe(16))


def new_password() -> str:
    return secrets.token_urlsafe(15)


def mint_token() -> tuple[str, str, str]:
    """A new token as (what the user gets, its public id, the hash the store keeps)."""
    token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    return f"{TOKEN_PREFIX}{token_id}_{secret}", token_id, _digest(secret)


def split_token(token: str) -> tuple[str, str] | None:
    """The public id and secret of a presented token, or None if it is not one of ours."""
    if not token.startswith(TOKEN_PREFIX) or token.count("_") < 2:
        return None
    token_id, secret = token[len(TOKEN_PREFIX) :].split("_", 1)
    return token_id, secret


def secret_matches(token: ApiToken, secret: str) -> bool:
    # Tokens are long random strings, so a fast hash suffices; compare in constant time.
    return hmac.compare_digest(token.secret_hash, _digest(secret))


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class Caller:
    """Who sent a request, and through what: a session, an API token, or the command line."""

    account_id: str
    username: str
    role: Role
    via: str = "session"
    token_id: str | None = None
    must_change_password: bool = False
