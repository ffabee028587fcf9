"""`POST /import/organisations` and `POST /import/people`: a spreadsheet as a multipart form
upload, for editors; the upload page at `/import` uses the same endpoints.

Form fields: `file`; optional `dry_run`, `mapping` (a JSON object, header -> field, "" to
leave a column out; without it the mapping remembered for the file's headers applies),
`preset` (`enhetsregisteret`), `update` (rows whose organisation number is known update
that organisation) and `lang` (`nb` or `en`, the language of the messages; English
otherwise). Answers like the GraphQL endpoint: the report of what was (or would be)
created and updated, or `errors`, each with its row, column, value and a suggestion, and
the same report under `report`, with nothing written. The app's body limit bounds the file.
"""

import json
from typing import Any

from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from registry.domain.accounts import Caller, Role
from registry.domain.errors import Conflict, Forbidden, NotFound, ValidationFailed
from registry.services.access import require
from registry.services.imports import What, import_file
from registry.store.base import Store
from registry.web import upload_page

YES = {"1", "true", "yes", "on"}
STATUS = {ValidationFailed: 400, Forbidden: 403, NotFound: 404, Conflict: 409}


def _refusal(exc: ValidationFailed | Forbidden | NotFound | Conflict) -> JSONResponse:
    body = {"errors": [{"message": exc.message, "extensions": exc.extensions}]}
    return JSONResponse(body, status_code=STATUS[type(exc)])


def _mapping(text: str | None) -> dict[str, str] | None:
    if not text:
        return None
    try:
        found = json.loads(text)
    except ValueError:
        found = None
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        raise ValidationFailed("mapping: a JSON object of header -> field", field="mapping")
    return found


def routes(store: Store) -> list[Route]:
    def endpoint(what: What) -> Any:
        async def upload(request: Request) -> Response:
            caller: Caller = request.state.caller
            try:
                require(caller, Role.EDITOR, f"import.{what}")
                async with request.form(max_files=1, max_fields=10) as form:
                    file = form.get("file")
                    if not isinstance(file, UploadFile):
                        message = "send the spreadsheet as the multipart form field 'file'"
                        raise ValidationFailed(message, field="file")
                    data = await file.read()
                    field = {k: str(form.get(k) or request.query_params.get(k, "")) for k in (
                        "dry_run", "mapping", "preset", "update", "lang"
                    )}  # fmt: skip
                update = field["update"].lower() in YES if field["update"] else None
                report = await import_file(
                    store,
                    data,
                    what,
                    actor=caller.account_id,
                    dry_run=field["dry_run"].lower() in YES,
                    mapping=_mapping(field["mapping"]),
                    preset=field["preset"] or None,
                    update=update,
                )
            except (ValidationFailed, Forbidden, NotFound, Conflict) as exc:
                return _refusal(exc)  # not a spreadsheet at all, or someone else was first
            details = report.details("nb" if field["lang"] == "nb" else "en")
            if report.errors:
                return JSONResponse({"errors": details.pop("errors"), "report": details}, 400)
            del details["errors"]
            return JSONResponse(details)

        return upload

    return [
        Route("/import/organisations", endpoint("organisations"), methods=["POST"]),
        Route("/import/people", endpoint("people"), methods=["POST"]),
        *upload_page.routes(),
    ]
