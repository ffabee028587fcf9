"""The bound on one Neo4j store call, without a server: `answers` stands in for the check."""

import asyncio

import pytest

from registry.store.neo4j_watch import bounded

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
