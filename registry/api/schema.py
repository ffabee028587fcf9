"""The GraphQL schema, and its SDL as exported to schema.graphql."""

from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
)
from strawberry.tools import merge_types

from registry.api.access import AccessControl
from registry.api.admin_mutations import AdminMutation
from registry.api.cost import cost_rule
from registry.api.mutations import Mutation
from registry.api.nodes import TYPES
from registry.api.queries import Query
from registry.api.shared_reads import SharedReads
from registry.api.ties import Link
from registry.domain.errors import RegistryError

# Limits on what one request may ask for; a dashboard page stays far below each.
MAX_DEPTH, MAX_ALIASES, MAX_TOKENS, MAX_COST = 12, 30, 4000, 50_000


def _expected(error: GraphQLError) -> bool:
    """Refusals the caller caused (bad input, unknown id, stale version), or request errors."""
    return error.original_error is None or isinstance(error.original_error, RegistryError)


class RegistrySchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        # Only failures of ours belong in the server log; a refused input is the caller's.
        super().process_errors([e for e in errors if not _expected(e)], execution_context)


schema = RegistrySchema(
    query=Query,
    mutation=merge_types("Mutation", (Mutation, AdminMutation)),
    types=[*TYPES.values(), Link],
    extensions=[
        AccessControl,
        SharedReads,
        lambda: QueryDepthLimiter(max_depth=MAX_DEPTH),
        lambda: MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules([cost_rule(MAX_COST)]),
        lambda: MaskErrors(should_mask_error=lambda error: not _expected(error)),
    ],
)


def sdl() -> str:
    return schema.as_str() + "\n"
