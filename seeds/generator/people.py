"""The contact people: one or two per organisation, some due for the retention review."""

import random
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from registry.domain.enums import ActivityKind, LegalBasis, OrganisationKind, ParticipantRole

from .names import FIRST_NAMES, invent_name, slug
from .organisations import Org, members

# One row per line, however long: easier to read and to diff.
# ruff: noqa: E501

# fmt: off
ROLES = {
    OrganisationKind.IMMIGRANT_ORGANISATION: ("styreleder", "leder", "nestleder", "sekretær"),
    OrganisationKind.FAITH_COMMUNITY: ("styreleder", "daglig leder", "menighetsrådsleder"),
    OrganisationKind.VOLUNTARY_ORGANISATION: ("leder", "frivillighetskoordinator", "styremedlem"),
    OrganisationKind.RESOURCE_COMMUNITY: ("koordinator", "kontaktperson", "nettverksleder"),
    OrganisationKind.MUNICIPAL_UNIT: ("mangfoldsrådgiver", "spesialrådgiver", "seniorrådgiver", "enhetsleder"),
    OrganisationKind.PUBLIC_BODY: ("seniorrådgiver", "rådgiver", "veileder"),
    OrganisationKind.EDUCATION: ("rektor", "inspektør", "miljøarbeider"),
    OrganisationKind.BUSINESS: ("daglig leder", "HR-ansvarlig"),
    OrganisationKind.OTHER: ("daglig leder", "prosjektleder", "redaktør"),
}
# fmt: on
EMI_STAFF = ("seksjonssjef", "seniorrådgiver", "seniorrådgiver", "rådgiver", "rådgiver")


def people_entries(
    orgs: Mapping[str, Org],
    planted: set[str],
    activities: list[dict[str, Any]],
    rng: random.Random,
) -> list[dict[str, Any]]:
    """people.yaml. `rng` is a stream of its own, so people never shift ties or activities."""
    leads = {
        p["org"]
        for a in activities
        if a["kind"] is ActivityKind.GRANT
        for p in a["participants"]
        if p["role"] is ParticipantRole.LEAD
    }
    names: set[str] = set()
    people = []
    for org in orgs.values():
        for role in EMI_STAFF if org.key == "emi" else [rng.choice(ROLES[org.kind])]:
            community = org.represents[0] if org.represents else ""
            if org.public and rng.random() < 0.4:
                community = rng.choice(sorted(FIRST_NAMES))
            name = invent_name(rng, community, names)
            key = slug(name)
            contact_for = [org.key]
            # Some contacts speak for two organisations of the same community.
            if org.represents and org.key not in planted and rng.random() < 0.12:
                same = members(orgs, org.represents[0])
                same = [k for k in same if k != org.key and k not in planted]
                if same:
                    contact_for.append(rng.choice(same))
            old = rng.random() < 0.25  # due for the retention review: unverified for 2+ years
            verified = (
                date(2021, 1, 4) + timedelta(days=rng.randint(0, 1270))
                if old
                else date(2025, 1, 6) + timedelta(days=rng.randint(0, 660))
            )
            basis = _legal_basis(org, org.key in leads, rng)
            languages = ["nb", *[x for x in org.languages if x != "nb"][: rng.randint(0, 2)]]
            if rng.random() < 0.4 and "en" not in languages:
                languages.append("en")
            source = rng.choice(
                (
                    f"EMI-møte {verified.year}",
                    f"søknad om tilskudd {verified.year}",
                    f"årsrapport {verified.year - 1}",
                    "organisasjonens nettside",
                    f"OXLO-konferansen {min(verified.year, 2024)}",
                    f"telefonsamtale {verified.year}",
                )
            )
            person: dict[str, Any] = {"key": key, "name": name, "role": role}
            person["email"] = f"{key.replace('-', '.')}@example.org"
            person["phone"] = f"+47 400 00 {len(people) + 1:03d}"
            person |= {"languages": languages, "last_verified": verified, "legal_basis": basis}
            person["source"] = source
            if old and rng.random() < 0.2:
                person["archived"] = True
            person["contact_for"] = contact_for
            people.append(person)
    return people


def _legal_basis(org: Org, leads_a_grant: bool, rng: random.Random) -> LegalBasis:
    if org.public:
        return LegalBasis.PUBLIC_TASK
    if leads_a_grant and rng.random() < 0.6:
        return LegalBasis.CONTRACT  # the grant agreement
    if org.kind is OrganisationKind.BUSINESS:
        return LegalBasis.LEGITIMATE_INTEREST
    weights = (6, 3, 1)
    choices = (LegalBasis.CONSENT, LegalBasis.LEGITIMATE_INTEREST, LegalBasis.PUBLIC_TASK)
    return rng.choices(choices, weights)[0]
