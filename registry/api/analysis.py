"""The bridging analysis in GraphQL: the whole report, with the filter it was asked for."""

import strawberry
from strawberry.scalars import JSON

from registry.analysis.graph import AnalysisFilter
from registry.analysis.service import Analysis
from registry.api.context import Info
from registry.domain.enums import OrganisationKind


@strawberry.input(description="Which organisations to analyse; the same filters as the lists.")
class AnalysisFilterInput:
    community_ids: list[strawberry.ID] | None = None
    area_ids: list[strawberry.ID] | None = None
    topic_ids: list[strawberry.ID] | None = None
    kinds: list[OrganisationKind] | None = None
    year_from: int | None = None
    year_to: int | None = None

    def to_filter(self) -> AnalysisFilter:
        return AnalysisFilter(
            communities=frozenset(self.community_ids or ()),
            areas=frozenset(self.area_ids or ()),
            topics=frozenset(self.topic_ids or ()),
            kinds=frozenset(self.kinds or ()),
            year_from=self.year_from,
            year_to=self.year_to,
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
    analysis: strawberry.Private[Analysis]


async def analyse(info: Info, filter: AnalysisFilterInput | None = None) -> AnalysisResult:
    flt = filter.to_filter() if filter else AnalysisFilter()
    done = await info.context.analysis.analyse(flt)
    return AnalysisResult(
        computed_at=done.report["timestamp"],
        store_version=done.store_version,
        fresh=done.fresh,
        report=done.report,
        analysis=done,
    )
