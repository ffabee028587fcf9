"""The bridging analysis in GraphQL: the whole report, with the filter it was asked for."""

import strawberry
from strawberry.scalars import JSON

from registry.analysis.graph import AnalysisFilter
from registry.api import analysis_types as types
from registry.api.context import Info
from registry.api.nodes import Organisation
from registry.domain.enums import OrganisationKind
from registry.services.filters import year_range


@strawberry.input(description="Which organisations to analyse; the same filters as the lists.")
class AnalysisFilterInput:
    community_ids: list[strawberry.ID] | None = None
    area_ids: list[strawberry.ID] | None = None
    topic_ids: list[strawberry.ID] | None = None
    kinds: list[OrganisationKind] | None = None
    year_from: int | None = None
    year_to: int | None = None

    def to_filter(self) -> AnalysisFilter:
        year_from, year_to = year_range(self.year_from, self.year_to)
        return AnalysisFilter(
            communities=frozenset(self.community_ids or ()),
            areas=frozenset(self.area_ids or ()),
            topics=frozenset(self.topic_ids or ()),
            kinds=frozenset(self.kinds or ()),
            year_from=year_from,
            year_to=year_to,
        )


@strawberry.type(description="A network analysis and how current it is.")
class AnalysisResult:
    computed_at: str
    store_version: int = strawberry.field(description="The store version it was computed on.")
    fresh: bool = strawberry.field(
        description="false while a newer analysis is computed after a change; ask again soon."
    )
    report: JSON = strawberry.field(
        description="Every figure: summary, communities (worst bridging gaps first), brokers, "
        "fragility, clusters, introductions, districts, trend."
    )

    @strawberry.field(description="Every community, worst bridging gaps first.")
    def communities(self, gaps_only: bool = False) -> list[types.CommunityGap]:
        rows = [types.CommunityGap.of(r) for r in self.report["communities"]]
        return [r for r in rows if r.gap] if gaps_only else rows

    @strawberry.field(description="Organisations ranked by betweenness, with Burt's measures.")
    def brokers(self) -> list[types.Broker]:
        return types.brokers(self.report)

    @strawberry.field(description="Communities whose bridge hangs on one organisation or tie.")
    def fragility(self) -> list[types.FragileCommunity]:
        return types.fragility(self.report)

    @strawberry.field(description="Recommended introductions for the gap communities.")
    def introductions(self) -> list[types.Introduction]:
        return types.introductions(self.report)

    @strawberry.field(description="Per district: communities present and tied to its units.")
    def districts(self) -> list[types.DistrictCoverage]:
        return types.districts(self.report)

    @strawberry.field(description="The headline figures year by year.")
    def trend(self) -> list[types.YearFigures]:
        return types.trend(self.report)

    @strawberry.field
    def clusters(self) -> types.Clusters:
        return types.clusters(self.report)

    @strawberry.field(description="Organisations with no ties at all.")
    async def isolates(self, info: Info) -> list[Organisation]:
        return await types.nodes(info, self.report["summary"]["isolates"])


async def analyse(info: Info, filter: AnalysisFilterInput | None = None) -> AnalysisResult:
    flt = filter.to_filter() if filter else AnalysisFilter()
    done = await info.context.analysis.analyse(flt)
    return AnalysisResult(
        computed_at=done.report["timestamp"],
        store_version=done.store_version,
        fresh=done.fresh,
        report=done.report,
    )
