"""`registry analyze`: the bridging analysis as readable tables, or JSON for machines."""

import json
from datetime import datetime
from functools import partial
from typing import Annotated, Any

import networkx as nx
import typer

from registry.analysis.graph import AnalysisFilter
from registry.analysis.report import Report, jsonable
from registry.cli.common import with_store
from registry.domain.enums import OrganisationKind
from registry.services.analyses import AnalysisService
from registry.services.filters import year_range
from registry.settings import get_settings
from registry.store.base import Store

Ids = Annotated[list[str] | None, typer.Option(help="Ids; repeat the option for more.")]


def _table(title: str, headers: list[str], rows: list[list[Any]]) -> str:
    cells = [[("–" if v is None else f"{v:.2f}" if isinstance(v, float) else str(v)) for v in r]
             for r in rows]  # fmt: skip
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    line = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [f"\n{title}", line.format(*headers), line.format(*("-" * w for w in widths))]
    out += [line.format(*r) for r in cells]
    return "\n".join(out)


def _name(G: nx.Graph, node: str) -> str:
    return G.nodes[node]["name"] if node in G else node


def render(report: Report, G: nx.Graph) -> str:
    """The report as text, each heading in bokmål / English."""
    s, m = report.summary, report.tie_model
    name = partial(_name, G)
    parts = [
        f"Nettverksanalyse per / Network analysis as of {report.parameters.as_of}  "
        f"({report.timestamp}, {report.computed_in_ms:.0f} ms)",
        f"Organisasjoner / organisations: {s.organisations}   bånd som teller / ties counted: "
        f"{s.ties} of {m.recorded} (avsluttet / ended {m.ended}, for svake / too weak "
        f"{m.too_weak}; ikke bro / no bridge, only funding {m.not_bridging})   isolerte / "
        f"isolates: {len(s.isolates)}",
        "Regler / Rules: " + " ".join(m.rules),
        "Status: "
        + ", ".join(f"{k} {v}" for k, v in s.statuses.items())
        + f"   gap: {s.gap_communities} / {s.communities}",
    ]
    parts.append(_table(
        "Status per miljø / Status per community (verst først / worst first)",
        ["Miljø / Community", "Status", "E-I", "E-I tilfeldig / by chance", "p",
         "Broer / Bridging ties", "Grunn / Reason"],
        [[c.name, c.status.value, c.ei_index, c.ei_expected, c.ei_p, c.bridging_ties, c.reason]
         for c in report.communities],
    ))  # fmt: skip
    parts.append(_table(
        "Meglere / Brokers",
        ["Organisasjon / Organisation", "Side", "Betweenness", "Eff. size", "Constraint",
         "Liaison per gruppe / by group"],
        [[b.name, b.side, b.betweenness, b.effective_size, b.constraint,
          "; ".join(f"{g.name} {g.roles['liaison']}" for g in b.roles_by_group)]
         for b in report.brokers.top[:10]],
    ))  # fmt: skip
    parts.append(_table(
        "Sårbare broer / Fragile bridges",
        ["Miljø / Community", "Enkeltpunkter / Single points",
         "Bånd som skjærer av / Ties that cut off (antall / organisations)"],
        [[f.name, ", ".join(map(name, f.single_points)),
          "; ".join(f"{name(t.tie[0])} – {name(t.tie[1])} ({len(t.cuts_off)})" for t in f.ties)]
         for f in report.fragility],
    ))  # fmt: skip
    parts.append(_table(
        "Anbefalte introduksjoner / Recommended introductions",
        ["Miljø / Community", "Fra / From", "Møt / Meet", "Gevinst / Gain", "Hvorfor / Why"],
        [[i.community and name_of(report, i.community), name(i.from_), name(i.to), i.gain,
          "; ".join(i.reasons)] for i in report.introductions],
    ))  # fmt: skip
    notes = [f"{c.name}: {c.introductions_note}" for c in report.communities
             if c.introductions_note]  # fmt: skip
    if notes:
        parts.append("\nUten forslag / Without introductions\n" + "\n".join(notes))
    parts.append(_table(
        "Utvikling per år / Trend by year",
        ["År / Year", "Per / As of", "Org.", "Bånd / Ties", "Gap", "Andel gap / Gap share",
         "Snitt E-I / Mean E-I"],
        [[y.year, y.as_of, y.organisations, y.ties, y.gap_communities, y.gap_share, y.mean_ei]
         for y in report.trend],
    ))  # fmt: skip
    return "\n".join(parts) + "\n"


def name_of(report: Report, community: str) -> str:
    return next((c.name for c in report.communities if c.community == community), community)


def analyze(
    community: Ids = None,
    area: Ids = None,
    topic: Ids = None,
    kind: Annotated[list[OrganisationKind] | None, typer.Option(help="Organisation kinds.")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First year of ties.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year of ties.")] = None,
    as_of: Annotated[
        datetime | None,
        typer.Option(
            "--as-of",
            formats=["%Y-%m-%d"],
            help="Analyse as of this date (default today): only ties active then count.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The whole report as JSON.")] = False,
) -> None:
    """Where bridges between minority communities and the public side are missing."""
    flt = AnalysisFilter(
        communities=frozenset(community or ()), areas=frozenset(area or ()),
        topics=frozenset(topic or ()), kinds=frozenset(kind or ()),
        year_from=year_from, year_to=year_to, as_of=as_of.date() if as_of else None,
    )  # fmt: skip

    async def work(store: Store) -> tuple[Report, nx.Graph]:
        year_range(year_from, year_to)  # a range of billions of years would never end
        done = await AnalysisService(store).analyse(flt)
        return done.report, done.graph

    report, graph = with_store(get_settings(), work)
    typer.echo(
        json.dumps(jsonable(report), ensure_ascii=False, indent=1)
        if as_json
        else render(report, graph)
    )
