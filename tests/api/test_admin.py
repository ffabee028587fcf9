"""Administration and personal-data duties: accounts, tokens, audit, restriction, erasure."""

import asyncio

import pytest

from registry.domain.accounts import Role
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.services.audit_trail import AuditTrail
from registry.store.base import NewEdge, Store
from registry.store.query import AuditQuery

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def gql(client, query: str, **variables) -> dict:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    return response.json()


async def contact(store: Store, name: str, **props) -> tuple[str, str]:
    org = await store.create_node(
        NodeKind.ORGANISATION,
        validate_node(
            NodeKind.ORGANISATION, {"name": "Kontaktforeningen", "kind": "VOLUNTARY_ORGANISATION"}
        ),
    )
    person = await store.create_node(
        NodeKind.PERSON,
        validate_node(NodeKind.PERSON, {"name": name, "email": "kontakt@example.org", **props}),
        [NewEdge(EdgeType.CONTACT_FOR, "@new", org.id)],
    )
    return person.id, org.id


async def test_writes_and_refusals_are_audited_without_data(connect, store: Store):
    editor = await connect(Role.EDITOR)
    made = await gql(
        editor,
        'mutation { createOrganisation(input: {name: "Hemmelig navn", kind: BUSINESS}) { id } }',
    )
    org_id = made["data"]["createOrganisation"]["id"]
    await gql(
        editor,
        'mutation { createOrganisation(input: {name: "X", kind: BUSINESS, orgNumber: "1"}) { id } }',
    )
    entries = await store.find_audit(AuditQuery(action_prefix="mutation:createOrganisation"))
    ours = [e for e in entries if e.targets == (org_id,)]
    assert ours and ours[0].outcome == "ok"
    assert any(e.outcome == "VALIDATION" for e in entries)
    assert "Hemmelig" not in repr(entries)


@pytest.fixture
def slow_trail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The audit of a read reaches the store 50 ms after the answer, not at once."""
    real = AuditTrail._write

    async def held(self: AuditTrail) -> None:
        await asyncio.sleep(0.05)
        await real(self)

    monkeypatch.setattr(AuditTrail, "_write", held)


async def test_reads_of_personal_data_are_audited(connect, store: Store, slow_trail):
    person_id, _ = await contact(store, "Kari Eksempelrud")
    reader = await connect(Role.CONTACT_VIEWER)
    body = await gql(reader, "{ people { edges { node { name email } } } }")
    assert body["data"]["people"]["edges"][0]["node"]["name"] == "Kari Eksempelrud"
    # Written after the answer; reading the log waits for it.
    admin = await connect(Role.ADMIN)
    log = await gql(
        admin,
        'query($id: ID!) { auditLog(filter: {actionPrefix: "read:personal-data", target: $id})'
        " { edges { node { actor action targets } } } }",
        id=person_id,
    )
    [entry] = log["data"]["auditLog"]["edges"]
    assert entry["node"]["targets"] == [person_id]
    assert "Kari" not in repr(entry) and "example.org" not in repr(entry)


async def test_viewers_see_no_contacts(connect, store: Store):
    person_id, org_id = await contact(store, "Ola Demohaug")
    viewer = await connect(Role.VIEWER)
    body = await gql(
        viewer, "query($id: ID!) { organisation(id: $id) { name contacts { name } } }", id=org_id
    )
    assert body["errors"][0]["extensions"] == {"code": "FORBIDDEN", "field": "contacts"}
    body = await gql(
        viewer,
        "query($ids: [ID!]!) { neighbourhood(ids: $ids) { nodes { id } links { id } } }",
        ids=[org_id],
    )
    assert [n["id"] for n in body["data"]["neighbourhood"]["nodes"]] == [org_id]
    assert body["data"]["neighbourhood"]["links"] == []
    assert (await gql(viewer, "query($id: ID!) { node(id: $id) { id } }", id=person_id))["data"][
        "node"
    ] is None


async def test_restricted_contacts_are_hidden_from_all_but_admins(connect, store: Store):
    person_id, org_id = await contact(store, "Sperret Person")
    admin, reader = await connect(Role.ADMIN), await connect(Role.CONTACT_VIEWER)
    done = await gql(
        admin,
        "mutation($id: ID!) { restrictPerson(id: $id, expectedVersion: 1) { restricted } }",
        id=person_id,
    )
    assert done["data"]["restrictPerson"]["restricted"] is True
    query = "query($id: ID!) { organisation(id: $id) { contacts { name } } people { totalCount } }"
    seen = (await gql(reader, query, id=org_id))["data"]
    assert seen["organisation"]["contacts"] == [] and seen["people"]["totalCount"] == 0
    seen = (await gql(admin, query, id=org_id))["data"]
    assert seen["organisation"]["contacts"] == [{"name": "Sperret Person"}]


async def test_erasure_leaves_only_the_fact(connect, store: Store):
    person_id, _ = await contact(store, "Slett Megsen")
    admin = await connect(Role.ADMIN)
    body = await gql(admin, "mutation($id: ID!) { erasePerson(id: $id) { id } }", id=person_id)
    assert body["data"]["erasePerson"]["id"] == person_id
    assert "Slett Megsen" not in repr(await store.snapshot())
    assert await store.find_audit(AuditQuery(target=person_id)) == []
    [entry] = await store.find_audit(AuditQuery(action_prefix="mutation:erasePerson"), limit=1)
    assert entry.outcome == "ok" and entry.details == {} and entry.targets == ()


async def test_right_of_access_report(connect, store: Store):
    person_id, _ = await contact(store, "Innsyn Prøvelund")
    admin = await connect(Role.ADMIN)
    await gql(admin, "{ people { edges { node { name } } } }")
    report = (await gql(admin, "query($id: ID!) { personalData(personId: $id) }", id=person_id))[
        "data"
    ]["personalData"]
    assert report["person"]["name"] == "Innsyn Prøvelund"
    assert (
        report["ties"][0]["type"] == "CONTACT_FOR"
        and report["ties"][0]["to"] == "Kontaktforeningen"
    )
    assert any(use["action"] == "read:personal-data" for use in report["recorded_uses"])


async def test_retention_review(connect, store: Store):
    old, _ = await contact(store, "Gammel Kontakt", last_verified="2019-05-01")
    fresh, _ = await contact(store, "Ny Kontakt", last_verified="2099-01-01")
    never, _ = await contact(store, "Aldri Sjekket")
    admin = await connect(Role.ADMIN)
    ids = {
        p["id"]
        for p in (await gql(admin, "{ retentionReview(olderThanDays: 365) { id } }"))["data"][
            "retentionReview"
        ]
    }
    assert old in ids and never in ids and fresh not in ids


async def test_accounts_and_tokens(connect):
    admin = await connect(Role.ADMIN)
    made = (
        await gql(
            admin,
            'mutation { createAccount(username: "ny.bruker", role: EDITOR) { account { id version mustChangePassword } oneTimePassword } }',
        )
    )["data"]["createAccount"]
    assert made["account"]["mustChangePassword"] and len(made["oneTimePassword"]) >= 12
    taken = await gql(
        admin, 'mutation { createAccount(username: "ny.bruker", role: VIEWER) { oneTimePassword } }'
    )
    assert taken["errors"][0]["extensions"] == {"code": "CONFLICT", "field": "username"}
    account_id = made["account"]["id"]
    too_strong = await gql(
        admin,
        'mutation($id: ID!) { createToken(accountId: $id, role: ADMIN, label: "x") { secret } }',
        id=account_id,
    )
    assert too_strong["errors"][0]["extensions"]["field"] == "role"
    token = (
        await gql(
            admin,
            'mutation($id: ID!) { createToken(accountId: $id, role: VIEWER, label: "skript", days: 7) { secret token { id } } }',
            id=account_id,
        )
    )["data"]["createToken"]
    script = await connect(None)
    headers = {"Authorization": f"Bearer {token['secret']}"}
    assert (
        await script.post(
            "/graphql", json={"query": "{ organisations { totalCount } }"}, headers=headers
        )
    ).status_code == 200
    await gql(
        admin, "mutation($id: ID!) { revokeToken(id: $id) { revoked } }", id=token["token"]["id"]
    )
    assert (
        await script.post("/graphql", json={"query": "{ __typename }"}, headers=headers)
    ).status_code == 401
    wrong = {"Authorization": f"Bearer {token['secret']}x"}
    assert (
        await script.post("/graphql", json={"query": "{ __typename }"}, headers=wrong)
    ).status_code == 401
    disabled = await gql(
        admin,
        "mutation($id: ID!) { updateAccount(id: $id, expectedVersion: 1, disabled: true) { disabled } }",
        id=account_id,
    )
    assert disabled["data"]["updateAccount"]["disabled"] is True


async def test_an_erasure_right_after_a_read_leaves_no_entry_naming_the_person(
    connect, store, slow_trail
):
    """The read's entry is written after its answer; the erasure waits for it, then scrubs."""
    person_id, _ = await contact(store, "Rask Glemsetli")
    reader = await connect(Role.CONTACT_VIEWER)
    admin = await connect(Role.ADMIN)
    read = await gql(reader, "query($id: ID!) { person(id: $id) { name } }", id=person_id)
    assert read["data"]["person"]["name"] == "Rask Glemsetli"
    erased = await gql(admin, "mutation($id: ID!) { erasePerson(id: $id) { id } }", id=person_id)
    assert "errors" not in erased, erased
    assert await store.find_audit(AuditQuery(target=person_id)) == []
    [read_entry] = await store.find_audit(AuditQuery(action_prefix="read:personal-data"), limit=1)
    assert read_entry.targets == ()
