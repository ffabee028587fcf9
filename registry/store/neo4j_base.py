"""The Neo4j store's plumbing: the driver, sessions, and transactions that queue up behind
the meta node. The graph, documents and audit log on top of it are in neo4j.py."""

import asyncio
import logging
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Mapping
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from neo4j import (
    READ_ACCESS,
    WRITE_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    AsyncSession,
    NotificationDisabledClassification,
    unit_of_work,
)
from neo4j.exceptions import (
    AuthError,
    ConnectionAcquisitionTimeoutError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from registry.domain.errors import Conflict, StoreUnavailable
from registry.settings import Neo4jSettings
from registry.store import cypher
from registry.store.cypher import Mode, Statement
from registry.store.neo4j_io import SharedRead, Timing, Tx
from registry.store.neo4j_tx import CypherTx
from registry.store.neo4j_watch import ServerCheck, bounded
from registry.store.rules import GraphTx, RuledStore

T = TypeVar("T")
log = logging.getLogger(__name__)
# What a server says when it has no db.checkpoint() (Community edition) or will not let us.
_NO_CHECKPOINT = {
    "Neo.ClientError.Procedure.ProcedureNotFound",
    "Neo.ClientError.Security.Forbidden",
}
# Failures that mean "Neo4j cannot serve us now": not reachable, hung, or still refusing
# after the driver's retries. Callers get StoreUnavailable (HTTP 503, CLI one line).
_UNAVAILABLE = (
    ServiceUnavailable,
    SessionExpired,
    TransientError,
    AuthError,
    ConnectionAcquisitionTimeoutError,
    TimeoutError,
    OSError,
)
IDLE_CHECK_SECONDS = 1.0
_TIMED_OUT = {  # the server ended a transaction that outlived its timeout
    "Neo.ClientError.Transaction.TransactionTimedOut",
    "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
}


class Neo4jBase(RuledStore):
    """Every operation is one managed transaction, so the driver retries transient failures
    and routes reads and writes on a cluster."""

    name = "neo4j"

    def __init__(self, settings: Neo4jSettings) -> None:
        self._settings = settings
        self._driver: AsyncDriver | None = None
        # Every session shares one bookmark manager, so a read on a cluster follower sees the
        # writes this process made before it (read-your-writes across requests).
        self._bookmarks = AsyncGraphDatabase.bookmark_manager()
        self.timings: dict[str, Timing] = {}  # per statement name, since the store was made
        self._can_checkpoint = True  # until the server says otherwise
        self.transactions: Counter[str] = Counter()  # read and write, since the store was made
        # This store's shared read transaction in the current task, if it is in `reading()`.
        self._shared: ContextVar[SharedRead | None] = ContextVar(f"neo4j-{id(self)}", default=None)
        self._ending: set[asyncio.Task[None]] = set()  # shared reads being ended
        self._check: ServerCheck | None = None  # whether the server answers (neo4j_watch)

    @property
    def _db(self) -> AsyncDriver:
        if self._driver is None:
            raise RuntimeError("the Neo4j store is not open")
        return self._driver

    def _session(self, mode: str = WRITE_ACCESS) -> AsyncSession:
        return self._db.session(
            database=self._settings.database,
            bookmark_manager=self._bookmarks,
            default_access_mode=mode,
        )

    @asynccontextmanager
    async def _bounded(self) -> AsyncIterator[None]:
        """One store call, ended after query_timeout whatever the driver is waiting for, or
        within seconds once the server is found hung (neo4j_watch)."""
        settings = self._settings
        try:
            async with bounded(settings.query_timeout, settings.acquire_timeout, self.ping):
                yield
        except _UNAVAILABLE as exc:
            raise _unavailable(exc) from exc
        except Neo4jError as exc:
            if exc.code not in _TIMED_OUT:
                raise
            raise _unavailable(exc) from exc

    def _timed(self, run: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> Any:
        # The server ends what the client gave up on, and releases its locks.
        return unit_of_work(timeout=self._settings.query_timeout)(run)

    async def _read(self, work: Callable[[Tx], Awaitable[T]]) -> T:
        async def run(tx: AsyncManagedTransaction) -> T:
            return await work(Tx(tx, Mode.READ, self.timings))

        if (shared := self._shared.get()) and shared.open:
            async with self._bounded():
                return await shared.read(work, self.timings)
        self.transactions["read"] += 1
        async with self._bounded(), self._session() as session:
            return await session.execute_read(self._timed(run))

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[None]:
        if self._shared.get() is not None:  # already inside one
            yield
            return
        self.transactions["read"] += 1
        session = self._session(READ_ACCESS)
        try:
            async with self._bounded():
                shared = await SharedRead.begin(session, self._settings.query_timeout)
        except BaseException:
            await session.close()
            raise
        token = self._shared.set(shared)
        try:
            yield
        finally:
            self._shared.reset(token)
            # Ended after the answer: the rollback's round trip need not delay it.
            ending = asyncio.create_task(self._end_read(shared))
            self._ending.add(ending)
            ending.add_done_callback(self._ending.discard)

    async def _end_read(self, shared: SharedRead) -> None:
        try:
            async with self._bounded():
                await shared.close()
        except (StoreUnavailable, Neo4jError, DriverError) as exc:
            log.warning("a read transaction did not end cleanly: %s", exc.__cause__ or exc)

    async def _query(
        self, statement: Statement, params: Mapping[str, Any] | None = None, **kw: Any
    ) -> list[list[Any]]:
        return await self._read(lambda tx: tx.run(statement, params, **kw))

    async def _write(self, work: Callable[[Tx], Awaitable[T]], graph_change: bool = True) -> T:
        """Run `work` after locking the meta node, so writes queue up one after another like
        SQLite's BEGIN IMMEDIATE; only graph changes move `version()` on."""

        async def run(tx: AsyncManagedTransaction) -> T:
            wtx = Tx(tx, Mode.WRITE, self.timings)
            if not await wtx.run(cypher.BUMP_VERSION if graph_change else cypher.LOCK_META):
                raise RuntimeError("the Neo4j store has no meta node: open() it first")
            return await work(wtx)

        self.transactions["write"] += 1
        try:
            async with self._bounded(), self._session() as session:
                return await session.execute_write(self._timed(run))
        except ConstraintError as exc:  # an import clash, or a race the checks did not see
            log.info("constraint refused a write: %s", exc.message)
            raise Conflict(
                "the graph clashes with what the store holds: an id or unique key is taken"
            ) from None

    async def _transact(
        self, work: Callable[[GraphTx], Coroutine[Any, Any, T]], graph_change: bool = True
    ) -> T:
        return await self._write(lambda tx: work(CypherTx(tx)), graph_change)

    async def _alone(self, statement: Statement) -> None:
        """One statement in a write transaction of its own, without the meta lock (schema
        commands, procedures)."""

        async def one(tx: AsyncManagedTransaction) -> None:
            await Tx(tx, Mode.WRITE, self.timings).run(statement)

        async with self._bounded(), self._session() as session:
            await session.execute_write(self._timed(one))

    async def _scrub(self) -> None:
        """What Neo4j cannot promise: DETACH DELETE marks the records free, and their bytes
        stay in the store files until reused; the transaction logs keep every change until
        they are rotated and pruned (db.tx_log.rotation.retention_policy, 2 days by
        default); backups and other cluster members keep their own copies.

        So this only flushes the page cache to the store files now rather than at the next
        periodic checkpoint, which also lets older logs be pruned sooner. Enterprise only:
        Community has no db.checkpoint(), so there this does nothing after the first try. A
        failure is logged: the erasure it follows has committed."""
        if not self._can_checkpoint:
            return
        try:
            await self._alone(cypher.CHECKPOINT)
        except Neo4jError as exc:
            if exc.code in _NO_CHECKPOINT:
                self._can_checkpoint = False
                log.info("no forced checkpoints on this server (%s)", exc.code)
            else:
                log.warning("a forced checkpoint failed: %s", exc)
        except (StoreUnavailable, DriverError) as exc:
            log.warning("a forced checkpoint failed: %s", exc.__cause__ or exc)

    async def open(self) -> None:
        if self._driver is None:
            self._driver = self._new_driver(
                # Retries serve a cluster's failover; a lone server that refuses connections
                # is down, and the caller should hear so soon.
                max_transaction_retry_time=self._settings.retry_timeout,
                # A connection idle this long answers a reset before it is used, so one that
                # died while idle (a restart, a firewall) is dropped, not handed to a call.
                # One in steady use is not checked: a hung server is found by _bounded's
                # watch, which spares each call a round trip.
                liveness_check_timeout=IDLE_CHECK_SECONDS,
            )
            limit = self._settings.acquire_timeout + self._settings.connect_timeout
            self._check = ServerCheck(self._new_driver(max_connection_pool_size=1), limit)
        # Schema commands may not share a transaction with each other or with data writes.
        for statement in [*cypher.schema(), cypher.ENSURE_META]:
            await self._alone(statement)
        await self._query(cypher.AWAIT_INDEXES)

    def _new_driver(self, **options: Any) -> AsyncDriver:
        return AsyncGraphDatabase.driver(
            self._settings.uri,
            auth=(self._settings.user, self._settings.password.get_secret_value()),
            # Warnings that a label, type or property key does not exist yet are normal for a
            # young registry and would fill the log.
            notifications_disabled_classifications=[
                NotificationDisabledClassification.UNRECOGNIZED
            ],
            connection_timeout=self._settings.connect_timeout,
            connection_acquisition_timeout=self._settings.acquire_timeout,
            **options,
        )

    async def close(self) -> None:
        await asyncio.gather(*self._ending, return_exceptions=True)  # logged by each
        if self._check is not None:
            await self._check.close()
            self._check = None
        if self._driver is not None:
            await self._driver.close()
            self._driver = None

    async def ping(self) -> bool:
        """Whether the server answers a reset, within the acquire and connect timeouts."""
        return self._check is not None and await self._check.answers()

    async def version(self) -> int:
        rows = await self._query(cypher.GET_VERSION)
        return rows[0][0] if rows else 0


def _unavailable(cause: BaseException) -> StoreUnavailable:
    log.warning("Neo4j is unavailable: %s", str(cause) or type(cause).__name__)
    return StoreUnavailable("the database is unavailable; try again shortly")
