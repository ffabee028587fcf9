"""The organisations: real public bodies and invented ones, with invented contact details."""

import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import PUBLIC_KINDS, CommunityDimension, OrganisationKind
from registry.domain.labels import KIND_NAMES
from registry.domain.rules import mod11_check_digit

from .areas import DISTRICTS, PLACE_NAMES, POSTAL
from .communities import COMMUNITIES, DIMENSIONS, TOPIC_NAMES
from .invented import INVENTED, SERVES
from .names import slug

# One row per line, however long: easier to read and to diff.
# ruff: noqa: E501

# fmt: off
# Real public bodies, so no contact details. key, name, kind, areas, part of, topics,
# communities served, description
PUBLIC = (
    ("oslo-kommune", "Oslo kommune", OrganisationKind.MUNICIPAL_UNIT, "oslo", None, "likeverdige-tjenester", "", "Kommunen som helhet."),
    ("velferdsetaten", "Velferdsetaten", OrganisationKind.MUNICIPAL_UNIT, "oslo", "oslo-kommune", "likeverdige-tjenester bolig", "", "Etat med byomfattende ansvar for velferd og inkludering; forvalter tilskudd til inkluderingstiltak."),
    ("emi", "Enhet for mangfold og integrering (EMI)", OrganisationKind.MUNICIPAL_UNIT, "oslo", "velferdsetaten", "likeverdige-tjenester dialog tilhorighet diskrimineringsvern", "", "Velferdsetatens seksjon for mangfold og integrering: kurser og veileder kommunens virksomheter om likeverdige tjenester, holder kontakt med minoritetsmiljøene, bygger nettverk mellom dem og resten av byen og er pådriver for OXLO."),
    ("utdanningsetaten", "Utdanningsetaten", OrganisationKind.MUNICIPAL_UNIT, "oslo", "oslo-kommune", "utdanning sprak", "", "Etaten som driver Oslos skoler og voksenopplæring."),
    ("helseetaten", "Helseetaten", OrganisationKind.MUNICIPAL_UNIT, "oslo", "oslo-kommune", "helse likeverdige-tjenester", "", "Etat for folkehelse og helsetjenester på tvers av bydelene."),
    ("kulturetaten", "Kulturetaten", OrganisationKind.MUNICIPAL_UNIT, "oslo", "oslo-kommune", "kultur", "", "Etat for kunst, kultur og tilskudd til kulturlivet."),
    ("nav-alna", "NAV Alna", OrganisationKind.PUBLIC_BODY, "alna", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-stovner", "NAV Stovner", OrganisationKind.PUBLIC_BODY, "stovner", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-grunerlokka", "NAV Grünerløkka", OrganisationKind.PUBLIC_BODY, "grunerlokka", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-gamle-oslo", "NAV Gamle Oslo", OrganisationKind.PUBLIC_BODY, "gamle-oslo", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("nav-sondre-nordstrand", "NAV Søndre Nordstrand", OrganisationKind.PUBLIC_BODY, "sondre-nordstrand", None, "arbeid-unge likeverdige-tjenester", "", None),
    ("imdi", "Integrerings- og mangfoldsdirektoratet (IMDi)", OrganisationKind.PUBLIC_BODY, "oslo", None, "likeverdige-tjenester arbeid-unge", "", "Statlig direktorat for integrering og mangfold."),
    ("innlandet-fylkeskommune", "Innlandet fylkeskommune", OrganisationKind.PUBLIC_BODY, "innlandet", None, "kultur sprak", "south-sami kvens roma romani-tater", "Fylkeskommune med eget arbeid for sørsamisk kultur, nasjonale minoriteter og nye innvandrere."),
    ("sametinget", "Sametinget", OrganisationKind.PUBLIC_BODY, "", None, "sprak kultur", "sami south-sami", "Samenes folkevalgte organ."),
    ("likestillings-og-diskrimineringsombudet", "Likestillings- og diskrimineringsombudet", OrganisationKind.PUBLIC_BODY, "oslo", None, "diskrimineringsvern", "", "Statlig ombud for likestilling og mot diskriminering."),
    ("statsforvalteren-i-oslo-og-akershus", "Statsforvalteren i Oslo og Akershus", OrganisationKind.PUBLIC_BODY, "oslo", None, "likeverdige-tjenester", "", "Statens representant i regionen."),
    ("oslo-politidistrikt", "Oslo politidistrikt", OrganisationKind.PUBLIC_BODY, "oslo", None, "diskrimineringsvern dialog", "", "Politiet i Oslo, blant annet med forebyggende arbeid mot hatkriminalitet."),
    ("lillestrom-kommune", "Lillestrøm kommune", OrganisationKind.MUNICIPAL_UNIT, "lillestrom", None, "likeverdige-tjenester", "", "Nabokommune som deler erfaringer om inkluderingsarbeid."),
    ("baerum-kommune", "Bærum kommune", OrganisationKind.MUNICIPAL_UNIT, "baerum", None, "likeverdige-tjenester", "", "Nabokommune som deler erfaringer om inkluderingsarbeid."),
    ("drammen-kommune", "Drammen kommune", OrganisationKind.MUNICIPAL_UNIT, "drammen", None, "likeverdige-tjenester", "", "Kommune med et eget nettverk for innvandrerorganisasjoner."),
)
# fmt: on
# The districts with a NAV office of their own.
NAV = {"alna", "stovner", "grunerlokka", "gamle-oslo", "sondre-nordstrand"}
STREETS = ("Eksempelveien", "Demogata", "Prøvestien", "Fiktivgata")  # invented, see README.md


@dataclass
class Org:
    key: str
    name: str
    kind: OrganisationKind
    areas: list[str]
    represents: list[str]
    topics: list[str]
    languages: list[str]
    serves: list[str] = field(default_factory=list)
    part_of: str | None = None
    description: str | None = None
    invented: bool = True

    @property
    def public(self) -> bool:
        return self.kind in PUBLIC_KINDS

    @property
    def district(self) -> str | None:
        return next((a for a in self.areas if a in POSTAL), None)


def build_organisations() -> dict[str, Org]:
    """Every organisation by key, in the order the YAML lists them."""
    units = [
        (f"bydel-{key}", f"Bydel {name}", OrganisationKind.MUNICIPAL_UNIT, key, "oslo-kommune",
         "likeverdige-tjenester", "", f"Bydelsadministrasjonen i {name}.")
        for key, name, _, _ in DISTRICTS
    ]  # fmt: skip
    orgs: list[Org] = []
    # The district administrations come after the agencies.
    for key, name, kind, areas, part_of, topics, serves, desc in (*PUBLIC[:6], *units, *PUBLIC[6:]):
        org = Org(key, name, kind, areas.split(), [], topics.split(), ["nb", "en"], invented=False)
        org.serves, org.part_of, org.description = serves.split(), part_of, desc
        orgs.append(org)
    for name, kind, areas, represents, topics, languages in INVENTED:
        org = Org(
            slug(name),
            name,
            kind,
            areas.split(),
            represents.split(),
            topics.split(),
            languages.split(),
        )
        org.serves = SERVES.get(org.key, "").split()
        if kind is OrganisationKind.EDUCATION and not org.represents:
            org.part_of = "utdanningsetaten"  # a municipal school
        orgs.append(org)
    by_key = {org.key: org for org in orgs}
    assert len(by_key) == len(orgs), "two organisations share a key"
    return by_key


def members(orgs: Mapping[str, Org], community: str) -> list[str]:
    """The organisations that represent the community, in table order."""
    return [o.key for o in orgs.values() if community in o.represents]


def pools(orgs: Mapping[str, Org], planted: set[str]) -> dict[str, list[str]]:
    """The groups that generated ties and activities draw organisations from, by name. The
    planted organisations are in none of them, so no random draw can tie them to anyone."""
    free = [o for o in orgs.values() if o.key not in planted]
    community = [o for o in free if o.represents]
    wider = [o for o in free if not o.represents and not o.public]

    def keys(chosen: list[Org]) -> list[str]:
        return [o.key for o in chosen]

    def having(*topics: str) -> list[str]:
        return keys([o for o in community if set(topics) & set(o.topics)])

    def of_dimension(dimension: CommunityDimension) -> list[str]:
        return keys([o for o in community if any(DIMENSIONS[c] is dimension for c in o.represents)])

    groups = {
        "districts": [f"bydel-{d}" for d, _, _, _ in DISTRICTS],
        "agencies": ["utdanningsetaten", "helseetaten", "kulturetaten"],
        "nav": [f"nav-{d}" for d, _, _, _ in DISTRICTS if d in NAV],
        "schools": keys([o for o in wider if o.kind is OrganisationKind.EDUCATION]),
        "business": keys([o for o in wider if o.kind is OrganisationKind.BUSINESS]),
        "wider": keys([o for o in wider if o.kind is OrganisationKind.VOLUNTARY_ORGANISATION]),
        "other": keys([o for o in wider if o.kind is OrganisationKind.OTHER]),
        "community": keys(community),
        "origin": of_dimension(CommunityDimension.ORIGIN),
        "faith": keys([o for o in community if o.kind is OrganisationKind.FAITH_COMMUNITY]),
        "natmin": of_dimension(CommunityDimension.NATIONAL_MINORITY),
        "sami": of_dimension(CommunityDimension.INDIGENOUS),
        "lgbtiq": of_dimension(CommunityDimension.SEXUAL_ORIENTATION_GENDER_IDENTITY),
        "disability": of_dimension(CommunityDimension.DISABILITY),
        "women": having("kvinner"),
        "youth": having("ungdom", "unge-ledere", "arbeid-unge"),
        "elderly": having("eldre"),
        "sport": keys([o for o in free if "idrett" in o.topics and not o.public]),
    }
    society = ("schools", "business", "wider", "other")
    groups["wider-society"] = [k for name in society for k in groups[name]]
    for c_key, *_ in COMMUNITIES:
        groups[f"comm-{c_key}"] = [k for k in members(orgs, c_key) if k not in planted]
    for d_key, *_ in DISTRICTS:
        groups[f"area-{d_key}"] = keys([o for o in free if d_key in o.areas and not o.public])
    return groups


def organisation_entries(orgs: Mapping[str, Org], rng: random.Random) -> list[dict[str, Any]]:
    """organisations.yaml. `rng` is a stream of its own, so contact details never shift ties."""
    numbers: set[str] = set()
    phones = iter(range(1, 1000))
    entries = []
    for org in orgs.values():
        entry: dict[str, Any] = {"key": org.key, "name": org.name, "kind": org.kind}
        if org.invented:
            if rng.random() < 0.7:
                entry["org_number"] = _org_number(rng, numbers)
            assert len(org.key) <= 63, org.key  # it becomes a host name label
            entry["email"] = f"post@{org.key}.example"
            if rng.random() < 0.5:
                entry["phone"] = f"+47 200 00 {next(phones):03d}"
            entry["website"] = f"https://{org.key}.example"
            if org.district:
                entry["street_address"] = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
                entry["postal_code"] = POSTAL[org.district]
                entry["city"] = "Oslo"
        entry["description"] = org.description or _describe(org)
        entry["languages"] = org.languages
        links = (
            ("represents", org.represents),
            ("serves", org.serves),
            ("areas", org.areas),
            ("topics", org.topics),
        )
        entry |= {name: keys for name, keys in links if keys}
        if org.part_of:
            entry["part_of"] = org.part_of
        entries.append(entry)
    return entries


def _org_number(rng: random.Random, taken: set[str]) -> str:
    """A number that passes the MOD11 check but starts with 1-7: Brønnøysundregistrene's
    numbers start with 8 or 9, so it can never be a real organisation's."""
    while True:
        first = str(rng.randint(1, 7)) + "".join(rng.choices("0123456789", k=7))
        digit = mod11_check_digit(first)
        if digit is not None and first + str(digit) not in taken:
            taken.add(first + str(digit))
            return first + str(digit)


def _describe(org: Org) -> str:
    # The kind in the words the registry's own pages use (registry.domain.labels).
    text = f"Organisasjon av typen «{KIND_NAMES[org.kind][0]}» i "
    text += " og ".join(PLACE_NAMES[a] for a in org.areas)
    if not org.public:  # a real body: no claim about what it works on
        text += ". Arbeider med " + ", ".join(TOPIC_NAMES[t].lower() for t in org.topics)
    return text + "."
