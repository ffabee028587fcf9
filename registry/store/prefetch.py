"""Read-ahead: the next items of a slow iterator (a dump being parsed and validated) are made
on a thread of their own while the caller writes the current one to a store.

Most of a restore's reading is C (the JSON parser) and most of its writing waits on SQLite
or on Neo4j with the GIL released, so the two overlap; only `depth` items wait made, so
memory stays that of a few batches whatever the length of the stream.
"""

import threading
from collections.abc import Generator, Iterable, Iterator
from queue import Empty, Full, Queue
from typing import Any, TypeVar

T = TypeVar("T")
_POLL = 0.1  # seconds between looks at whether the reader has given up
_DONE = object()  # what the worker sends after the last item
_Entry = tuple[Any, BaseException | None]  # an item, or what raised instead of it


def read_ahead(items: Iterable[T], depth: int = 1) -> Generator[T, None, None]:
    """The items in their order, up to `depth` of them made ahead on a worker thread. What
    raises while making an item raises here, in its place; closing this iterator early (or
    dropping it) stops the worker and closes `items`."""
    if depth < 1:
        raise ValueError("read_ahead needs a depth of at least 1")
    queue: Queue[_Entry] = Queue(maxsize=depth)
    stop = threading.Event()
    worker = threading.Thread(
        target=_make, args=(iter(items), queue, stop), name="read-ahead", daemon=True
    )
    return _take(worker, queue, stop)


def _take(
    worker: threading.Thread, queue: Queue[_Entry], stop: threading.Event
) -> Generator[Any, None, None]:
    worker.start()  # on the first next(), as this is a generator: an unused one starts nothing
    try:
        while True:
            item, error = queue.get()
            if error is not None:
                raise error
            if item is _DONE:
                return
            yield item
    finally:
        stop.set()
        _drain(queue)  # a worker blocked on a full queue sees `stop` within _POLL
        worker.join()


def _make(items: Iterator[Any], queue: Queue[_Entry], stop: threading.Event) -> None:
    try:
        for item in items:
            if not _put(queue, (item, None), stop):
                return
        _put(queue, (_DONE, None), stop)
    except BaseException as exc:  # handed to the reader, who raises it where it asked
        _put(queue, (None, exc), stop)
    finally:
        close = getattr(items, "close", None)
        if close is not None:
            close()  # a generator's files close here, on the thread that ran it


def _put(queue: Queue[_Entry], entry: _Entry, stop: threading.Event) -> bool:
    while not stop.is_set():
        try:
            queue.put(entry, timeout=_POLL)
            return True
        except Full:
            continue
    return False


def _drain(queue: Queue[_Entry]) -> None:
    while True:
        try:
            queue.get_nowait()
        except Empty:
            return
