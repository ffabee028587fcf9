"""Validated properties of each kind of node and edge.

Models hold only the properties; ids, versions and timestamps belong to the store's records.
"""

from datetime import date
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from registry.domain import rules
from registry.domain.enums import (
    ActivityKind,
    AreaKind,
    CollaborationKind,
    CommunityDimension,
    GrantStatus,
    LegalBasis,
    OrganisationKind,
    ParticipantRole,
)

Name = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
    AfterValidator(rules.single_line),
]
Text = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=4000), AfterValidator(rules.text)
]
Short = Name
Language = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
OrgNumber = Annotated[str, AfterValidator(rules.normalise_org_number)]
Email = Annotated[str, AfterValidator(rules.normalise_email)]
Phone = Annotated[str, AfterValidator(rules.normalise_phone)]
Url = Annotated[str, AfterValidator(rules.normalise_url)]
PostalCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}$")]
Nace = Annotated[str, StringConstraints(pattern=r"^[0-9]{2}\.[0-9]{1,3}$")]


class Props(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Period(Props):
    start_date: date | None = None
    end_date: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError("end_date: the period ends before it starts")
        return self


class Entity(Props):
    name: Name
    archived: bool = False


class Organisation(Entity):
    kind: OrganisationKind
    org_number: OrgNumber | None = None
    email: Email | None = None
    phone: Phone | None = None
    website: Url | None = None
    street_address: Short | None = None
    postal_code: PostalCode | None = None
    city: Short | None = None
    # The industry code (næringskode) Enhetsregisteret gives, such as 94.991.
    nace_code: Nace | None = None
    description: Text | None = None
    languages: list[Language] = Field(default_factory=list, max_length=30)


class Community(Entity):
    dimension: CommunityDimension
    description: Text | None = None


class Person(Entity):
    role: Short | None = None
    email: Email | None = None
    phone: Phone | None = None
    languages: list[Language] = Field(default_factory=list, max_length=30)
    last_verified: date | None = None
    legal_basis: LegalBasis = LegalBasis.PUBLIC_TASK
    source: Short | None = None
    # Restricted (sperret): kept, but hidden from everyone but administrators.
    restricted: bool = False


class Area(Entity):
    kind: AreaKind
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{2,6}$")] | None = None


class Topic(Entity):
    description: Text | None = None
    grant_priority: bool = False


class Activity(Entity, Period):
    kind: ActivityKind
    description: Text | None = None
    oxlo: bool = False
    grant_scheme: Short | None = None
    grant_year: Annotated[int, Field(ge=2000, le=2100)] | None = None
    amount_nok: Annotated[int, Field(ge=0, le=1_000_000_000)] | None = None
    grant_status: GrantStatus | None = None

    @model_validator(mode="after")
    def _grants_only(self) -> Self:
        grant = (self.grant_scheme, self.grant_year, self.amount_nok, self.grant_status)
        if self.kind is not ActivityKind.GRANT and any(v is not None for v in grant):
            raise ValueError("kind: grant scheme, year, amount and status are for GRANT activities")
        return self


class Tie(Period):
    """Properties every edge may carry: the period the tie holds."""


class Participation(Tie):
    role: ParticipantRole = ParticipantRole.PARTICIPANT


class Collaboration(Tie):
    kind: CollaborationKind = CollaborationKind.PARTNERSHIP
    strength: Annotated[int, Field(ge=1, le=5)] = 3
    source: Short | None = None
    note: Text | None = None


def dump(model: BaseModel) -> dict[str, Any]:
    """JSON-ready properties without unset optionals, the form both stores keep."""
    return {k: v for k, v in model.model_dump(mode="json").items() if v is not None}
