"""The tie model: what each kind of tie weighs, what it means, and when it counts.

This is the one place that decides it. A tie between two organisations is the sum of its
parts, each a `Part` with a kind, a weight and a period:

- a collaboration (PARTNERSHIP, NETWORK_MEMBERSHIP, OTHER) weighs its strength, 1 to 5;
  REFERRAL, CONSULTATION and FUNDING weigh their strength too and keep their direction
  (``source`` to ``target``), since who refers, consults or funds whom matters to an adviser;
- a shared activity weighs ``ACTIVITY_WEIGHT / (k - 1)`` for k participants (Newman's
  collaboration weighting): a two-party project weighs 2, a three-party one 1, a seat at a
  conference of 13 weighs 1/6, so shared attendance of a large event is not a partnership;
- a FUNDER of an activity is tied only to its LEAD and ORGANISER participants (a directed
  FUNDING part of weight `FUNDER_WEIGHT`), not to everyone who came;
- PART_OF between two organisations (a unit and its agency) weighs `PART_OF_WEIGHT`.

A tie *counts* as of a date when the weight of its parts active then (`active`) reaches
`MIN_WEIGHT`: a partnership of any strength, a project of up to three, or several smaller
shared activities together. Ties below it stay in the map but not in the analysis.

Two further rules use what a part is, not only what it weighs (`RULES` says them in words):

- direction: brokerage roles follow the flow of a directed part, from its ``source``;
- a tie *bridges* (`bridges`) when its active parts other than FUNDING reach `MIN_WEIGHT`:
  money alone does not carry people or information to the public side, so statuses, E-I,
  fragility and introductions read the graph of bridging ties.
"""

from dataclasses import dataclass
from datetime import date, timedelta

COLLABORATION_KINDS = ("PARTNERSHIP", "REFERRAL", "CONSULTATION", "NETWORK_MEMBERSHIP",
                       "FUNDING", "OTHER")  # fmt: skip
DIRECTED_KINDS = frozenset({"REFERRAL", "CONSULTATION", "FUNDING"})
NOT_BRIDGING_KINDS = frozenset({"FUNDING"})
ACTIVITY, PART_OF = "ACTIVITY", "PART_OF"
ACTIVITY_WEIGHT = 2.0
FUNDER_WEIGHT = 2.0  # a grant ties funder and lead like a partnership of strength 2
PART_OF_WEIGHT = 3.0  # a unit and its agency work like an ordinary partnership
MIN_WEIGHT = 1.0
# A tie that ended keeps counting this long: a one-day seminar last spring is a live contact.
RECENT = timedelta(days=365)

MEANINGS = {
    "PARTNERSHIP": "they work together (weight: strength 1-5)",
    "REFERRAL": "one refers people to the other (directed; weight: strength)",
    "CONSULTATION": "one consults the other (directed; weight: strength)",
    "NETWORK_MEMBERSHIP": "members of the same network (weight: strength)",
    "FUNDING": "one funds the other (directed; weight: strength, or 2 for an activity's funder)",
    "OTHER": "another collaboration (weight: strength)",
    ACTIVITY: "took part in the same activity (weight: 2 / (participants - 1))",
    PART_OF: "a unit and the organisation it belongs to (weight: 3)",
}

RULES = (
    f"A tie counts when the parts active on the date weigh at least {MIN_WEIGHT:g}: a "
    "partnership of any strength, a project of up to three, or several smaller shared "
    "activities together.",
    f"An ended tie keeps counting for {RECENT.days} days after its end; a planned one counts "
    "from its start.",
    f"A shared activity weighs {ACTIVITY_WEIGHT:g} / (participants - 1): a seat at a large "
    "event is not a partnership. A funder is tied only to the activity's leads.",
    "Referral, consultation and funding run from one organisation to the other: brokerage "
    "roles follow that direction (who passes on to whom).",
    "A tie that counts only through funding is no bridge: statuses, E-I, fragility and "
    "introductions leave it out, since money alone connects no one to the public side.",
)


@dataclass(frozen=True, slots=True)
class Part:
    kind: str
    weight: float
    start: date | None  # None: since before the records
    end: date | None  # None: still running
    source: str | None = None  # the directed kinds: from whom it flows
    ref: str | None = None  # the collaboration's edge id, or the activity's id

    def active(self, day: date) -> bool:
        """Started by `day` and not ended more than `RECENT` before it."""
        return (self.start is None or self.start <= day) and (
            self.end is None or self.end >= day - RECENT
        )


def activity_weight(participants: int) -> float:
    return ACTIVITY_WEIGHT / (participants - 1)


def weight_on(parts: list[Part], day: date) -> float:
    """The weight of the parts that count on `day`."""
    return sum(p.weight for p in parts if p.active(day))


def counts(parts: list[Part], day: date) -> bool:
    return weight_on(parts, day) >= MIN_WEIGHT


def bridging_weight(parts: list[Part]) -> float:
    """The weight of `parts` (already the active ones) that carries people or information."""
    return sum(p.weight for p in parts if p.kind not in NOT_BRIDGING_KINDS)


def bridges(parts: list[Part]) -> bool:
    """Whether a tie of the active `parts` bridges (see the module doc)."""
    return bridging_weight(parts) >= MIN_WEIGHT
