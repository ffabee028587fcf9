"""`/map.json`: the dashboard's network map, for signed-in callers only, with no contact
data for any role, revalidated by ETag, and new after every write."""

import json

import pytest

from registry.analysis import map_figures
from registry.domain.accounts import Role
from registry.domain.enums import NodeKind
from registry.store.base import Store
from registry.store.records import Subgraph

from .demo import Slice

NETWORK_MAP = (
    "query($f: AnalysisFilterInput) { networkMap(filter: $f) analysis(filter: $f) { report } }"
)
MOSQUE = "Grønland pakistanske moskeforening"  # represents Muslims and Pakistanis


async def test_every_reader_gets_the_same_map_without_personal_data(
    demo: Store, connect, seed_graph: Subgraph
):
    viewer = await (await connect(Role.VIEWER)).get("/map.json")
    admin = await (await connect(Role.ADMIN)).get("/map.json")
    assert viewer.status_code == admin.status_code == 200
    assert viewer.headers["content-type"].startswith("application/json")
    assert viewer.content == admin.content
    people = [n for n in seed_graph.nodes if n.kind is NodeKind.PERSON]
    assert people and any(p.props.get("email") for p in people)
    text = viewer.text
    for person in people:
        assert person.id not in text
        assert not person.props.get("email") or person.props["email"] not in text
    organisations = json.loads(text)["organisations"]
    kept = [n for n in seed_graph.nodes if n.kind is NodeKind.ORGANISATION]
    assert len(organisations) == sum(1 for n in kept if not n.props.get("archived")) == 169


async def test_no_map_without_signing_in(demo: Store, connect):
    response = await (await connect(None)).get("/map.json")
    assert response.status_code == 401


async def test_the_map_is_the_graphql_networkmap(demo: Store, connect):
    client = await connect(Role.VIEWER)
    served = (await client.get("/map.json")).json()
    body = (await client.post("/graphql", json={"query": NETWORK_MAP})).json()
    assert body["data"]["networkMap"] == served
    report = body["data"]["analysis"]["report"]
    assert len(served["organisations"]) == report["summary"]["organisations"]


async def test_an_unchanged_map_is_not_sent_again(demo: Store, connect):
    client = await connect(Role.VIEWER)
    first = await client.get("/map.json")
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "private, no-cache"
    again = await client.get("/map.json", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == tag
    other = await client.get("/map.json", headers={"If-None-Match": '"something else"'})
    assert other.status_code == 200 and other.content == first.content


async def test_a_write_gives_a_new_map(demo: Store, connect):
    client = await connect(Role.EDITOR)
    first = await client.get("/map.json")
    created = await client.post(
        "/graphql",
        json={
            "query": 'mutation { createOrganisation(input: {name: "Nytt lag", kind: OTHER}) { id } }'
        },
    )
    new_id = created.json()["data"]["createOrganisation"]["id"]
    after = await client.get("/map.json", headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != first.headers["etag"]
    names = {o["id"]: o["name"] for o in after.json()["organisations"]}
    assert len(names) == len(first.json()["organisations"]) + 1
    assert any(name == "Nytt lag" for name in names.values()) and new_id


async def test_the_filter_narrows_the_map(demo: Store, connect, pakistani_in_gamle_oslo: Slice):
    s = pakistani_in_gamle_oslo
    client = await connect(Role.VIEWER)
    response = await client.get(
        "/map.json", params={"communityIds": s.community, "areaIds": s.area}
    )
    organisations = response.json()["organisations"]
    assert {o["name"] for o in organisations if o["side"] == "minority"} == s.organisations


@pytest.mark.parametrize(
    ("query", "field"),
    [("yearFrom=twenty", "yearFrom"), ("asOf=2026-13-01", "asOf"), ("kinds=CAT", "kinds")],
)
async def test_a_bad_filter_is_refused_naming_the_field(demo: Store, connect, query, field):
    response = await (await connect(Role.VIEWER)).get(f"/map.json?{query}")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "VALIDATION", "field": field}


async def test_an_organisation_of_several_communities_takes_the_worst_status(demo: Store, connect):
    client = await connect(Role.VIEWER)
    served = (await client.get("/map.json")).json()
    body = (await client.post("/graphql", json={"query": NETWORK_MAP})).json()
    ranked = [c["community"] for c in body["data"]["analysis"]["report"]["communities"]]
    several = [o for o in served["organisations"] if len(o["communities"]) > 1]
    assert any(o["name"] == MOSQUE for o in several)
    for o in several:
        assert o["worst"] == min(o["communities"], key=ranked.index)
    assert all(o["worst"] is None for o in served["organisations"] if not o["communities"])


async def test_an_estimated_map_gives_way_to_the_reports(demo: Store, connect, monkeypatch):
    monkeypatch.setattr(map_figures, "EXACT_UP_TO", 10)
    monkeypatch.setattr(map_figures, "SOURCES", 20)
    client = await connect(Role.VIEWER)
    first = await client.get("/map.json")
    assert first.json()["betweennessExact"] is False
    assert (await client.get("/map.json")).headers["etag"] == first.headers["etag"]
    query = {"query": "{ analysis { fresh report } }"}
    report = (await client.post("/graphql", json=query)).json()["data"]["analysis"]["report"]
    after = await client.get("/map.json", headers={"If-None-Match": first.headers["etag"]})
    assert after.status_code == 200 and after.json()["betweennessExact"] is True
    exact = report["brokers"]["betweenness"]
    assert {o["id"]: o["betweenness"] for o in after.json()["organisations"]} == {
        i: round(b, 6) for i, b in exact.items()
    }
