"""The GraphQL schema, and its SDL as exported to schema.graphql."""

import logging
import traceback
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, MaxTokensLimiter
from strawberry.tools import merge_types

from registry.api.access import AccessControl
from registry.api.admin_mutations import AdminMutation
from registry.api.executor import Executor, resolve_directly
from registry.api.limits import MAX_TOKENS
from registry.api.mutations import Mutation
from registry.api.nodes import TYPES
from registry.api.prefetch import READ_AHEAD
from registry.api.queries import Query
from registry.api.shared_reads import SharedReads
from registry.api.ties import Link
from registry.api.validation import Validation
from registry.domain.errors import RegistryError


def _expected(error: GraphQLError) -> bool:
    """Refusals the caller caused (bad input, unknown id, stale version), or request errors."""
    return error.original_error is None or isinstance(error.original_error, RegistryError)


log = logging.getLogger("registry.api")


class RegistrySchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Only failures of ours belong in the server log; a refused input is the caller's.

        Logged as the exception's type, the field's path and the code's frames: never the
        error's text, which quotes the query (search words) or the data it failed on.
        """
        for error in errors:
            if not _expected(error):
                failure = error.original_error
                assert failure is not None, "_expected: one without is a request error"
                path = ".".join(str(step) for step in error.path or ()) or "(request)"
                frames = "".join(traceback.format_tb(failure.__traceback__))
                log.error("unexpected %s at %s\n%s", type(failure).__name__, path, frames)


schema = RegistrySchema(
    query=Query,
    mutation=merge_types("Mutation", (Mutation, AdminMutation)),
    types=[*TYPES.values(), Link],
    execution_context_class=Executor,
    extensions=[
        AccessControl,
        SharedReads,
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        Validation,
        lambda: MaskErrors(should_mask_error=lambda error: not _expected(error)),
    ],
)

# The fields a page reads ahead take nothing but the info's context.
resolve_directly(
    schema._schema, {(t, f): links for t, table in READ_AHEAD.items() for f, links in table.items()}
)


def sdl() -> str:
    return schema.as_str() + "\n"
