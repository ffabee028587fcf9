"""The read-ahead behind a restore: the same items in the same order, errors where they
happened, a bounded number made ahead, and a worker that stops when the reader does."""

import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from registry.store.prefetch import read_ahead


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=4))
def test_the_items_come_in_their_order(items: list[int], depth: int):
    assert list(read_ahead(items, depth)) == items


def _failing(good: int) -> Iterator[int]:
    yield from range(good)
    raise ValueError("line 7: half a record")


@pytest.mark.parametrize("good", [0, 1, 5])
def test_an_error_raises_where_it_happened(good: int):
    got: list[int] = []
    with pytest.raises(ValueError, match="half a record"):
        for item in read_ahead(_failing(good)):
            got.append(item)
    assert got == list(range(good))


def test_the_items_are_made_on_another_thread():
    def made_on() -> Iterator[str]:
        yield threading.current_thread().name

    assert next(read_ahead(made_on())) != threading.current_thread().name


class Counted:
    """An endless source that counts the items made and knows whether it was closed."""

    def __init__(self) -> None:
        self.made, self.closed = 0, False

    def __iter__(self) -> Iterator[int]:
        try:
            while True:
                self.made += 1
                yield self.made
        finally:
            self.closed = True


def _settle(source: Counted) -> int:
    """How many items the worker made once it stopped making more."""
    before = -1
    while before != source.made:
        before = source.made
        time.sleep(0.05)
    return source.made


@pytest.mark.parametrize("depth", [1, 3])
def test_only_depth_items_wait_made(depth: int):
    source = Counted()
    reader = read_ahead(source, depth)
    assert next(reader) == 1
    # the one read, `depth` in the queue, and one the worker holds until there is room
    assert _settle(source) <= 2 + depth
    reader.close()


def test_closing_the_reader_stops_the_worker_and_closes_the_source():
    source = Counted()
    reader = read_ahead(source)
    next(reader)
    reader.close()
    made = source.made
    time.sleep(0.1)
    assert source.closed and source.made == made
    assert not [t for t in threading.enumerate() if t.name.startswith("read-ahead")]


def test_a_depth_below_one_is_refused():
    with pytest.raises(ValueError):
        read_ahead([1], 0)
