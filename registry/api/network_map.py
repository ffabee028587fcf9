"""The network map in GraphQL: one JSON field, built by `registry.analysis.network_map`."""

import strawberry
from strawberry.scalars import JSON

from registry.api.analysis import AnalysisFilterInput
from registry.api.context import Info


async def network_map(info: Info, filter: AnalysisFilterInput | None = None) -> JSON:
    flt = filter.to_filter() if filter else None
    return JSON(await info.context.analysis.network_map(flt))


network_map_field = strawberry.field(
    resolver=network_map,
    description="The network map in one JSON value: `organisations` (id, name, kind, side, "
    "group, cluster, x, y, degree, betweenness, flags: gap/broker/hinge), `ties` (s and t are "
    "indexes into organisations; kinds, weight, counted: counts as of the date, fragile: its "
    "loss cuts organisations off), and the catalogues `communities` (with status, reason, "
    "eiIndex and eiExpected), `areas`, `topics`, plus `years` and `asOf`. Same filter as "
    "`analysis`.",
)
