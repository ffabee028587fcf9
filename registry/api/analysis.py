"""The bridging analysis in GraphQL: the whole report, with the filter it was asked for."""

from datetime import date

import strawberry
from strawberry.scalars import JSON

from registry.analysis.graph import AnalysisFilter
from registry.analysis.report import Report, jsonable
from registry.api import analysis_figures as figures
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
    as_of: date | None = strawberry.field(
        default=None,
        description="The date the analysis is as of (default: today, or the end of yearTo "
        "if it is past): only ties active then count.",
    )

    def to_filter(self) -> AnalysisFilter:
        year_from, year_to = year_range(self.year_from, self.year_to)
        return AnalysisFilter(
            communities=frozenset(self.community_ids or ()),
            areas=frozenset(self.area_ids or ()),
            topics=frozenset(self.topic_ids or ()),
            kinds=frozenset(self.kinds or ()),
            year_from=year_from,
            year_to=year_to,
            as_of=self.as_of,
        )


@strawberry.type(description="A network analysis and how current it is.")
class AnalysisResult:
    computed_at: str
    store_version: int = strawberry.field(description="The store version it was computed on.")
    fresh: bool = strawberry.field(
        description="false while a newer analysis is computed after a change; ask again soon."
    )
    typed: strawberry.Private[Report]

    @strawberry.field(description="The date the analysis is as of.")
    def as_of(self) -> date:
        return self.typed.parameters.as_of

    @strawberry.field(
        description="Every figure as JSON, the format of `registry analyze --json` (see the "
        "README): summary, tieModel, communities (worst first), brokers, fragility, clusters, "
        "introductions, districts, trend."
    )
    def report(self) -> JSON:
        return jsonable(self.typed)

    @strawberry.field(description="Every community with its status, worst first.")
    def communities(self, gaps_only: bool = False) -> list[types.CommunityGap]:
        rows = [types.CommunityGap(row=r) for r in self.typed.communities]
        return [r for r in rows if r.row.gap] if gaps_only else rows

    @strawberry.field(description="Organisations ranked by betweenness, with Burt's measures.")
    def brokers(self) -> list[types.Broker]:
        return types.brokers(self.typed)

    @strawberry.field(description="The organisations and ties each community's bridge hangs on.")
    def fragility(self) -> list[types.FragileCommunity]:
        return types.fragility(self.typed)

    @strawberry.field(description="Introductions for the communities with a gap, best first.")
    def introductions(self) -> list[figures.Introduction]:
        return [figures.introduction(i) for i in self.typed.introductions]

    @strawberry.field(description="Per district: communities present and tied to its units.")
    def districts(self) -> list[figures.DistrictCoverage]:
        return figures.districts(self.typed)

    @strawberry.field(description="The headline figures year by year, by the same rule.")
    def trend(self) -> list[figures.YearFigures]:
        return [figures.year_figures(y) for y in self.typed.trend]

    @strawberry.field(description="Which ties counted, and by what rule.")
    def tie_model(self) -> figures.TieModel:
        return figures.tie_model(self.typed)

    @strawberry.field
    def clusters(self) -> figures.Clusters:
        return figures.clusters(self.typed)

    @strawberry.field(description="Organisations with no ties that count.")
    async def isolates(self, info: Info) -> list[Organisation]:
        return await types.nodes(info, self.typed.summary.isolates)


async def analyse(info: Info, filter: AnalysisFilterInput | None = None) -> AnalysisResult:
    flt = filter.to_filter() if filter else AnalysisFilter()
    done = await info.context.analysis.analyse(flt)
    return AnalysisResult(
        computed_at=done.report.timestamp,
        store_version=done.store_version,
        fresh=done.fresh,
        typed=done.report,
    )
