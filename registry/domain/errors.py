"""Typed errors shared by every layer; the API turns them into GraphQL errors with a code."""

from typing import Any


class RegistryError(Exception):
    code = "INTERNAL"

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    @property
    def extensions(self) -> dict[str, Any]:
        # graphql-core copies `extensions` of the original error into the response.
        ext: dict[str, Any] = {"code": self.code}
        if self.field:
            ext["field"] = self.field
        return ext


class ValidationFailed(RegistryError):
    code = "VALIDATION"


class NotFound(RegistryError):
    code = "NOT_FOUND"


class Conflict(RegistryError):
    code = "CONFLICT"


class Forbidden(RegistryError):
    code = "FORBIDDEN"


class StoreUnavailable(RegistryError):
    """The store did not answer within its bounds (down, hung, or busy): try again later."""

    code = "UNAVAILABLE"
