"""Typed answers of the bridging analysis, so each can be asked for by name in GraphiQL.

They are read from the report dict (`registry/analysis/report.py`); organisations,
communities and areas resolve to the graph's own types through the request's loaders.
"""

from typing import Any

import strawberry

from registry.api.context import Info
from registry.api.nodes import Area, Community, Organisation, to_type


async def nodes(info: Info, ids: list[str]) -> list[Any]:
    found = await info.context.loaders.nodes.load_many(ids)
    return [to_type(n) for n in found if n is not None]


async def _node(info: Info, node_id: str) -> Any:
    found = await nodes(info, [node_id])
    return found[0] if found else None


PLAIN_GAP_FIELDS = (
    "name", "internal_ties", "external_ties", "ei_index", "public_ties", "wider_ties",
    "minority_ties", "hops_to_public", "hops_to_municipal", "hops_to_emi", "gap", "gap_kind",
    "reason",
)  # fmt: skip


@strawberry.type(description="How one community is tied inside and outside, worst gaps first.")
class CommunityGap:
    community_id: strawberry.ID
    name: str
    internal_ties: int
    external_ties: int
    ei_index: float | None = strawberry.field(
        description="Krackhardt–Stern E-I: -1 all inside, +1 all outside."
    )
    public_ties: int
    wider_ties: int
    minority_ties: int
    hops_to_public: int | None
    hops_to_municipal: int | None
    hops_to_emi: int | None
    gap: bool
    gap_kind: str | None = strawberry.field(
        description="NO_PATH, NO_BRIDGING_TIE or SINGLE_BRIDGE."
    )
    reason: str | None
    row: strawberry.Private[dict[str, Any]]

    @classmethod
    def of(cls, row: dict[str, Any]) -> "CommunityGap":
        plain = {k: row[k] for k in PLAIN_GAP_FIELDS}
        return cls(community_id=strawberry.ID(row["community"]), row=row, **plain)

    @strawberry.field
    async def community(self, info: Info) -> Community | None:
        return await _node(info, self.community_id)

    @strawberry.field(description="Organisations that represent the community.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row["organisations"])

    @strawberry.field(
        description="Its organisations with a tie to the public side or wider society."
    )
    async def bridging_organisations(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row["bridging_organisations"])

    @strawberry.field(description="Its organisations with no path to the public side.")
    async def unreached(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row["unreached"])

    @strawberry.field(description="Who carries most of its routes to the public side.")
    async def brokers(self, info: Info) -> list[Organisation]:
        return await nodes(info, [b["organisation"] for b in self.row["brokers"]])


@strawberry.type(description="Gould–Fernandez brokerage roles: open two-paths by group.")
class BrokerageRoles:
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int


@strawberry.type
class Broker:
    organisation_id: strawberry.ID
    side: str
    betweenness: float
    effective_size: float | None = strawberry.field(description="Burt's effective size.")
    constraint: float | None = strawberry.field(description="Burt's constraint.")
    roles: BrokerageRoles

    @strawberry.field
    async def organisation(self, info: Info) -> Organisation | None:
        return await _node(info, self.organisation_id)


@strawberry.type(description="A tie whose loss would cut organisations off from the public side.")
class FragileTie:
    ids: strawberry.Private[list[str]]

    @strawberry.field(description="The two ends: towards the public side first.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.ids)


@strawberry.type(description="Where a community's bridge hangs on one organisation or one tie.")
class FragileCommunity:
    community_id: strawberry.ID
    name: str
    single_point_ids: strawberry.Private[list[str]]
    single_ties: list[FragileTie]

    @strawberry.field(description="Organisations whose loss cuts the community off.")
    async def single_points(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.single_point_ids)


@strawberry.type(description="Who should meet whom to close a gap, and why.")
class Introduction:
    community_id: strawberry.ID
    organisation_id: strawberry.ID
    partner_id: strawberry.ID
    partner_side: str
    score: float
    reasons: list[str]

    @strawberry.field
    async def organisation(self, info: Info) -> Organisation | None:
        return await _node(info, self.organisation_id)

    @strawberry.field
    async def partner(self, info: Info) -> Organisation | None:
        return await _node(info, self.partner_id)


@strawberry.type
class DistrictCommunity:
    community_id: strawberry.ID
    name: str
    organisations: int
    tied: bool = strawberry.field(description="Tied to one of the district's own units.")


@strawberry.type(description="Which communities are present in a district, and tied to its units.")
class DistrictCoverage:
    area_id: strawberry.ID
    name: str
    communities: list[DistrictCommunity]

    @strawberry.field
    async def area(self, info: Info) -> Area | None:
        return await _node(info, self.area_id)


@strawberry.type(description="The headline figures of one year.")
class YearFigures:
    year: int
    organisations: int
    ties: int
    communities: int
    gap_communities: int
    gap_share: float | None
    mean_ei: float | None
    bridges: int


@strawberry.type(description="Louvain clusters and how far they follow community lines.")
class Clusters:
    count: int
    modularity: float
    purity: float
    nmi: float


def brokers(report: dict[str, Any]) -> list[Broker]:
    return [
        Broker(
            organisation_id=strawberry.ID(b["organisation"]),
            side=b["side"],
            betweenness=b["betweenness"],
            effective_size=b["effective_size"],
            constraint=b["constraint"],
            roles=BrokerageRoles(**b["roles"]),
        )
        for b in report["brokers"]["top"]
    ]


def fragility(report: dict[str, Any]) -> list[FragileCommunity]:
    return [
        FragileCommunity(
            community_id=strawberry.ID(f["community"]),
            name=f["name"],
            single_point_ids=f["single_points"],
            single_ties=[FragileTie(ids=list(t)) for t in f["single_ties"]],
        )
        for f in report["fragility"]
    ]


def introductions(report: dict[str, Any]) -> list[Introduction]:
    return [
        Introduction(
            community_id=strawberry.ID(community),
            organisation_id=i["organisation"],
            partner_id=i["partner"],
            partner_side=i["partner_side"],
            score=i["score"],
            reasons=i["reasons"],
        )
        for community, rows in report["introductions"].items()
        for i in rows
    ]


def districts(report: dict[str, Any]) -> list[DistrictCoverage]:
    return [
        DistrictCoverage(
            area_id=strawberry.ID(d["area"]),
            name=d["name"],
            communities=[
                DistrictCommunity(
                    community_id=strawberry.ID(c["community"]),
                    name=c["name"],
                    organisations=len(c["organisations"]),
                    tied=c["tied"],
                )
                for c in d["communities"]
            ],
        )
        for d in report["districts"]
    ]


def trend(report: dict[str, Any]) -> list[YearFigures]:
    return [YearFigures(**y) for y in report["trend"]]


def clusters(report: dict[str, Any]) -> Clusters:
    c = report["clusters"]
    return Clusters(
        count=len(c["clusters"]), modularity=c["modularity"], purity=c["purity"], nmi=c["nmi"]
    )
