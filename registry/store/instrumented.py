"""A store wrapper that counts and times every call by name (benchmarks, N+1 checks)."""

import time
from collections import Counter, defaultdict
from contextlib import AbstractAsyncContextManager
from typing import Any

from registry.store.base import Store


class InstrumentedStore:
    """Behaves as the store it wraps; `calls` and `seconds` grow with each call."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner
        self.name = inner.name
        self.calls: Counter[str] = Counter()
        self.seconds: defaultdict[str, float] = defaultdict(float)

    def reset(self) -> None:
        self.calls.clear()
        self.seconds.clear()

    def reading(self) -> AbstractAsyncContextManager[None]:
        self.calls["reading"] += 1
        return self.inner.reading()

    def __getattr__(self, name: str) -> Any:
        target = getattr(self.inner, name)

        async def measured(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return await target(*args, **kwargs)
            finally:
                self.calls[name] += 1
                self.seconds[name] += time.perf_counter() - started

        return measured
