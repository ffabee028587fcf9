"""Restricted (sperret) contacts and contact ties, through HTTP, for every role below ADMIN.

To anyone but an administrator a restricted person does not exist: every read and write
answers exactly as for a wrong id, and a refused write leaves the store as it was.
"""

import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import GraphQLClient

from registry.domain.accounts import Role
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.store.base import NewEdge, Store
from registry.store.query import AuditQuery, Direction, EdgeQuery

pytestmark = pytest.mark.asyncio(loop_scope="session")


@dataclass(frozen=True)
class Network:
    """Two organisations sharing a restricted contact, and one with an open contact."""

    hidden: str  # the restricted person
    shown: str  # an unrestricted person, contact for `first` and `third`
    first: str
    second: str
    third: str
    hidden_tie: str  # hidden -> first
    shown_tie: str  # shown -> first


async def organisation(store: Store, name: str) -> str:
    props = validate_node(NodeKind.ORGANISATION, {"name": name, "kind": "BUSINESS"})
    return (await store.create_node(NodeKind.ORGANISATION, props)).id


async def person(store: Store, name: str, orgs: list[str], restricted: bool) -> str:
    props = validate_node(NodeKind.PERSON, {"name": name, "restricted": restricted})
    ties = [NewEdge(EdgeType.CONTACT_FOR, "@new", org) for org in orgs]
    return (await store.create_node(NodeKind.PERSON, props, ties)).id


async def contact_tie(store: Store, person_id: str, org_id: str) -> str:
    query = EdgeQuery((EdgeType.CONTACT_FOR,), (person_id,), Direction.OUT)
    return next(e.id for e in await store.find_edges(query) if e.to_id == org_id)


@pytest.fixture
async def network(store: Store) -> Network:
    first, second, third = [await organisation(store, n) for n in ("Første", "Andre", "Tredje")]
    hidden = await person(store, "Sperret Skjultsen", [first, second], restricted=True)
    shown = await person(store, "Åpen Synligsen", [first, third], restricted=False)
    return Network(
        hidden,
        shown,
        first,
        second,
        third,
        await contact_tie(store, hidden, first),
        await contact_tie(store, shown, first),
    )


def as_wrong_id(error: dict, real_id: str, wrong_id: str) -> dict:
    """The error with the real id put where the wrong one was, to compare the two."""
    return {**error, "message": error["message"].replace(wrong_id, real_id)}


async def refused_like_a_wrong_id(gql: GraphQLClient, query: str, real_id: str, **args) -> dict:
    """Asserts the query answers for `real_id` exactly as for an id that does not exist."""
    wrong_id = str(uuid.uuid4())
    body = await gql.post(query, id=real_id, **args)
    wrong = await gql.post(query, id=wrong_id, **args)
    assert body.get("data") in (None, {}) or not any(body["data"].values()), body
    [error], [expected] = body["errors"], wrong["errors"]
    assert error == as_wrong_id(expected, real_id, wrong_id)
    return error


HIDDEN_WRITES = {
    "lift": (
        "mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1,"
        " patch: {restricted: false}) { name restricted } }"
    ),
    "clear": (
        'mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1, patch: {}, clear: ["restricted"])'
        " { name restricted } }"
    ),
    "no-op": "mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1, patch: {}) { name } }",
    "stale": "mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 7, patch: {}) { name } }",
    "archive": "mutation($id: ID!) { archivePerson(id: $id, expectedVersion: 1) { name } }",
    "delete": "mutation($id: ID!) { deletePerson(id: $id, expectedVersion: 1) { id } }",
    "read": "query($id: ID!) { person(id: $id) { name } }",
}


@pytest.mark.parametrize("role", [Role.CONTACT_VIEWER, Role.EDITOR])
@pytest.mark.parametrize("what", HIDDEN_WRITES)
async def test_a_restricted_person_does_not_exist_below_admin(
    connect, store: Store, network: Network, role: Role, what: str
):
    gql = GraphQLClient(await connect(role))
    before = await store.snapshot()
    error = await refused_like_a_wrong_id(gql, HIDDEN_WRITES[what], network.hidden)
    if role is Role.EDITOR or what == "read":  # a contact viewer may not write at all
        assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}
        assert "version" not in error["message"] and "Sperret" not in error["message"]
    assert await store.snapshot() == before


async def test_only_an_admin_restricts_or_lifts_a_restriction(
    connect, store: Store, network: Network
):
    editor, admin = GraphQLClient(await connect(Role.EDITOR)), GraphQLClient(await connect())
    before = await store.snapshot()
    create = 'mutation { createPerson(input: {name: "Ny Sperresen", restricted: true}) { id } }'
    restrict = """mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1,
        patch: {restricted: true}) { restricted } }"""
    for query in (create, restrict):
        error = await editor.error(query, id=network.shown)
        assert error["extensions"] == {"code": "FORBIDDEN", "field": "restricted"}
    assert await store.snapshot() == before
    plain = 'mutation { createPerson(input: {name: "Ny Åpensen", restricted: false}) { id } }'
    assert (await editor.ok(plain))["createPerson"]["id"]
    lift = """mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1,
        patch: {restricted: false}) { restricted version } }"""
    lifted = (await admin.ok(lift, id=network.hidden))["updatePerson"]
    assert lifted == {"restricted": False, "version": 2}


async def test_no_tie_to_a_restricted_person_is_made_or_undone(
    connect, store: Store, network: Network
):
    editor = GraphQLClient(await connect(Role.EDITOR))
    before = await store.snapshot()
    link = """mutation($id: ID!, $org: ID!) { link(input: {type: CONTACT_FOR, sourceId: $id,
        targetId: $org}) { id from { id } } }"""
    for org in (network.third, network.first):  # a new tie, and one that exists already
        error = await refused_like_a_wrong_id(editor, link, network.hidden, org=org)
        assert error["extensions"] == {"code": "NOT_FOUND", "field": "sourceId"}
    unlink = "mutation($id: ID!) { unlink(id: $id) { id } }"
    error = await refused_like_a_wrong_id(editor, unlink, network.hidden_tie)
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}
    update = """mutation($id: ID!) { updateLink(id: $id, expectedVersion: 1,
        patch: {role: PARTNER}) { id } }"""
    await refused_like_a_wrong_id(editor, update, network.hidden_tie)
    assert await store.snapshot() == before


NODE = """query($id: ID!) { node(id: $id) { id ... on Link { from { id } to { id } } } }"""


@pytest.mark.parametrize(
    ("role", "sees_shown", "sees_hidden"),
    [
        (Role.VIEWER, False, False),
        (Role.CONTACT_VIEWER, True, False),
        (Role.EDITOR, True, False),
        (Role.ADMIN, True, True),
    ],
)
async def test_a_contact_tie_by_id_only_for_those_who_see_both_ends(
    connect, network: Network, role: Role, sees_shown: bool, sees_hidden: bool
):
    gql = GraphQLClient(await connect(role))
    for tie, person_id, seen in (
        (network.shown_tie, network.shown, sees_shown),
        (network.hidden_tie, network.hidden, sees_hidden),
    ):
        found = (await gql.ok(NODE, id=tie))["node"]
        expected = {"id": tie, "from": {"id": person_id}, "to": {"id": network.first}}
        assert found == (expected if seen else None)


NEIGHBOURHOOD = """query($ids: [ID!]!, $depth: Int!) {
  neighbourhood(ids: $ids, depth: $depth) { nodes { id } links { from { id } to { id } } }
}"""
NEIGHBOURS = """query($id: ID!, $depth: Int!) {
  organisation(id: $id) { neighbours(depth: $depth) { id } }
}"""


@pytest.mark.parametrize(
    ("role", "reached"),
    [
        (Role.VIEWER, {"first"}),
        (Role.CONTACT_VIEWER, {"first", "shown", "third"}),
        (Role.EDITOR, {"first", "shown", "third"}),
        (Role.ADMIN, {"first", "shown", "third", "hidden", "second"}),
    ],
)
async def test_neighbourhood_walks_only_through_what_the_caller_sees(
    connect, network: Network, role: Role, reached: set[str]
):
    gql = GraphQLClient(await connect(role))
    ids = {getattr(network, name) for name in reached}
    for depth in (2, 3):
        found = (await gql.ok(NEIGHBOURHOOD, ids=[network.first], depth=depth))["neighbourhood"]
        assert {n["id"] for n in found["nodes"]} == ids
        ends = {(link["from"]["id"], link["to"]["id"]) for link in found["links"]}
        assert all(a in ids and b in ids for a, b in ends)
        assert len(ends) == len(ids) - 1  # the walk's tree is all there is: every tie shown
        around = (await gql.ok(NEIGHBOURS, id=network.first, depth=depth))["organisation"]
        assert {n["id"] for n in around["neighbours"]} == ids - {network.first}


async def test_neighbourhood_of_a_hidden_start_is_empty(connect, network: Network):
    gql = GraphQLClient(await connect(Role.EDITOR))
    found = (await gql.ok(NEIGHBOURHOOD, ids=[network.hidden], depth=1))["neighbourhood"]
    assert found == {"nodes": [], "links": []}


async def test_deleting_a_person_forgets_who_the_audit_was_about(
    connect, store: Store, network: Network
):
    editor = GraphQLClient(await connect(Role.EDITOR))
    await editor.ok("query($id: ID!) { person(id: $id) { name } }", id=network.shown)
    await editor.ok(
        "mutation($id: ID!) { updatePerson(id: $id, expectedVersion: 1, patch: {}) { id } }",
        id=network.shown,
    )
    assert await store.find_audit(AuditQuery(target=network.shown))
    deleted = "mutation($id: ID!) { deletePerson(id: $id, expectedVersion: 2) { id } }"
    assert (await editor.ok(deleted, id=network.shown))["deletePerson"] == {"id": network.shown}
    assert await store.find_audit(AuditQuery(target=network.shown)) == []
    [newest] = await store.find_audit(AuditQuery(action_prefix="mutation:deletePerson"), limit=1)
    assert newest.outcome == "ok" and newest.targets == ()
    reads = await store.find_audit(AuditQuery(action_prefix="read:personal-data"), limit=1)
    assert reads and reads[0].targets == ()


@pytest.mark.parametrize("store", ["embedded"], indirect=True)
async def test_a_deleted_person_leaves_no_bytes_in_the_files(connect, store: Store):
    editor = GraphQLClient(await connect(Role.EDITOR))
    made = 'mutation { createPerson(input: {name: "Unik Borteberg", email: "borte@example.org"}) { id } }'
    person_id = (await editor.ok(made))["createPerson"]["id"]
    await editor.ok("mutation($id: ID!) { deletePerson(id: $id) { id } }", id=person_id)
    folder = Path(store._path).parent  # type: ignore[attr-defined]
    for file in sorted(folder.iterdir()):  # while the store is open
        data = file.read_bytes()
        for trace in (b"Unik Borteberg", b"borte@example.org", person_id.encode()):
            assert trace not in data, (file.name, trace)
