"""`registry analyze`: the bridging analysis as readable tables, or JSON for machines."""

import json
from typing import Annotated, Any

import typer

from registry.analysis.graph import AnalysisFilter
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


def render(report: dict[str, Any], names: dict[str, str]) -> str:
    """The report as text, each heading in bokmål / English."""
    s = report["summary"]
    parts = [
        f"Nettverksanalyse / Network analysis  ({report['timestamp']}, "
        f"{report['computed_in_ms']:.0f} ms)",
        f"Organisasjoner / organisations: {s['organisations']}   bånd / ties: {s['ties']}   "
        f"offentlige / public: {s['public']}   minoritet / minority: {s['minority']}   "
        f"storsamfunn / wider society: {s['wider']}   isolerte / isolates: {len(s['isolates'])}",
    ]
    parts.append(_table(
        "Brobyggingsgap per miljø / Bridging gaps per community (verst først / worst first)",
        ["Miljø / Community", "E-I", "Inne / In", "Ute / Out", "Offentlig / Public", "Gap",
         "Grunn / Reason"],
        [[c["name"], c["ei_index"], c["internal_ties"], c["external_ties"], c["public_ties"],
          "JA / YES" if c["gap"] else "", c["reason"] or ""] for c in report["communities"]],
    ))  # fmt: skip
    parts.append(_table(
        "Meglere / Brokers",
        ["Organisasjon / Organisation", "Side", "Betweenness", "Eff. size", "Constraint",
         "Liaison"],
        [[b["name"], b["side"], b["betweenness"], b["effective_size"], b["constraint"],
          b["roles"]["liaison"]] for b in report["brokers"]["top"][:10]],
    ))  # fmt: skip
    parts.append(_table(
        "Sårbare broer / Fragile bridges",
        ["Miljø / Community", "Enkeltpunkter / Single points", "Enkeltbånd / Single ties"],
        [[f["name"], ", ".join(names.get(o, o) for o in f["single_points"]),
          "; ".join(" – ".join(names.get(o, o) for o in t) for t in f["single_ties"])]
         for f in report["fragility"] if f["single_points"] or f["single_ties"]],
    ))  # fmt: skip
    parts.append(_table(
        "Anbefalte introduksjoner / Recommended introductions",
        ["Organisasjon / Organisation", "Møt / Meet", "Poeng / Score", "Hvorfor / Why"],
        [[names.get(i["organisation"]), names.get(i["partner"]), i["score"],
          "; ".join(i["reasons"])] for rows in report["introductions"].values() for i in rows[:3]],
    ))  # fmt: skip
    parts.append(_table(
        "Utvikling per år / Trend by year",
        ["År / Year", "Org.", "Bånd / Ties", "Gap", "Andel gap / Gap share",
         "Snitt E-I / Mean E-I"],
        [[y["year"], y["organisations"], y["ties"], y["gap_communities"], y["gap_share"],
          y["mean_ei"]] for y in report["trend"]],
    ))  # fmt: skip
    return "\n".join(parts) + "\n"


def analyze(
    community: Ids = None,
    area: Ids = None,
    topic: Ids = None,
    kind: Annotated[list[OrganisationKind] | None, typer.Option(help="Organisation kinds.")] = None,
    year_from: Annotated[int | None, typer.Option("--from", help="First year of ties.")] = None,
    year_to: Annotated[int | None, typer.Option("--to", help="Last year of ties.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="The whole report as JSON.")] = False,
) -> None:
    """Where bridges between minority communities and the public side are missing."""
    flt = AnalysisFilter(
        communities=frozenset(community or ()), areas=frozenset(area or ()),
        topics=frozenset(topic or ()), kinds=frozenset(kind or ()),
        year_from=year_from, year_to=year_to,
    )  # fmt: skip

    async def work(store: Store) -> tuple[dict[str, Any], dict[str, str]]:
        year_range(year_from, year_to)  # a range of billions of years would never end
        done = await AnalysisService(store).analyse(flt)
        return done.report, {n: d["name"] for n, d in done.graph.nodes(data=True)}

    report, names = with_store(get_settings(), work)
    typer.echo(
        json.dumps(report, ensure_ascii=False, indent=1) if as_json else render(report, names)
    )
