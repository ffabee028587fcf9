"""A short-lived, bounded, in-process cache of API token look-ups.

Without it every request pays the store a read of the token and its account before it can
read anything else. Entries are keyed by the SHA-256 of the presented token, never the token
itself, so a memory dump yields nothing to sign in with. Any change to a token or an account
made in this process (revoking, a role or password change, disabling) empties every cache
at once through `forget_all`; a change made by another process (the CLI, another worker)
is seen once the entry is older than the cache's lifetime (REGISTRY_TOKEN_CACHE_SECONDS).
"""

import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from registry.domain.accounts import Caller

SIZE = 1024  # entries; the least recently used goes first
MAX_SECONDS = 60

# Raised by every forget_all: a cache that sees it move on drops what it holds, and a look-up
# that began before it does not keep its now doubtful answer.
_generation = 0


def forget_all() -> None:
    """Empty every token cache of this process: a token or an account has changed."""
    global _generation
    _generation += 1


def _key(presented: str) -> str:
    return hashlib.sha256(presented.encode()).hexdigest()


class TokenCache:
    """Callers by token hash, each kept for `seconds` at most and never past its token's
    expiry; `seconds` 0 turns the cache off."""

    def __init__(self, seconds: float, size: int = SIZE) -> None:
        if not 0 <= seconds <= MAX_SECONDS:
            raise ValueError(f"a token cache keeps entries 0 to {MAX_SECONDS} seconds")
        self.seconds, self.size = seconds, size
        self._entries: OrderedDict[str, tuple[float, Caller]] = OrderedDict()
        self._generation = _generation

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        return list(self._entries)

    async def lookup(
        self,
        presented: str,
        load: Callable[[], Awaitable[tuple[Caller, datetime] | None]],
    ) -> Caller | None:
        """The caller the token stands for, from the cache or else from `load`, which gives
        the caller and the token's expiry, or None for a token that signs no one in (not
        cached: a wrong token costs a look-up each time, as before)."""
        if self._generation != _generation:
            self._entries.clear()
            self._generation = _generation
        key, started, at = _key(presented), _generation, time.monotonic()
        entry = self._entries.get(key)
        if entry is not None and entry[0] > at:
            self._entries.move_to_end(key)
            return entry[1]
        self._entries.pop(key, None)
        found = await load()
        if found is None or self.seconds == 0 or started != _generation:
            return found[0] if found else None
        caller, expires = found
        left = (expires - datetime.now(UTC)).total_seconds()
        self._entries[key] = (time.monotonic() + min(self.seconds, left), caller)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return caller
