"""Who sees which API tokens: callers their own, administrators every one."""

import httpx
import pytest
from conftest import GraphQLClient

from registry.domain.accounts import Role, split_token

pytestmark = pytest.mark.asyncio(loop_scope="session")
TOKENS = "{ tokens { id accountId role label } }"


def token_id(client: httpx.AsyncClient) -> str:
    return split_token(client.headers["Authorization"].removeprefix("Bearer "))[0]


async def listed(client: httpx.AsyncClient) -> dict[str, str]:
    """Token id -> account id, as the client is shown them."""
    tokens = (await GraphQLClient(client).ok(TOKENS))["tokens"]
    return {t["id"]: t["accountId"] for t in tokens}


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CONTACT_VIEWER, Role.EDITOR])
async def test_callers_see_only_their_own_tokens(connect, role: Role):
    admin, other, caller = await connect(Role.ADMIN), await connect(role), await connect(role)
    seen = await listed(caller)
    assert set(seen) == {token_id(caller)}
    assert token_id(admin) not in seen and token_id(other) not in seen


async def test_administrators_see_every_token(connect):
    clients = [await connect(role) for role in (Role.VIEWER, Role.EDITOR, Role.ADMIN)]
    seen = await listed(clients[-1])
    assert {token_id(c) for c in clients} <= set(seen)
    assert len(set(seen.values())) >= 3
