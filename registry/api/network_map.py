"""The network map in GraphQL: one JSON field, built by `registry.services.network_maps`.

The map comes from its cache already encoded; re-encoding megabytes of JSON for every request
would cost more than the rest of it. So the field's value is the cached bytes in a wrapper,
and `encode_json` writes the response with those bytes spliced in where the wrapper stands.
"""

import json
import secrets
from dataclasses import dataclass

import strawberry
from strawberry.scalars import JSON

from registry.api.analysis import AnalysisFilterInput
from registry.api.context import Info


@dataclass(frozen=True, slots=True)
class EncodedJSON:
    """A JSON value already encoded as UTF-8."""

    body: bytes


async def network_map(info: Info, filter: AnalysisFilterInput | None = None) -> JSON:
    flt = filter.to_filter() if filter else None
    return JSON(EncodedJSON((await info.context.maps.encoded(flt)).body))


def encode_json(data: object) -> bytes:
    """`data` as compact JSON, each `EncodedJSON` in it written as its bytes."""
    spliced: dict[bytes, bytes] = {}
    # A random mark per response: no string in the data can stand for one by chance.
    mark = secrets.token_hex(8)

    def stand_in(value: object) -> str:
        if not isinstance(value, EncodedJSON):
            raise TypeError(f"{type(value).__name__} is not JSON")
        token = f"\0{mark}:{len(spliced)}"
        spliced[json.dumps(token).encode()] = value.body
        return token

    text = json.dumps(data, separators=(",", ":"), default=stand_in).encode()
    for token, body in spliced.items():
        text = text.replace(token, body, 1)
    return text


network_map_field = strawberry.field(
    resolver=network_map,
    description="The network map in one JSON value: `organisations` (id, name, kind, side, "
    "group, communities: those it represents, worst: the one of them with the worst status, "
    "cluster, x, y, degree, betweenness, flags: gap/broker/hinge), `ties` (s and t are "
    "indexes into organisations; kinds, weight, counted: counts as of the date, fragile: its "
    "loss cuts organisations off), and the catalogues `communities` (with status, reason, "
    "eiIndex and eiExpected), `areas`, `topics`, plus `years`, `asOf` and `betweennessExact` "
    "(false: estimated from sampled sources on a large network). Same filter as "
    "`analysis`; the same document as `/map.json`.",
)
