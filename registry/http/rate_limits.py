"""Rate limits: requests a minute per caller, and sign-in attempts per address and account.

Requests count against the API token or account that sent them once it is known to be
real, and otherwise against the client address, so inventing tokens buys no fresh limit.
The address is the peer's, or the one a trusted proxy forwarded: uvicorn rewrites it only
for peers in REGISTRY_TRUSTED_PROXIES, and nothing here reads X-Forwarded-For itself.
"""

import time
from collections import defaultdict

from registry.domain.accounts import Caller

# Module level so that tests can move the clock.
monotonic = time.monotonic
MAX_KEYS = 10_000


class Window:
    """At most `per_minute` events a minute per key."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self.windows: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))

    def allow(self, key: str) -> bool:
        minute = int(monotonic() // 60)
        start, count = self.windows[key]
        count = count + 1 if start == minute else 1
        self.windows[key] = (minute, count)
        if len(self.windows) > MAX_KEYS:  # forget idle keys so memory stays bounded
            self.windows = defaultdict(
                lambda: (0, 0), {k: v for k, v in self.windows.items() if v[0] == minute}
            )
        return count <= self.per_minute


def request_key(caller: Caller | None, address: str) -> str:
    if caller is None:
        return f"address:{address}"
    if caller.token_id:
        return f"token:{caller.token_id}"
    return f"account:{caller.account_id}"


class AccountThrottle:
    """Slows password guessing at one account from any number of addresses, without locking
    its owner out: after FREE failures each further one makes the account wait twice as
    long (at most MAX_WAIT seconds) before it takes the next attempt; a success resets it."""

    FREE, MAX_WAIT, FORGET = 5, 60, 15 * 60

    def __init__(self) -> None:
        self.failures: dict[str, tuple[int, float]] = {}

    def wait(self, username: str) -> int:
        """Seconds until the account takes another attempt; 0 if it takes one now."""
        count, last = self.failures.get(_name(username), (0, 0.0))
        if count < self.FREE:
            return 0
        ready = last + min(2 ** (count - self.FREE), self.MAX_WAIT)
        return max(0, int(ready - monotonic() + 0.999))

    def failed(self, username: str) -> None:
        at = monotonic()
        count, last = self.failures.get(_name(username), (0, at))
        fresh = at - last > self.FORGET
        self.failures[_name(username)] = (1 if fresh else count + 1, at)
        if len(self.failures) > MAX_KEYS:
            self.failures = {k: v for k, v in self.failures.items() if at - v[1] <= self.FORGET}

    def succeeded(self, username: str) -> None:
        self.failures.pop(_name(username), None)


def _name(username: str) -> str:
    return username.strip().lower()
