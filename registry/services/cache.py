"""A cache bounded in entries and in bytes, the least recently used going first."""

from collections import OrderedDict
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedCache(Generic[K, V]):
    """At most `entries` values, together at most `max_bytes` as their sizes were given.
    The newest value stays even when it alone is over: it was just paid for."""

    def __init__(self, entries: int, max_bytes: int) -> None:
        self.entries, self.max_bytes = entries, max_bytes
        self._values: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self.bytes = 0

    def __len__(self) -> int:
        return len(self._values)

    def get(self, key: K) -> V | None:
        found = self._values.get(key)
        if found is None:
            return None
        self._values.move_to_end(key)
        return found[0]

    def put(self, key: K, value: V, size: int) -> None:
        self._drop(key)
        self._values[key] = (value, size)
        self.bytes += size
        while len(self._values) > 1 and (
            len(self._values) > self.entries or self.bytes > self.max_bytes
        ):
            self._drop(next(iter(self._values)))

    def _drop(self, key: K) -> None:
        _, size = self._values.pop(key, (None, 0))
        self.bytes -= size
