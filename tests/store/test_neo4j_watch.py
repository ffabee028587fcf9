"""The bound on one Neo4j store call, without a server: `answers` stands in for the check."""

import asyncio
import gc
import time

import pytest

from registry.store.neo4j_watch import ServerCheck, bounded

pytestmark = pytest.mark.asyncio(loop_scope="session")


class Server:
    """Answers the check as told, counting the checks, each taking `takes` seconds."""

    def __init__(self, answering: bool, takes: float = 0.0) -> None:
        self.answering, self.takes, self.checks, self.finished = answering, takes, 0, 0

    async def answers(self) -> bool:
        self.checks += 1
        await asyncio.sleep(self.takes)
        self.finished += 1
        return self.answering


async def test_a_quick_call_is_never_checked():
    server = Server(answering=False)
    async with bounded(10, 0.05, server.answers):
        await asyncio.sleep(0.01)
    await asyncio.sleep(0.1)
    assert server.checks == 0


async def test_a_call_on_a_server_that_does_not_answer_ends_after_one_check():
    server = Server(answering=False)
    started = asyncio.get_running_loop().time()
    with pytest.raises(TimeoutError):
        async with bounded(10, 0.05, server.answers):
            await asyncio.sleep(5)
    assert asyncio.get_running_loop().time() - started < 1
    assert server.checks == 1


async def test_a_long_call_on_a_server_that_answers_runs_to_its_end():
    server = Server(answering=True)
    async with bounded(10, 0.05, server.answers):
        await asyncio.sleep(0.4)
    assert server.checks >= 3  # checked again and again while it ran


async def test_the_time_limit_holds_whatever_the_server_says():
    with pytest.raises(TimeoutError):
        async with bounded(0.1, 5, Server(answering=True).answers):
            await asyncio.sleep(5)


async def test_a_check_under_way_when_the_call_ends_is_let_finish():
    """Cancelled while it connects, the driver would leave its socket open."""
    server = Server(answering=False, takes=0.2)
    async with bounded(10, 0.05, server.answers):
        await asyncio.sleep(0.1)  # ends while the check is under way
    assert server.checks == 1 and server.finished == 0
    await asyncio.sleep(0.3)
    assert server.finished == 1


async def test_a_no_after_the_time_limit_fired_is_let_be():
    """The loop stood still past both deadlines: the check's "no", due just before the limit,
    comes in the same turn as the limit's expiry, and must not try to move the expired limit
    (a RuntimeError, unseen in a task)."""
    loop = asyncio.get_running_loop()
    caught: list[dict] = []
    loop.set_exception_handler(lambda _, context: caught.append(context))
    started, limit = loop.time(), 0.3

    async def no_just_before_the_limit() -> bool:
        due = loop.create_future()
        loop.call_at(started + limit - 0.001, due.set_result, None)
        await due
        return False

    try:
        with pytest.raises(TimeoutError):
            async with bounded(limit, 0.1, no_just_before_the_limit):
                await asyncio.sleep(0.15)
                time.sleep(0.3)  # noqa: ASYNC251  the loop stands still, as under a computation
                await asyncio.sleep(5)
        await asyncio.sleep(0.1)
        gc.collect()
        await asyncio.sleep(0)
    finally:
        loop.set_exception_handler(None)
    assert caught == []


async def test_a_check_that_fails_leaves_the_call_to_its_time_limit(
    caplog: pytest.LogCaptureFixture,
):
    async def broken() -> bool:
        raise RuntimeError("a bug in the check")

    started = asyncio.get_running_loop().time()
    with pytest.raises(TimeoutError):
        async with bounded(0.3, 0.05, broken):
            await asyncio.sleep(5)
    assert asyncio.get_running_loop().time() - started >= 0.3
    assert "the watch on a long Neo4j call failed" in caplog.text


class Driver:
    """Stands in for the check's driver: answers after `takes` seconds, counting the asks."""

    def __init__(self, takes: float) -> None:
        self.takes, self.asked, self.closed = takes, 0, False

    async def verify_connectivity(self) -> None:
        self.asked += 1
        await asyncio.sleep(self.takes)

    async def close(self) -> None:
        self.closed = True


async def test_calls_that_ask_while_a_check_is_under_way_share_it():
    driver = Driver(takes=0.1)
    check = ServerCheck(driver, limit=1)  # type: ignore[arg-type]
    assert await asyncio.gather(*(check.answers() for _ in range(20))) == [True] * 20
    assert driver.asked == 1
    assert await check.answers() is True and driver.asked == 2  # a new one once it is done


async def test_a_check_outlives_an_asker_that_gives_up_and_ends_before_its_driver_closes():
    driver = Driver(takes=0.2)
    check = ServerCheck(driver, limit=1)  # type: ignore[arg-type]
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(check.answers(), 0.05)
    await check.close()  # waits for the check under way
    assert driver.asked == 1 and driver.closed


async def test_a_server_that_does_not_answer_within_the_limit_is_not_answering():
    check = ServerCheck(Driver(takes=5), limit=0.05)  # type: ignore[arg-type]
    assert await check.answers() is False
