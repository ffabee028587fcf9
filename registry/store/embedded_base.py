"""The embedded store's connection: SQLite in WAL mode, used from one worker thread."""

import asyncio
import sqlite3
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from registry.domain.errors import StoreUnavailable
from registry.private_files import private_file
from registry.store import embedded_search as search
from registry.store import embedded_sql as sql
from registry.store.embedded_tx import SqliteTx, run_to_end
from registry.store.rules import GraphTx, RuledStore

T = TypeVar("T")
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}  # primary result codes


class EmbeddedBase(RuledStore):
    """One SQLite connection used from one worker thread, so the event loop never blocks."""

    name = "embedded"

    def __init__(self, path: Path | str, busy_timeout: float = 5.0) -> None:
        self._path = str(path)
        # How long a write waits for another process's write (a restore, say) to finish.
        self._busy_timeout = busy_timeout
        self._pool: ThreadPoolExecutor | None = None
        self._db: sqlite3.Connection | None = None

    async def _run(self, fn: Callable[..., T], *args: Any) -> T:
        if self._pool is None:
            raise RuntimeError("the embedded store is not open")
        try:
            return await asyncio.get_running_loop().run_in_executor(self._pool, fn, *args)
        except sqlite3.OperationalError as exc:
            if exc.sqlite_errorcode & 0xFF not in _BUSY:
                raise
            raise StoreUnavailable("the database is busy; try again shortly") from exc

    async def _read(self, statement: str, params: Sequence[Any] = ()) -> list[tuple]:
        return await self._run(lambda: self._conn.execute(statement, params).fetchall())

    async def _write(self, fn: Callable[[sqlite3.Connection], T], graph_change: bool = True) -> T:
        def transaction() -> T:
            conn = self._conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
                if graph_change:
                    conn.execute(sql.BUMP_VERSION)
                for statement in search.INDEX_ADDED:
                    conn.execute(statement)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result

        return await self._run(transaction)

    async def _transact(
        self, work: Callable[[GraphTx], Coroutine[Any, Any, T]], graph_change: bool = True
    ) -> T:
        return await self._write(lambda conn: run_to_end(work(SqliteTx(conn))), graph_change)

    async def _scrub(self) -> None:
        compact = search.COMPACT_SEARCH_INDEX
        await self._write(lambda conn: conn.execute(compact), graph_change=False)
        # The write-ahead log still holds the old pages until they are folded into the file.
        await self._read(sql.CHECKPOINT)

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            raise RuntimeError("the embedded store is not open")
        return self._db

    async def open(self) -> None:
        def connect() -> None:
            if self._path != ":memory:":
                # SQLite gives its -wal and -shm files the database file's mode.
                private_file(Path(self._path))
            conn = sqlite3.connect(
                self._path,
                timeout=self._busy_timeout,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA synchronous = NORMAL")
            # Deleted rows are overwritten, so an erased person leaves no trace in the file.
            conn.execute("PRAGMA secure_delete = ON")
            indexed = conn.execute(search.HAS_SEARCH_INDEX).fetchone()
            conn.executescript(sql.SCHEMA)
            conn.executescript(search.SEARCH_SCHEMA)
            if not indexed:
                conn.execute(search.FILL_SEARCH_INDEX)
            self._db = conn

        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")
        await self._run(connect)

    async def close(self) -> None:
        if self._db is not None:
            await self._run(self._db.close)
            self._db = None
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None

    async def ping(self) -> bool:
        return (await self._read("SELECT 1"))[0][0] == 1

    async def version(self) -> int:
        return (await self._read(sql.GET_VERSION))[0][0]
