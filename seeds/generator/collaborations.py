"""The COLLABORATES_WITH ties: a public backbone, anchored communities, then bridges and trends."""

import itertools
import random
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import networkx as nx

from registry.domain.enums import CollaborationKind as Kind

from .areas import DISTRICTS
from .communities import COMMUNITIES
from .organisations import NAV, Org, members
from .structure import (
    EMI_PUBLIC_PARTNERS,
    GAP_COMMUNITIES,
    HINGE_COMMUNITY,
    HINGE_NOTE,
    HINGE_ORG,
    HINGE_PARTNER,
    PLANTED_TIES,
    PUBLIC_TIES,
    SECOND_PUBLIC,
)

LATEST = date(2026, 10, 31)  # the demo's "today": no tie starts or ends later
# Weights of the start years 2015-2026. Bridging ties grow more common year by year: the trend
# the analysis should see.
YEAR_WEIGHTS = {
    "public": (8, 6, 5, 4, 4, 3, 3, 3, 3, 2, 2, 1),
    "bonding": (10, 10, 9, 8, 7, 6, 5, 4, 3, 3, 2, 1),
    "bridging": (1, 1, 2, 3, 4, 5, 7, 8, 9, 10, 10, 4),
}
NOTES = {
    "public": ("Faste kontaktmøter to ganger i året.", "Henviser brukere til hverandre."),
    "bonding": ("Felles arrangementer og dugnader.", "Deler lokaler.", "Felles styremedlemmer."),
    "bridging": (
        "Samarbeid om leksehjelp.",
        "Henviser familier til hverandre.",
        "Felles søknad om tilskudd.",
        "Bydelen låner ut lokaler.",
        "Deltar i bydelens frivillighetsforum.",
    ),
}


class Collaborations:
    """The ties made so far, one per pair of organisations, all drawn from one generator."""

    def __init__(self, orgs: Mapping[str, Org], rng: random.Random) -> None:
        self.orgs, self.rng = orgs, rng
        self.ties: dict[frozenset[str], dict[str, Any]] = {}

    def tie(self, a: str, b: str, *, lasting: bool = False, latest: int = 2026) -> bool:
        """Add a collaboration unless the pair is already tied; `lasting` ties never end."""
        pair = frozenset((a, b))
        if a == b or pair in self.ties:
            return False
        oa, ob, rng = self.orgs[a], self.orgs[b], self.rng
        if oa.public and ob.public:
            category = "public"
            kind = rng.choice((Kind.CONSULTATION, Kind.REFERRAL, Kind.CONSULTATION, Kind.OTHER))
            strength = rng.randint(2, 4)
        elif set(oa.represents) & set(ob.represents):
            category = "bonding"
            kind = rng.choice((Kind.PARTNERSHIP, Kind.NETWORK_MEMBERSHIP, Kind.PARTNERSHIP))
            strength = rng.randint(3, 5)
        else:
            category = "bridging"
            kind = rng.choice(
                (Kind.CONSULTATION, Kind.FUNDING, Kind.PARTNERSHIP, Kind.REFERRAL)
                if oa.public or ob.public
                else (Kind.PARTNERSHIP, Kind.REFERRAL, Kind.NETWORK_MEMBERSHIP, Kind.OTHER)
            )
            strength = rng.randint(1, 4)
        first = 2022 if "ukrainians" in oa.represents + ob.represents else 2015
        weights = YEAR_WEIGHTS[category][first - 2015 : latest - 2015 + 1]
        year = rng.choices(range(first, latest + 1), weights=weights)[0]
        start = date(year, rng.randint(1, 10 if year == 2026 else 12), rng.randint(1, 28))
        props: dict[str, Any] = {"a": a, "b": b, "kind": kind, "strength": strength}
        props["start_date"] = start
        if not lasting and rng.random() < 0.2:
            end = start + timedelta(days=rng.randint(300, 1500))
            if end <= LATEST:
                props["end_date"] = end
        source_year = min(year + rng.randint(0, 2), 2026)
        props["source"] = rng.choice(
            (
                f"EMI-møte {source_year}",
                f"søknad {year}",
                f"årsrapport {source_year}",
                f"bydelens kartlegging {source_year}",
                f"nettverksmøte {source_year}",
            )
        )
        if rng.random() < 0.12:
            props["note"] = rng.choice(NOTES[category])
        self.ties[pair] = props
        return True

    def degree(self, key: str) -> int:
        return sum(key in pair for pair in self.ties)

    def entries(self) -> list[dict[str, Any]]:
        """collaborations.yaml, oldest first."""
        return sorted(self.ties.values(), key=lambda t: (t["start_date"], t["a"], t["b"]))


def build_collaborations(
    orgs: Mapping[str, Org], planted: set[str], groups: dict[str, list[str]], rng: random.Random
) -> list[dict[str, Any]]:
    """collaborations.yaml. The steps run in a fixed order: each draws from the same `rng`."""
    ties = Collaborations(orgs, rng)
    _backbone(ties)
    _anchored_communities(ties, planted)
    _bridges(ties, groups)
    _no_pendants(ties, planted, groups)
    _biconnect(ties)
    _plant(ties)
    return ties.entries()


def _backbone(ties: Collaborations) -> None:
    """EMI advises every district and works with the agencies."""
    for d, *_ in DISTRICTS:
        ties.tie("emi", f"bydel-{d}", lasting=True)
        if d in NAV:
            ties.tie(f"bydel-{d}", f"nav-{d}", lasting=True)
            ties.tie("velferdsetaten", f"nav-{d}")
    for other in EMI_PUBLIC_PARTNERS:
        ties.tie("emi", other, lasting=True)
    for a, b in PUBLIC_TIES:
        ties.tie(a, b)


def _anchored_communities(ties: Collaborations, planted: set[str]) -> None:
    """In every community outside the planted structure, the first two organisations (in table
    order) have lasting ties to their district and to EMI or a public body fitting the
    community, so no single organisation can cut the community off."""
    orgs, rng = ties.orgs, ties.rng
    for c_key, _, dimension, _ in COMMUNITIES:
        if c_key in (*GAP_COMMUNITIES, HINGE_COMMUNITY):
            continue
        keys = [k for k in members(orgs, c_key) if k not in planted]
        first, second = keys[0], keys[1]
        ties.tie(first, f"bydel-{orgs[first].district}", lasting=True, latest=2024)
        ties.tie(first, "emi", lasting=True, latest=2024)
        ties.tie(second, f"bydel-{orgs[second].district}", lasting=True, latest=2024)
        ties.tie(second, SECOND_PUBLIC[dimension], lasting=True, latest=2024)
        # Bonding: every other member works with an anchor, some with each other.
        for key in keys[2:]:
            ties.tie(key, rng.choice((first, second)))
        for a, b in itertools.combinations(keys, 2):
            if rng.random() < 0.7:
                ties.tie(a, b)


def _bridges(ties: Collaborations, groups: dict[str, list[str]]) -> None:
    orgs, rng = ties.orgs, ties.rng
    community, wider = groups["community"], groups["wider-society"]
    # EMI is the broker: it knows many more community organisations than the anchors.
    for key in rng.sample(community, 18):
        ties.tie("emi", key)
    # Wider society works with its district, some also with NAV or an agency.
    for key in wider:
        district = orgs[key].district
        ties.tie(key, f"bydel-{district}")
        if rng.random() < 0.35:
            ties.tie(key, f"nav-{district}" if district in NAV else rng.choice(groups["agencies"]))
    # Community organisations find partners in the wider society, mostly nearby.
    for key in community:
        nearby = [k for k in wider if orgs[k].district == orgs[key].district] or wider
        for partner in rng.sample(nearby, min(len(nearby), rng.choice((1, 1, 2)))):
            ties.tie(key, partner)
    # Across community lines: shared topic or district.
    added = 0
    while added < 30:
        a, b = rng.sample(community, 2)
        oa, ob = orgs[a], orgs[b]
        close = set(oa.topics) & set(ob.topics) or oa.district == ob.district
        if close and not set(oa.represents) & set(ob.represents):
            added += ties.tie(a, b)
    added = 0
    while added < 15:
        a, b = rng.sample(wider, 2)
        if orgs[a].district == orgs[b].district:
            added += ties.tie(a, b)


def _no_pendants(ties: Collaborations, planted: set[str], groups: dict[str, list[str]]) -> None:
    """A pendant would make its one partner an articulation point the analysis should not have
    to explain, so everyone outside the planted structure gets a second partner."""
    for key, org in ties.orgs.items():
        while key not in planted and ties.degree(key) < 2:
            nearby = [*groups.get(f"area-{org.district}", []), f"bydel-{org.district}"]
            fresh = [k for k in nearby if k in ties.orgs and frozenset((key, k)) not in ties.ties]
            ties.tie(key, ties.rng.choice(fresh or groups["wider-society"]))


def _biconnect(ties: Collaborations) -> None:
    """Tie across every cut point, so that outside the planted structure no single organisation
    holds the network together (EMI included), even once ended ties are left out."""
    g = nx.Graph(tuple(pair) for pair, props in ties.ties.items() if "end_date" not in props)
    while cuts := set(nx.articulation_points(g)):
        rest = g.subgraph(set(g) - {min(cuts)})
        parts = sorted(nx.connected_components(rest), key=lambda c: (len(c), min(c)))
        a, b = ties.rng.choice(sorted(parts[0])), ties.rng.choice(sorted(parts[-1]))
        ties.tie(a, b, lasting=True)
        g.add_edge(a, b)


def _plant(ties: Collaborations) -> None:
    for a, b in PLANTED_TIES:
        ties.tie(a, b, lasting=True)
    # The single bridge: the hinge organisation's one tie to the public side.
    ties.tie(HINGE_ORG, HINGE_PARTNER, lasting=True, latest=2024)
    ties.ties[frozenset((HINGE_ORG, HINGE_PARTNER))]["note"] = HINGE_NOTE
