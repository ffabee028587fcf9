"""The bridging analysis through GraphQL, on the demo network, on both stores: it finds what
seeds/README.md says was planted, and flags nothing else."""

import asyncio

import pytest

from registry.domain.enums import NodeKind
from registry.services.seeding import node_id
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")

ANALYSIS = """{ analysis {
  fresh storeVersion computedAt
  communities { communityId name gap status reason eiIndex eiExpected organisations { id } }
  brokers { organisationId betweenness effectiveSize constraint roles { liaison gatekeeper }
            rolesByGroup { group name community { id } roles { liaison gatekeeper } } }
  fragility { communityId singlePoints { id } singleTies { organisations { id } }
              ties { cutsOff organisations { id } } }
  introductions { communityId from { id } to { id } gain statusAfter reasons }
  districts { name communities { name tied } }
  trend { year asOf gapCommunities }
  tieModel { counted ended tooWeak notBridging rules }
  clusters { count modularity purity nmi }
  isolates { id }
} }"""


def org(key: str) -> str:
    return node_id(NodeKind.ORGANISATION, key)


def community(key: str) -> str:
    return node_id(NodeKind.COMMUNITY, key)


async def test_planted_structure_is_found(store: Store, gql, demo_graph):
    await store.import_graph(demo_graph)
    result = (await gql.ok(ANALYSIS))["analysis"]
    assert result["fresh"]
    gaps = {c["communityId"]: c for c in result["communities"] if c["gap"]}
    planted = {community("chileans"), community("filipinos"), community("forest-finns")}
    assert set(gaps) >= planted
    assert {gaps[c]["status"] for c in set(gaps) - planted} == {"WEAKLY_BRIDGED"}
    assert gaps[community("chileans")]["status"] == "CUT_OFF"
    assert gaps[community("filipinos")]["status"] == "CUT_OFF"
    assert gaps[community("forest-finns")]["status"] == "SINGLE_BRIDGE"
    assert [c["status"] for c in result["communities"][:3]] == ["CUT_OFF", "CUT_OFF",
                                                                "SINGLE_BRIDGE"]  # fmt: skip
    assert all(c["eiExpected"] is not None for c in gaps.values())
    assert result["tieModel"]["ended"] > 0 and result["tieModel"]["tooWeak"] > 0
    assert result["trend"][-1]["gapCommunities"] == len(gaps)
    hinge = {f["communityId"]: f for f in result["fragility"]}[community("forest-finns")]
    assert org("skogfinsk-kulturforum-oslo") in {o["id"] for o in hinge["singlePoints"]}
    assert {o["id"] for o in hinge["singleTies"][0]["organisations"]} == {
        org("skogfinsk-kulturforum-oslo"), org("emi"),
    }  # fmt: skip
    assert [t["cutsOff"] for t in hinge["ties"]] == [4, 1]  # the tie to one organisation too
    isolates = {
        org(k) for k in ("polsk-foreldreforening-ullern", "tamilsk-eldreforum-stovner",
                         "bjerke-bydelsavis", "bjerke-bilpleie-as")
    }  # fmt: skip
    assert {o["id"] for o in result["isolates"]} == isolates
    assert result["brokers"][0]["organisationId"] == org("emi")
    # Roles for each group a broker counts for; `roles` are those of its first.
    for broker in result["brokers"]:
        groups = broker["rolesByGroup"]
        assert groups[0]["roles"] == broker["roles"]
        assert all((g["community"] is None) == (g["group"] in ("public", "wider")) for g in groups)
    assert result["brokers"][0]["rolesByGroup"][0]["group"] == "public"
    assert result["tieModel"]["notBridging"] > 0
    assert any("funding" in rule for rule in result["tieModel"]["rules"])
    introduced = {i["communityId"] for i in result["introductions"]}
    assert introduced == set(gaps)
    assert all(i["reasons"] and i["gain"] > 0 for i in result["introductions"])
    assert len(result["districts"]) >= 15 and len(result["trend"]) >= 10
    assert 0 < result["clusters"]["modularity"] < 1


async def test_analysis_follows_writes(store: Store, gql, demo_graph):
    await store.import_graph(demo_graph)
    first = (
        await gql.ok("{ analysis { storeVersion communities(gapsOnly: true) { communityId } } }")
    )["analysis"]
    tie = """mutation($a: ID!, $b: ID!) { createCollaboration(input: {organisationId: $a, partnerId: $b}) { id } }"""
    await gql.ok(tie, a=org("chilensk-kulturforening-oslo"), b=org("emi"))
    stale = (await gql.ok("{ analysis { fresh storeVersion } }"))["analysis"]
    assert stale["storeVersion"] == first["storeVersion"] or stale["fresh"]
    for _ in range(200):  # the new analysis is computed in the background
        now = (
            await gql.ok(
                "{ analysis { fresh storeVersion communities(gapsOnly: true) { communityId status } } }"
            )
        )["analysis"]
        if now["fresh"] and now["storeVersion"] > first["storeVersion"]:
            break
        await asyncio.sleep(0.05)
    gaps = {c["communityId"]: c["status"] for c in now["communities"]}
    # One Chilean organisation now bridges for all three: still fragile, no longer cut off.
    assert (
        gaps[community("chileans")] == "SINGLE_BRIDGE" and gaps[community("filipinos")] == "CUT_OFF"
    )


async def test_analysis_filters(store: Store, gql, demo_graph):
    await store.import_graph(demo_graph)
    only = """query($c: [ID!]) { analysis(filter: {communityIds: $c}) { communities(gapsOnly: true) { communityId } } }"""
    result = (await gql.ok(only, c=[community("filipinos")]))["analysis"]
    assert [c["communityId"] for c in result["communities"]] == [community("filipinos")]
