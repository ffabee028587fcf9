"""`POST /import/organisations` and `POST /import/people`: a spreadsheet as a multipart form
upload (field `file`, optional `dry_run`), for editors.

Answers like the GraphQL endpoint: a summary of what was (or would be) created, or every
error with its row and column and nothing written. The body limit of the app bounds the file.
"""

from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registry.domain.accounts import Caller, Role
from registry.domain.errors import Conflict, Forbidden, ValidationFailed
from registry.services.access import require
from registry.services.imports import What, import_file
from registry.store.base import Store

YES = {"1", "true", "yes", "on"}


def _errors(status: int, errors: list[dict[str, Any]]) -> JSONResponse:
    return JSONResponse({"errors": errors}, status_code=status)


def _refusal(status: int, exc: ValidationFailed | Forbidden | Conflict) -> JSONResponse:
    return _errors(status, [{"message": exc.message, "extensions": {"code": exc.code}}])


def routes(store: Store) -> list[Route]:
    def endpoint(what: What) -> Any:
        async def upload(request: Request) -> Response:
            caller: Caller = request.state.caller
            try:
                require(caller, Role.EDITOR, f"import.{what}")
            except Forbidden as exc:
                return _refusal(403, exc)
            async with request.form(max_files=1, max_fields=10) as form:
                file = form.get("file")
                if not isinstance(file, UploadFile):
                    message = "send the spreadsheet as the multipart form field 'file'"
                    return _refusal(400, ValidationFailed(message, field="file"))
                data = await file.read()
                dry_run = str(form.get("dry_run") or request.query_params.get("dry_run", ""))
            try:
                report = await import_file(
                    store, data, what, actor=caller.account_id, dry_run=dry_run.lower() in YES
                )
            except ValidationFailed as exc:  # not a spreadsheet at all
                return _refusal(400, exc)
            except Conflict as exc:  # someone else imported the same meanwhile
                return _refusal(409, exc)
            if report.errors:
                return _errors(
                    400,
                    [
                        {
                            "message": str(e),
                            "extensions": {"code": "VALIDATION", "row": e.row, "column": e.column}
                            | ({"sheet": e.sheet} if e.sheet else {}),
                        }
                        for e in report.errors
                    ],
                )
            return JSONResponse(report.summary())

        return upload

    return [
        Route("/import/organisations", endpoint("organisations"), methods=["POST"]),
        Route("/import/people", endpoint("people"), methods=["POST"]),
    ]
