"""Typed answers of the bridging analysis, so each can be asked for by name in GraphiQL.

Each is made from the typed report (`registry.analysis.report.Report`) field by field;
organisations, communities and areas resolve to the graph's own types through the request's
loaders.
"""

from typing import TYPE_CHECKING, Any

import strawberry

from registry.analysis import communities as analysed
from registry.analysis import fragility as cuts
from registry.analysis import report as full
from registry.api.context import Info
from registry.api.nodes import Community, Organisation, to_type

if TYPE_CHECKING:  # strawberry.enum returns the enum it was given, as an untyped value
    CommunityStatus = analysed.CommunityStatus
else:
    CommunityStatus = strawberry.enum(
        analysed.CommunityStatus,
        description="CUT_OFF: no path of active ties to the public side or wider society. "
        "SINGLE_BRIDGE: every such path passes one organisation or one tie. WEAKLY_BRIDGED: "
        "significantly fewer bridging ties than a degree-preserving random network gives. "
        "BRIDGED: none of these. TOO_SMALL: fewer organisations than the minimum; never ranked.",
    )


async def nodes(info: Info, ids: list[str]) -> list[Any]:
    found = await info.context.loaders.nodes.load_many(ids)
    return [to_type(n) for n in found if n is not None]


async def node(info: Info, node_id: str) -> Any:
    found = await nodes(info, [node_id])
    return found[0] if found else None


@strawberry.type(description="An organisation on a community's paths to the public side.")
class SubsetBroker:
    organisation_id: strawberry.ID
    subset_betweenness: float = strawberry.field(
        description="The community's shortest paths to the public side through it."
    )
    share: float = strawberry.field(description="subsetBetweenness per reaching organisation.")
    betweenness: float = strawberry.field(description="Global betweenness, for comparison.")

    @strawberry.field
    async def organisation(self, info: Info) -> Organisation | None:
        return await node(info, self.organisation_id)


@strawberry.type(description="One community's status, with its reason and evidence; worst first.")
class CommunityGap:
    row: strawberry.Private[analysed.CommunityReport]

    @strawberry.field
    def community_id(self) -> strawberry.ID:
        return strawberry.ID(self.row.community)

    name: str = strawberry.field(resolver=lambda self: self.row.name)
    status: CommunityStatus = strawberry.field(resolver=lambda self: self.row.status)
    reason: str = strawberry.field(resolver=lambda self: self.row.reason)
    gap: bool = strawberry.field(
        resolver=lambda self: self.row.gap,
        description="CUT_OFF, SINGLE_BRIDGE or WEAKLY_BRIDGED.",
    )
    internal_ties: int = strawberry.field(resolver=lambda self: self.row.internal_ties)
    external_ties: int = strawberry.field(resolver=lambda self: self.row.external_ties)
    public_ties: int = strawberry.field(resolver=lambda self: self.row.public_ties)
    wider_ties: int = strawberry.field(resolver=lambda self: self.row.wider_ties)
    minority_ties: int = strawberry.field(resolver=lambda self: self.row.minority_ties)
    ei_index: float | None = strawberry.field(
        resolver=lambda self: self.row.ei_index,
        description="Krackhardt–Stern E-I: -1 all ties inside, +1 all outside.",
    )
    ei_expected: float | None = strawberry.field(
        resolver=lambda self: self.row.ei_expected,
        description="E-I under a degree-preserving random baseline.",
    )
    ei_p: float | None = strawberry.field(
        resolver=lambda self: self.row.ei_p, description="Chance of an E-I this low or lower."
    )
    bridging_ties: int = strawberry.field(resolver=lambda self: self.row.bridging_ties)
    bridging_expected: float = strawberry.field(resolver=lambda self: self.row.bridging_expected)
    bridging_p: float | None = strawberry.field(resolver=lambda self: self.row.bridging_p)
    hops_to_public: int | None = strawberry.field(resolver=lambda self: self.row.hops_to_public)
    hops_to_municipal: int | None = strawberry.field(
        resolver=lambda self: self.row.hops_to_municipal
    )
    hops_to_emi: int | None = strawberry.field(resolver=lambda self: self.row.hops_to_emi)
    introductions_note: str | None = strawberry.field(
        resolver=lambda self: self.row.introductions_note,
        description="Why a community with a gap has no introductions.",
    )

    @strawberry.field
    async def community(self, info: Info) -> Community | None:
        return await node(info, self.row.community)

    @strawberry.field(description="Organisations that represent the community.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row.organisations)

    @strawberry.field(description="Its organisations tied to the public side or wider society.")
    async def bridging_organisations(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row.bridging_organisations)

    @strawberry.field(description="Its organisations with no path to the bridging side.")
    async def unreached(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row.unreached)

    @strawberry.field(description="Organisations every path to the bridging side passes.")
    async def single_points(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.row.single_points)

    @strawberry.field(description="Subset betweenness towards the public side, highest first.")
    def brokers(self) -> list[SubsetBroker]:
        return [
            SubsetBroker(
                organisation_id=strawberry.ID(b.organisation),
                subset_betweenness=b.subset_betweenness,
                share=b.share,
                betweenness=b.betweenness,
            )
            for b in self.row.brokers
        ]


@strawberry.type(description="Gould–Fernandez brokerage roles: open two-paths by group.")
class BrokerageRoles:
    coordinator: int
    gatekeeper: int
    representative: int
    itinerant: int
    liaison: int


@strawberry.type(description="A broker's roles for one of the groups it counts for.")
class GroupRoles:
    group: strawberry.ID = strawberry.field(description="A community's id, or a side.")
    name: str
    roles: BrokerageRoles

    @strawberry.field(description="The community, when the group is one.")
    async def community(self, info: Info) -> Community | None:
        found = await node(info, self.group)
        return found if isinstance(found, Community) else None


@strawberry.type
class Broker:
    organisation_id: strawberry.ID
    side: str
    betweenness: float
    effective_size: float | None = strawberry.field(description="Burt's effective size.")
    constraint: float | None = strawberry.field(description="Burt's constraint.")
    roles: BrokerageRoles = strawberry.field(
        description="Roles for its first community (or side), along the ties' direction."
    )
    roles_by_group: list[GroupRoles] = strawberry.field(
        description="Roles for each community it represents (or its side): an organisation "
        "in several communities is a broker for each."
    )

    @strawberry.field
    async def organisation(self, info: Info) -> Organisation | None:
        return await node(info, self.organisation_id)


@strawberry.type(description="A tie whose loss would cut organisations off the bridging side.")
class FragileTie:
    ids: strawberry.Private[list[str]]
    cuts_off: int = strawberry.field(description="Organisations of the community it cuts off.")

    @strawberry.field(description="The two ends: towards the bridging side first.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.ids)


@strawberry.type(description="The organisations and ties a community's bridge hangs on.")
class FragileCommunity:
    community_id: strawberry.ID
    name: str
    single_point_ids: strawberry.Private[list[str]]
    single_ties: list[FragileTie] = strawberry.field(description="Ties that cut off all of it.")
    ties: list[FragileTie] = strawberry.field(description="Every tie that cuts some of it off.")

    @strawberry.field(description="Organisations whose loss cuts the community off.")
    async def single_points(self, info: Info) -> list[Organisation]:
        return await nodes(info, self.single_point_ids)


def brokers(report: full.Report) -> list[Broker]:
    return [
        Broker(
            organisation_id=strawberry.ID(b.organisation),
            side=b.side,
            betweenness=b.betweenness,
            effective_size=b.effective_size,
            constraint=b.constraint,
            roles=BrokerageRoles(**b.roles),
            roles_by_group=[
                GroupRoles(
                    group=strawberry.ID(g.group), name=g.name, roles=BrokerageRoles(**g.roles)
                )
                for g in b.roles_by_group
            ],
        )
        for b in report.brokers.top
    ]


def _tie(cut: cuts.CutTie) -> FragileTie:
    return FragileTie(ids=list(cut.tie), cuts_off=len(cut.cuts_off))


def fragility(report: full.Report) -> list[FragileCommunity]:
    return [
        FragileCommunity(
            community_id=strawberry.ID(f.community),
            name=f.name,
            single_point_ids=f.single_points,
            single_ties=[_tie(t) for t in f.ties if set(t.tie) in map(set, f.single_ties)],
            ties=[_tie(t) for t in f.ties],
        )
        for f in report.fragility
    ]
