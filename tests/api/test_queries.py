"""Queries through HTTP: connections, filters, search, single nodes, neighbourhoods."""

import pytest

from registry.domain.enums import EdgeType, NodeKind
from registry.domain.graph import validate_node
from registry.store.base import NewEdge, Store

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def add(store: Store, node_kind: NodeKind, /, **props) -> str:
    return (await store.create_node(node_kind, validate_node(node_kind, props))).id


async def tie(store: Store, edge_type: EdgeType, a: str, b: str, **props) -> str:
    return (await store.create_edge(NewEdge(edge_type, a, b, props))).id


@pytest.fixture
async def network(store: Store) -> dict[str, str]:
    """A small network: two communities, two districts, five organisations."""
    ids = {
        "somali": await add(store, NodeKind.COMMUNITY, name="Somaliere", dimension="ORIGIN"),
        "sami": await add(store, NodeKind.COMMUNITY, name="Samer", dimension="INDIGENOUS"),
        "alna": await add(store, NodeKind.AREA, name="Alna", kind="DISTRICT"),
        "grunerlokka": await add(store, NodeKind.AREA, name="Grünerløkka", kind="DISTRICT"),
        "youth": await add(store, NodeKind.TOPIC, name="Ungdom"),
        "seminar": await add(store, NodeKind.ACTIVITY, name="Dialogseminar", kind="SEMINAR"),
    }
    for key, name, kind in [
        ("ssf", "Somalisk kvinneforening Alna", "IMMIGRANT_ORGANISATION"),
        ("sun", "Somalisk ungdom Grünerløkka", "IMMIGRANT_ORGANISATION"),
        ("sami_org", "Samisk hus Oslo", "RESOURCE_COMMUNITY"),
        ("bydel", "Bydel Alna", "MUNICIPAL_UNIT"),
        ("old", "Nedlagt forening", "VOLUNTARY_ORGANISATION"),
    ]:
        ids[key] = await add(
            store, NodeKind.ORGANISATION, name=name, kind=kind, archived=key == "old"
        )
    await tie(store, EdgeType.REPRESENTS, ids["ssf"], ids["somali"])
    await tie(store, EdgeType.REPRESENTS, ids["sun"], ids["somali"])
    await tie(store, EdgeType.SERVES, ids["bydel"], ids["somali"])
    await tie(store, EdgeType.REPRESENTS, ids["sami_org"], ids["sami"])
    await tie(store, EdgeType.LOCATED_IN, ids["ssf"], ids["alna"])
    await tie(store, EdgeType.LOCATED_IN, ids["bydel"], ids["alna"])
    await tie(store, EdgeType.LOCATED_IN, ids["sun"], ids["grunerlokka"])
    await tie(store, EdgeType.WORKS_ON, ids["sun"], ids["youth"])
    await tie(store, EdgeType.PARTICIPATES_IN, ids["sun"], ids["seminar"], role="LEAD")
    await tie(store, EdgeType.PARTICIPATES_IN, ids["bydel"], ids["seminar"], role="FUNDER")
    await tie(store, EdgeType.COLLABORATES_WITH, ids["ssf"], ids["bydel"], strength=4)
    await tie(store, EdgeType.PART_OF, ids["ssf"], ids["sun"])
    ids["person"] = await add(store, NodeKind.PERSON, name="Testa Testesen", languages=["so", "no"])
    await tie(store, EdgeType.CONTACT_FOR, ids["person"], ids["ssf"])
    return ids


ORGS = """query($filter: OrganisationFilter, $first: Int, $after: String, $order: Ordering) {
  organisations(filter: $filter, first: $first, after: $after, orderBy: $order) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { name } }
  }
}"""


async def org_names(gql, **filter) -> list[str]:
    data = await gql.ok(ORGS, filter=filter)
    return [e["node"]["name"] for e in data["organisations"]["edges"]]


async def test_filters_by_community_and_district(gql, network):
    names = await org_names(gql, communityIds=[network["somali"]], areaIds=[network["alna"]])
    assert names == ["Bydel Alna", "Somalisk kvinneforening Alna"]
    assert await org_names(gql, communityIds=[network["sami"]]) == ["Samisk hus Oslo"]


async def test_filters_by_kind_topic_activity_and_archived(gql, network):
    assert await org_names(gql, kinds=["MUNICIPAL_UNIT"]) == ["Bydel Alna"]
    assert await org_names(gql, topicIds=[network["youth"]]) == ["Somalisk ungdom Grünerløkka"]
    assert await org_names(gql, activityIds=[network["seminar"]]) == [
        "Bydel Alna", "Somalisk ungdom Grünerløkka",
    ]  # fmt: skip
    assert await org_names(gql, archived=True) == ["Nedlagt forening"]
    assert len(await org_names(gql, archived=None)) == 5


@pytest.mark.parametrize("term", ["grünerløkka", "Grünerløkka", "GRUNERLOKKA", "grunerløkka"])
async def test_search_ignores_case_and_norwegian_letters(gql, network, term):
    assert await org_names(gql, search=term) == ["Somalisk ungdom Grünerløkka"]


async def test_pagination(gql, network):
    page = (await gql.ok(ORGS, first=2))["organisations"]
    assert page["totalCount"] == 4 and page["pageInfo"]["hasNextPage"]
    assert not page["pageInfo"]["hasPreviousPage"]
    rest = (await gql.ok(ORGS, first=2, after=page["pageInfo"]["endCursor"]))["organisations"]
    names = [e["node"]["name"] for e in page["edges"] + rest["edges"]]
    assert names == ["Bydel Alna", "Samisk hus Oslo", "Somalisk kvinneforening Alna",
                     "Somalisk ungdom Grünerløkka"]  # fmt: skip
    assert not rest["pageInfo"]["hasNextPage"] and rest["pageInfo"]["hasPreviousPage"]
    desc = await gql.ok(ORGS, first=1, order={"field": "NAME", "descending": True})
    assert desc["organisations"]["edges"][0]["node"]["name"] == "Somalisk ungdom Grünerløkka"


@pytest.mark.parametrize(
    ("variables", "field"), [({"first": -1}, "first"), ({"first": 10_000}, "first"),
                             ({"after": "garbage"}, "after")],
)  # fmt: skip
async def test_bad_paging_is_refused(gql, network, variables, field):
    error = await gql.error(ORGS, **variables)
    assert error["extensions"] == {"code": "VALIDATION", "field": field}


async def test_organisation_with_everything(gql, network):
    data = await gql.ok(
        """query($id: ID!) { organisation(id: $id) {
             name contacts { name languages } communities { name } represents { name }
             areas { name } collaborations { strength organisations { name } }
             partners { name } partOf { name } units { name } neighbours(depth: 1) { id }
           } }""",
        id=network["ssf"],
    )
    org = data["organisation"]
    assert org["contacts"] == [{"name": "Testa Testesen", "languages": ["so", "no"]}]
    assert org["communities"] == [{"name": "Somaliere"}] == org["represents"]
    assert org["areas"] == [{"name": "Alna"}]
    assert org["collaborations"][0]["strength"] == 4
    assert org["partners"] == [{"name": "Bydel Alna"}]
    assert org["partOf"] == {"name": "Somalisk ungdom Grünerløkka"} and org["units"] == []
    assert len(org["neighbours"]) == 5  # community, district, partner, parent, contact


async def test_other_lists_and_their_filters(gql, network):
    data = await gql.ok(
        """query($org: ID!) {
             communities(filter: {dimensions: [INDIGENOUS]}) { totalCount edges { node { name } } }
             people(filter: {organisationIds: [$org], languages: ["so"]}) { totalCount }
             areas(filter: {search: "lokka"}) { edges { node { name organisations { name } } } }
             topics { totalCount }
             activities(filter: {kinds: [SEMINAR]}) { edges { node { participants { role organisation { name } } } } }
             collaborations(filter: {organisationIds: [$org]}) { totalCount edges { node { kind } } }
           }""",
        org=network["ssf"],
    )
    assert data["communities"]["edges"] == [{"node": {"name": "Samer"}}]
    assert data["people"]["totalCount"] == 1
    assert data["areas"]["edges"][0]["node"]["organisations"] == [
        {"name": "Somalisk ungdom Grünerløkka"}
    ]
    assert data["topics"]["totalCount"] == 1
    roles = {p["role"] for p in data["activities"]["edges"][0]["node"]["participants"]}
    assert roles == {"LEAD", "FUNDER"}
    assert data["collaborations"] == {"totalCount": 1, "edges": [{"node": {"kind": "PARTNERSHIP"}}]}


async def test_node_and_neighbourhood(gql, network):
    node = await gql.ok(
        "query($id: ID!) { node(id: $id) { id ... on Community { name } } }", id=network["sami"]
    )
    assert node["node"] == {"id": network["sami"], "name": "Samer"}
    assert (await gql.ok('{ node(id: "nope") { id } }'))["node"] is None
    sub = await gql.ok(
        """query($ids: [ID!]!) { neighbourhood(ids: $ids, depth: 1) {
             nodes { id __typename } links { type from { id } to { id } } } }""",
        ids=[network["bydel"]],
    )
    kinds = sorted(n["__typename"] for n in sub["neighbourhood"]["nodes"])
    assert kinds == ["Activity", "Area", "Community", "Organisation", "Organisation"]
    assert len(sub["neighbourhood"]["links"]) == 6  # every tie among the five, not only to Bydel
    error = await gql.error("{ neighbourhood(ids: [], depth: 4) { nodes { id } } }")
    assert error["extensions"] == {"code": "VALIDATION", "field": "depth"}
