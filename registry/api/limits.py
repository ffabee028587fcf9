"""Limits on what one request may ask for, judged before graphql-core validates it.

Validation itself walks expanded fragments (overlapping fields, strawberry's own depth and
alias limiters), so a small document of nested fragments could stall every request for
minutes. The document is measured first, in time linear in its size (`cost.Measure`), and
refused before validation runs. A dashboard page stays far below each limit.
"""

from graphql import DocumentNode, GraphQLError, GraphQLSchema

from registry.api.cost import Measure, Size
from registry.api.overlap import Overlap

MAX_DEPTH, MAX_ALIASES, MAX_TOKENS, MAX_COST = 12, 30, 4000, 50_000
# Pairs of same-named fields in one selection set: 30 fragments that each ask for `id` are
# 435 pairs; 1000 pairs take graphql-core about 40 ms to compare.
MAX_PAIRS = 1000


def refusals(size: Size) -> list[GraphQLError]:
    """What is wrong with a document of `size`, the costliest first."""
    found = []
    if size.cost > MAX_COST:
        found.append(
            (
                f"the query is too costly (estimated {size.cost}, at most {MAX_COST}): "
                "ask for smaller pages, fewer nested lists or fewer analyses",
                "TOO_COSTLY",
            )
        )
    if size.depth > MAX_DEPTH:
        found.append(
            (
                f"the query exceeds maximum operation depth of {MAX_DEPTH} "
                f"(fields nested {size.depth} deep)",
                "TOO_DEEP",
            )
        )
    if size.aliases > MAX_ALIASES:
        found.append(
            (f"{size.aliases} aliases found, at most {MAX_ALIASES} allowed", "TOO_MANY_ALIASES")
        )
    return [GraphQLError(message, extensions={"code": code}) for message, code in found]


def judge(schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
    """Refusals of `document`, in time linear in its size."""
    try:
        found = refusals(Measure(schema, document).document())
        # Counting repeated fields merges names per spread: cheap once the cost is known small.
        pairs = 0 if found else Overlap(document).pairs()
    except RecursionError:  # hundreds of fragments each spreading the next
        message = f"the query exceeds maximum operation depth of {MAX_DEPTH} (fragments)"
        return [GraphQLError(message, extensions={"code": "TOO_DEEP"})]
    if pairs > MAX_PAIRS:
        message = (
            f"the query repeats fields too often ({pairs} pairs of fields under one name, "
            f"at most {MAX_PAIRS}): ask for each field once"
        )
        found.append(GraphQLError(message, extensions={"code": "TOO_REPETITIVE"}))
    return found
