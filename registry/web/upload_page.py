"""The upload page at `/import`, for editors: choose a file, map its columns to fields,
preview the first rows with each cell's error, dry run, then import.

The page holds no data: its script (`static/upload/upload.js`) posts the file to
`/import/{organisations,people}` with the session's CSRF token from the page's meta tag,
first as a dry run, and shows the report.
"""

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from registry.domain.accounts import Caller, Role
from registry.domain.enums import NodeKind
from registry.domain.labels import language
from registry.http.auth import csrf_token
from registry.services import import_columns as columns
from registry.services.spreadsheets import COLUMNS
from registry.web.layout import data_block, head

LANG_COOKIE = "registry_lang"  # the dashboard's: one language choice for every page

TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Importer organisasjoner og kontaktpersoner", "Import organisations and contacts"),
    "file": ("Fil (XLSX, CSV eller JSON)", "File (XLSX, CSV or JSON)"),
    "what": ("Hva filen inneholder", "What the file holds"),
    "organisations": ("Organisasjoner", "Organisations"),
    "people": ("Kontaktpersoner", "Contact persons"),
    "preset": ("Oppsett", "Layout"),
    "noPreset": ("Egne kolonner", "Own columns"),
    "enhetsregisteret": ("Enhetsregisteret (Brønnøysund)", "Enhetsregisteret (Brønnøysund)"),
    "update": (
        "Oppdater organisasjoner som allerede finnes (etter organisasjonsnummer)",
        "Update organisations already in the registry (by organisation number)",
    ),
    "check": ("Kontroller (prøvekjøring)", "Check (dry run)"),
    "import": ("Importer", "Import"),
    "columns": ("Kolonner", "Columns"),
    "column": ("Kolonne i filen", "Column in the file"),
    "field": ("Felt", "Field"),
    "ignore": ("– ikke importer –", "– do not import –"),
    "preview": ("Forhåndsvisning", "Preview"),
    "row": ("Rad", "Row"),
    "errors": ("Feil", "Errors"),
    "moreErrors": ("og {n} feil til", "and {n} more errors"),
    "changes": ("Endringer i organisasjoner som finnes", "Changes to existing organisations"),
    "ignored": ("Kolonner som ikke importeres", "Columns not imported"),
    "warnings": ("Mulige dubletter", "Likely duplicates"),
    "wouldCreate": (
        "Prøvekjøring: {o} organisasjoner, {p} personer og {t} koblinger blir opprettet, "
        "{u} organisasjoner oppdatert.",
        "Dry run: would create {o} organisations, {p} people and {t} ties, "
        "and update {u} organisations.",
    ),
    "created": (
        "Importert: {o} organisasjoner, {p} personer og {t} koblinger opprettet, "
        "{u} organisasjoner oppdatert.",
        "Imported: created {o} organisations, {p} people and {t} ties, updated {u} organisations.",
    ),
    "refused": (
        "Filen har feil. Ingenting er importert.",
        "The file has errors. Nothing was imported.",
    ),
    "working": ("Leser filen …", "Reading the file …"),
    "back": ("Til oversikten", "To the dashboard"),
    "otherLanguage": ("English", "Norsk"),
    "forbidden": ("Import krever redaktørrolle.", "Importing needs the editor role."),
}


def _fields(lang: str) -> dict[str, dict[str, str]]:
    """For each sheet kind, the fields a column may fill, with a label in the language; and
    under `preset`, the extra fields of Enhetsregisteret's layout."""
    at = 0 if lang == "nb" else 1
    out = {}
    for what, kind in (("organisations", NodeKind.ORGANISATION), ("people", NodeKind.PERSON)):
        labels = (
            (f, (more.split("|")[0], f.replace("_", " "))) for f, more in COLUMNS[kind].items()
        )
        out[what] = {f: pair[at] for f, pair in labels}
    out["preset"] = {f: f.replace("_", " ") for f in columns.PRESETS["enhetsregisteret"].pseudo}
    return out


def render(token: str, lang: str) -> str:
    at = 0 if lang == "nb" else 1
    w = {k: escape(pair[at]) for k, pair in TEXTS.items()}
    other = "en" if lang == "nb" else "nb"
    data = {"texts": {k: pair[at] for k, pair in TEXTS.items()}, "fields": _fields(lang)}
    extra = f"""<link rel="stylesheet" href="/static/upload/upload.css">
<script type="module" src="/static/upload/upload.js"></script>
<script type="application/json" id="upload-data">{data_block(data)}</script>"""
    return (
        head(w["title"], lang, token, extra)
        + f"""<body>
<main class="upload">
<p class="top"><a href="/?lang={lang}">{w["back"]}</a>
<a href="?lang={other}" lang="{other}" hreflang="{other}">{w["otherLanguage"]}</a></p>
<h1>{w["title"]}</h1>
<form id="upload" data-lang="{lang}">
<label for="u-file">{w["file"]}</label>
<input id="u-file" name="file" type="file" required
 accept=".xlsx,.csv,.json,text/csv,application/json">
<label for="u-what">{w["what"]}</label>
<select id="u-what" name="what"><option value="organisations">{w["organisations"]}</option>
<option value="people">{w["people"]}</option></select>
<label for="u-preset">{w["preset"]}</label>
<select id="u-preset" name="preset"><option value="">{w["noPreset"]}</option>
<option value="enhetsregisteret">{w["enhetsregisteret"]}</option></select>
<label class="check"><input id="u-update" name="update" type="checkbox"> {w["update"]}</label>
<div class="buttons"><button type="submit" id="u-check">{w["check"]}</button>
<button type="button" id="u-import" disabled>{w["import"]}</button></div>
</form>
<p id="u-status" role="status" aria-live="polite"></p>
<section id="u-report" hidden></section>
</main>
</body>
</html>
"""
    )


async def upload_page(request: Request) -> Response:
    caller: Caller = request.state.caller
    asked = request.query_params.get("lang")
    lang = language(asked or request.cookies.get(LANG_COOKIE))
    if not caller.role.allows(Role.EDITOR):
        text = escape(TEXTS["forbidden"][0 if lang == "nb" else 1])
        return HTMLResponse(f'<!doctype html><html lang="{lang}"><p>{text}</p></html>', 403)
    response = HTMLResponse(render(csrf_token(request.session), lang))
    if asked:
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 86400, samesite="strict")
    return response


def routes() -> list[Route]:
    return [Route("/import", upload_page, methods=["GET"])]
