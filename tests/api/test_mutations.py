"""Every mutation through HTTP: create, update, archive, delete, link, unlink, and the refusals."""

import pytest

from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")

CREATE_ORG = """mutation($input: OrganisationInput!) {
  createOrganisation(input: $input) { id version name kind orgNumber phone email website }
}"""
UPDATE_ORG = """mutation($id: ID!, $v: Int!, $patch: OrganisationPatch!, $clear: [String!]) {
  updateOrganisation(id: $id, expectedVersion: $v, patch: $patch, clear: $clear) {
    id version name city phone
  }
}"""
LINK = """mutation($input: LinkInput!) {
  link(input: $input) { id type version role from { id } to { id } }
}"""

ENTITIES = [
    ("Organisation", {"name": "Alna frivilligsentral", "kind": "VOLUNTARY_ORGANISATION"}),
    ("Community", {"name": "Kvener / norskfinner", "dimension": "NATIONAL_MINORITY"}),
    ("Person", {"name": "Testa Testesen", "email": "testa@example.org", "phone": "400 00 123"}),
    ("Area", {"name": "Alna", "kind": "DISTRICT", "code": "12"}),
    ("Topic", {"name": "Arbeid for unge", "grantPriority": True}),
    (
        "Activity",
        {"name": "OXLO-seminar", "kind": "SEMINAR", "oxlo": True, "startDate": "2024-03-01"},
    ),
]


async def create(gql, kind: str, fields: dict) -> dict:
    query = (
        f"mutation($i: {kind}Input!) {{ create{kind}(input: $i) {{ id version name archived }} }}"
    )
    return (await gql.ok(query, i=fields))[f"create{kind}"]


@pytest.mark.parametrize(("kind", "fields"), ENTITIES, ids=[k for k, _ in ENTITIES])
async def test_each_kind_has_create_update_archive_delete(gql, kind: str, fields: dict):
    made = await create(gql, kind, fields)
    assert made["version"] == 1 and made["name"] == fields["name"] and not made["archived"]
    update = f"""mutation($id: ID!) {{ update{kind}(id: $id, expectedVersion: 1,
        patch: {{name: "Nytt navn"}}) {{ name version }} }}"""
    assert (await gql.ok(update, id=made["id"]))[f"update{kind}"] == {
        "name": "Nytt navn",
        "version": 2,
    }
    archive = f"mutation($id: ID!) {{ archive{kind}(id: $id, expectedVersion: 2) {{ archived version }} }}"
    assert (await gql.ok(archive, id=made["id"]))[f"archive{kind}"] == {
        "archived": True,
        "version": 3,
    }
    lookup = f"query($id: ID!) {{ {kind[0].lower() + kind[1:]}(id: $id) {{ name }} }}"
    assert (await gql.ok(lookup, id=made["id"])) is not None
    delete = f"mutation($id: ID!) {{ delete{kind}(id: $id) {{ id }} }}"
    assert (await gql.ok(delete, id=made["id"]))[f"delete{kind}"] == {"id": made["id"]}
    error = await gql.error(lookup, id=made["id"])
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}


async def test_organisation_fields_are_normalised(gql):
    org = (await gql.ok(CREATE_ORG, input={
        "name": "  Somalisk kvinneforening ", "kind": "IMMIGRANT_ORGANISATION",
        "orgNumber": "974 760 673", "phone": "0047 22 33 44 55", "email": "Post@Example.ORG",
        "website": "somali.example.org",
    }))["createOrganisation"]  # fmt: skip
    assert org["name"] == "Somalisk kvinneforening"
    assert org["orgNumber"] == "974760673" and org["phone"] == "+4722334455"
    assert org["email"] == "Post@example.org" and org["website"] == "https://somali.example.org"


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"orgNumber": "974760674"}, "orgNumber", "MOD11"),
        ({"orgNumber": "12345"}, "orgNumber", "9 digits"),
        ({"phone": "12 34"}, "phone", "phone"),
        ({"phone": "+47 123 45 678"}, "phone", "8 digits"),
        ({"email": "not-an-address"}, "email", "e-mail"),
        ({"website": "ftp://x.example.org"}, "website", "http"),
        ({"name": ""}, "name", "at least 1 character"),
        ({"name": "x" * 201}, "name", "at most 200"),
        ({"postalCode": "05"}, "postalCode", "pattern"),
        ({"languages": ["Norwegian"]}, "languages.0", "pattern"),
    ],
)
async def test_bad_input_is_refused_with_the_field(gql, store: Store, fields, field, words):
    before = await store.version()
    error = await gql.error(CREATE_ORG, input={"name": "Ok", "kind": "BUSINESS", **fields})
    assert error["extensions"] == {"code": "VALIDATION", "field": field}
    assert words in error["message"]
    assert await store.version() == before


async def test_duplicate_organisation_number_is_a_conflict(gql):
    await gql.ok(CREATE_ORG, input={"name": "A", "kind": "BUSINESS", "orgNumber": "974760673"})
    error = await gql.error(
        CREATE_ORG, input={"name": "B", "kind": "BUSINESS", "orgNumber": "974760673"}
    )
    assert error["extensions"] == {"code": "CONFLICT", "field": "orgNumber"}


async def test_stale_update_is_a_conflict_and_changes_nothing(gql):
    org = (await gql.ok(CREATE_ORG, input={"name": "A", "kind": "BUSINESS"}))["createOrganisation"]
    first = await gql.ok(UPDATE_ORG, id=org["id"], v=1, patch={"city": "Oslo"})
    assert first["updateOrganisation"]["version"] == 2
    error = await gql.error(UPDATE_ORG, id=org["id"], v=1, patch={"city": "Bergen"})
    assert error["extensions"] == {"code": "CONFLICT", "field": "expectedVersion"}
    now = await gql.ok("query($id: ID!) { organisation(id: $id) { city version } }", id=org["id"])
    assert now["organisation"] == {"city": "Oslo", "version": 2}


async def test_patch_can_clear_optional_fields_but_not_required_ones(gql):
    org = await gql.ok(CREATE_ORG, input={"name": "A", "kind": "BUSINESS", "phone": "40000123"})
    org_id = org["createOrganisation"]["id"]
    cleared = await gql.ok(UPDATE_ORG, id=org_id, v=1, patch={"city": "Oslo"}, clear=["phone"])
    assert cleared["updateOrganisation"]["phone"] is None
    error = await gql.error(UPDATE_ORG, id=org_id, v=2, patch={}, clear=["name"])
    assert error["extensions"]["code"] == "VALIDATION" and error["extensions"]["field"] == "name"


async def test_unknown_ids_are_not_found(gql):
    error = await gql.error(UPDATE_ORG, id="missing", v=1, patch={"city": "Oslo"})
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}
    error = await gql.error('mutation { deleteCommunity(id: "missing") { id } }')
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_link_and_unlink(gql, store: Store):
    org = await create(gql, "Organisation", ENTITIES[0][1])
    com = await create(gql, "Community", ENTITIES[1][1])
    act = await create(gql, "Activity", ENTITIES[5][1])
    rep = (
        await gql.ok(
            LINK, input={"type": "REPRESENTS", "sourceId": org["id"], "targetId": com["id"]}
        )
    )["link"]
    assert (
        rep["type"] == "REPRESENTS"
        and rep["from"]["id"] == org["id"]
        and rep["to"]["id"] == com["id"]
    )
    part = (await gql.ok(LINK, input={"type": "PARTICIPATES_IN", "sourceId": org["id"],
                                       "targetId": act["id"], "role": "LEAD"}))["link"]  # fmt: skip
    assert part["role"] == "LEAD"
    changed = await gql.ok(
        "mutation($id: ID!) { updateLink(id: $id, expectedVersion: 1, patch: {role: FUNDER}) { role version } }",
        id=part["id"],
    )
    assert changed["updateLink"] == {"role": "FUNDER", "version": 2}
    seen = await gql.ok(
        "query($id: ID!) { organisation(id: $id) { represents { name } participations { role activity { name } } } }",
        id=org["id"],
    )
    assert seen["organisation"]["represents"] == [{"name": ENTITIES[1][1]["name"]}]
    assert seen["organisation"]["participations"] == [
        {"role": "FUNDER", "activity": {"name": "OXLO-seminar"}}
    ]
    assert (await gql.ok("mutation($id: ID!) { unlink(id: $id) { id } }", id=rep["id"]))["unlink"][
        "id"
    ] == rep["id"]
    error = await gql.error("mutation($id: ID!) { unlink(id: $id) { id } }", id=rep["id"])
    assert error["extensions"]["code"] == "NOT_FOUND"


async def test_links_that_make_no_sense_are_refused(gql, store: Store):
    person = await create(gql, "Person", ENTITIES[2][1])
    topic = await create(gql, "Topic", ENTITIES[4][1])
    org = await create(gql, "Organisation", ENTITIES[0][1])
    before = await store.version()
    error = await gql.error(
        LINK, input={"type": "COLLABORATES_WITH", "sourceId": person["id"], "targetId": topic["id"]}
    )
    assert error["extensions"] == {"code": "VALIDATION", "field": "sourceId"}
    error = await gql.error(
        LINK, input={"type": "REPRESENTS", "sourceId": org["id"], "targetId": topic["id"]}
    )
    assert error["extensions"] == {"code": "VALIDATION", "field": "targetId"}
    error = await gql.error(
        LINK, input={"type": "REPRESENTS", "sourceId": org["id"], "targetId": "nope"}
    )
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "targetId"}
    error = await gql.error(
        LINK,
        input={"type": "WORKS_ON", "sourceId": org["id"], "targetId": topic["id"], "role": "LEAD"},
    )
    assert error["extensions"] == {"code": "VALIDATION", "field": "role"}
    await gql.ok(LINK, input={"type": "WORKS_ON", "sourceId": org["id"], "targetId": topic["id"]})
    error = await gql.error(
        LINK, input={"type": "WORKS_ON", "sourceId": org["id"], "targetId": topic["id"]}
    )
    assert error["extensions"]["code"] == "CONFLICT"
    assert await store.version() == before + 1


async def test_collaborations(gql):
    a = await create(gql, "Organisation", {"name": "A", "kind": "BUSINESS"})
    b = await create(gql, "Organisation", {"name": "B", "kind": "MUNICIPAL_UNIT"})
    made = await gql.ok(
        """mutation($i: CollaborationInput!) { createCollaboration(input: $i) {
             id version kind strength source startDate organisations { name } } }""",
        i={"organisationId": a["id"], "partnerId": b["id"], "kind": "REFERRAL", "strength": 4,
           "source": "EMI-møte 2024", "startDate": "2024-01-15"},
    )  # fmt: skip
    collab = made["createCollaboration"]
    assert collab["organisations"] == [{"name": "A"}, {"name": "B"}] and collab["strength"] == 4
    error = await gql.error(
        "mutation($i: CollaborationInput!) { createCollaboration(input: $i) { id } }",
        i={"organisationId": b["id"], "partnerId": a["id"]},
    )
    assert error["extensions"]["code"] == "CONFLICT"
    error = await gql.error(
        "mutation($i: CollaborationInput!) { createCollaboration(input: $i) { id } }",
        i={"organisationId": a["id"], "partnerId": "nope"},
    )
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "partnerId"}
    error = await gql.error(
        "mutation($id: ID!) { updateCollaboration(id: $id, expectedVersion: 1, patch: {strength: 9}) { id } }",
        id=collab["id"],
    )
    assert error["extensions"] == {"code": "VALIDATION", "field": "strength"}
    error = await gql.error(
        'mutation($id: ID!) { updateCollaboration(id: $id, expectedVersion: 1, patch: {endDate: "2020-01-01"}) { id } }',
        id=collab["id"],
    )
    assert error["extensions"] == {"code": "VALIDATION", "field": "endDate"}
    updated = await gql.ok(
        'mutation($id: ID!) { updateCollaboration(id: $id, expectedVersion: 1, patch: {strength: 5}, clear: ["source"]) { strength source version } }',
        id=collab["id"],
    )
    assert updated["updateCollaboration"] == {"strength": 5, "source": None, "version": 2}
    node = await gql.ok(
        "query($id: ID!) { node(id: $id) { id ... on Collaboration { kind } } }", id=collab["id"]
    )
    assert node["node"] == {"id": collab["id"], "kind": "REFERRAL"}


async def test_delete_removes_ties_and_version_guard(gql):
    a = await create(gql, "Organisation", {"name": "A", "kind": "BUSINESS"})
    c = await create(gql, "Community", {"name": "C", "dimension": "RELIGION"})
    await gql.ok(LINK, input={"type": "SERVES", "sourceId": a["id"], "targetId": c["id"]})
    error = await gql.error(
        "mutation($id: ID!) { deleteOrganisation(id: $id, expectedVersion: 3) { id } }", id=a["id"]
    )
    assert error["extensions"]["code"] == "CONFLICT"
    await gql.ok(
        "mutation($id: ID!) { deleteOrganisation(id: $id, expectedVersion: 1) { id } }", id=a["id"]
    )
    served = await gql.ok("query($id: ID!) { community(id: $id) { servedBy { id } } }", id=c["id"])
    assert served["community"]["servedBy"] == []
