"""Per district: which communities are present, and which have ties to the district's own units.

A community is present in a district when one of its organisations (representing it) is
located there; the district's own units are the public-side organisations located there: its
municipal units and the local state offices (NAV offices are run jointly by the district and
the state), but not a city-wide or national body. A community
counts as tied when one of its organisations in the district has a direct tie to one of them:
a city-wide tie does not tell whether the district's services reach it. The report reads
the bridging ties (`as_of.bridging_graph`): a district's grant alone does not tie a community
to its services.
"""

from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from registry.analysis.graph import PUBLIC


@dataclass(frozen=True, slots=True)
class DistrictCommunity:
    community: str
    name: str
    organisations: list[str]  # its organisations located in the district
    tied_units: list[str]  # the district's units they are tied to
    tied: bool


@dataclass(frozen=True, slots=True)
class DistrictReport:
    area: str
    name: str
    kind: str | None  # AreaKind value
    units: list[str]  # public-side organisations located there
    communities: list[DistrictCommunity]  # untied first, then the most organisations


def district_reports(G: nx.Graph) -> list[DistrictReport]:
    """One report per area with organisations located in it, by name."""
    units: dict[str, set[str]] = defaultdict(set)
    present: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for node, data in G.nodes(data=True):
        for area in data["areas"]:
            if data["side"] == PUBLIC:
                units[area].add(node)
            for community in data["represents"]:
                present[area][community].append(node)

    areas = G.graph.get("areas", {})
    names = G.graph.get("communities", {})
    reports = []
    for area in units.keys() | present.keys():
        rows = []
        for community, orgs in present[area].items():
            tied = sorted({u for o in orgs for u in G.adj[o] if u in units[area]})
            name = names.get(community, {}).get("name", community)
            rows.append(DistrictCommunity(community, name, sorted(orgs), tied, bool(tied)))
        rows.sort(key=lambda r: (r.tied, -len(r.organisations), r.name))
        entry = areas.get(area, {})
        reports.append(
            DistrictReport(
                area, entry.get("name", area), entry.get("kind"), sorted(units[area]), rows
            )
        )
    return sorted(reports, key=lambda r: (r.name, r.area))
