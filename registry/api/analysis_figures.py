"""Typed answers of the bridging analysis beyond each community's status: introductions,
district coverage, the trend, the tie model and the clusters (see `analysis_types`)."""

from datetime import date

import strawberry
from strawberry.scalars import JSON

from registry.analysis import introductions as intros
from registry.analysis import report as full
from registry.analysis import trend as years
from registry.api.analysis_types import CommunityStatus, node
from registry.api.context import Info
from registry.api.nodes import Area, Organisation


@strawberry.type(description="Who should meet whom, ranked by what the new tie would change.")
class Introduction:
    community_id: strawberry.ID
    from_id: strawberry.ID
    to_id: strawberry.ID
    gain: float = strawberry.field(
        description="Status steps gained, plus organisations newly reached and dependencies on "
        "a single organisation or tie ended, per organisation of the community."
    )
    status_after: CommunityStatus
    newly_reached: int
    dependencies_removed: int
    reasons: list[str]

    @strawberry.field(name="from", description="The community's organisation.")
    async def from_(self, info: Info) -> Organisation | None:
        return await node(info, self.from_id)

    @strawberry.field(description="The partner on the public side or in the wider society.")
    async def to(self, info: Info) -> Organisation | None:
        return await node(info, self.to_id)


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
        return await node(info, self.area_id)


@strawberry.type(description="The headline figures as of the last day of one year.")
class YearFigures:
    year: int
    as_of: date
    organisations: int
    ties: int
    communities: int = strawberry.field(description="Ranked communities (all but TOO_SMALL).")
    gap_communities: int
    gap_share: float | None
    statuses: JSON = strawberry.field(description="Communities per status.")
    mean_ei: float | None
    bridges: int


@strawberry.type(description="Which ties counted, and by what rule.")
class TieModel:
    min_weight: float
    recent_days: int
    recorded: int
    counted: int
    ended: int
    not_started: int
    too_weak: int
    not_bridging: int = strawberry.field(
        description="Ties that count but bridge no one: they exist only through funding."
    )
    counted_by_kind: JSON
    meanings: JSON
    rules: list[str] = strawberry.field(description="Which ties counted, in words.")


@strawberry.type(description="Louvain clusters and how far they follow community lines.")
class Clusters:
    count: int
    modularity: float
    purity: float
    nmi: float


def introduction(i: intros.Introduction) -> Introduction:
    return Introduction(community_id=strawberry.ID(i.community), from_id=strawberry.ID(i.from_),
                        to_id=strawberry.ID(i.to), gain=i.gain, status_after=i.status_after,
                        newly_reached=i.newly_reached,
                        dependencies_removed=i.dependencies_removed,
                        reasons=i.reasons)  # fmt: skip


def districts(report: full.Report) -> list[DistrictCoverage]:
    return [
        DistrictCoverage(
            area_id=strawberry.ID(d.area),
            name=d.name,
            communities=[
                DistrictCommunity(
                    community_id=strawberry.ID(c.community),
                    name=c.name,
                    organisations=len(c.organisations),
                    tied=c.tied,
                )
                for c in d.communities
            ],
        )
        for d in report.districts
    ]


def year_figures(y: years.YearFigures) -> YearFigures:
    return YearFigures(year=y.year, as_of=y.as_of, organisations=y.organisations, ties=y.ties,
                       communities=y.communities, gap_communities=y.gap_communities,
                       gap_share=y.gap_share, statuses=JSON(y.statuses), mean_ei=y.mean_ei,
                       bridges=y.bridges)  # fmt: skip


def tie_model(report: full.Report) -> TieModel:
    m = report.tie_model
    return TieModel(min_weight=m.min_weight, recent_days=m.recent_days, recorded=m.recorded,
                    counted=m.counted, ended=m.ended, not_started=m.not_started,
                    too_weak=m.too_weak, not_bridging=m.not_bridging,
                    counted_by_kind=JSON(m.counted_by_kind), meanings=JSON(m.meanings),
                    rules=m.rules)  # fmt: skip


def clusters(report: full.Report) -> Clusters:
    c = report.clusters
    return Clusters(count=len(c.clusters), modularity=c.modularity, purity=c.purity, nmi=c.nmi)
