"""Reading spreadsheets: XLSX or CSV tables, Norwegian or English headers, cells as text.

What the columns are called and which words a cell may hold, so that an adviser's own
Excel sheet can be imported as it is.
"""

import csv
import io
import json
import re
import zipfile
from datetime import date, datetime
from itertools import islice
from typing import Any, Literal

import openpyxl

from registry.domain.enums import EdgeType, LegalBasis, NodeKind, OrganisationKind
from registry.domain.errors import ValidationFailed
from registry.domain.labels import KIND_NAMES
from registry.domain.rules import fold

What = Literal["organisations", "people"]
Rows = list[tuple[Any, ...]]
# Bounds on what a small file can cost: a well-compressed workbook or a CSV with a huge
# header line otherwise takes hundreds of megabytes and many seconds to read.
MAX_ROWS = 5000  # per sheet
MAX_COLUMNS = 100
MAX_UNZIPPED = 30 * 1024 * 1024  # every part of an XLSX archive together, uncompressed
MAX_PARTS = 500
# Stand-ins for required cells found wrong, so that the rest of the row is still checked.
STAND_INS = {"name": "-", "kind": OrganisationKind.OTHER.value}


def key(text: str) -> str:
    """How headers and labels compare: 'E-post', 'e_post' and 'e post' are one."""
    return " ".join(w for w in re.split(r"[\s_\-./]+", fold(text)) if w)


def _choices(enum: type[OrganisationKind | LegalBasis], labels: dict[str, str]) -> dict[str, str]:
    return {key(v.value): v.value for v in enum} | {key(k): v for k, v in labels.items()}


KINDS = _choices(
    OrganisationKind,
    {label: kind for kind, pair in KIND_NAMES.items() for label in pair}
    | {"trossamfunn": "FAITH_COMMUNITY", "offentlig etat": "PUBLIC_BODY"}
    | {"bedrift": "BUSINESS", "skole": "EDUCATION"},
)
BASES = _choices(
    LegalBasis,
    {"offentlig oppgave": "PUBLIC_TASK", "berettiget interesse": "LEGITIMATE_INTEREST"}
    | {"samtykke": "CONSENT", "avtale": "CONTRACT"},
)


# Each field's headers besides its own name, "|" between them.
_SHARED = {"name": "navn", "email": "e-post|epost|e-mail", "phone": "telefon|tlf|mobil"}
COLUMNS: dict[NodeKind, dict[str, str]] = {
    NodeKind.ORGANISATION: _SHARED
    | {
        "kind": "type|organisasjonstype",
        "org_number": "organisasjonsnummer|orgnr|org nr|organisation number",
        "website": "nettside|hjemmeside|url",
        "street_address": "adresse|gateadresse|address",
        "postal_code": "postnummer|postnr",
        "city": "poststed|sted",
        "description": "beskrivelse",
        "languages": "språk",
        "communities": "miljø|miljøer",
        "areas": "bydel|bydeler|område",
        "topics": "tema|temaer",
        "nace_code": "næringskode|nace",
    },
    NodeKind.PERSON: _SHARED
    | {
        "role": "rolle|stilling",
        "languages": "språk",
        "organisation": "organisasjon|organization",
        "last_verified": "sist bekreftet",
        "legal_basis": "rettslig grunnlag|behandlingsgrunnlag",
        "source": "kilde",
    },
}
HEADERS = {
    kind: {key(h): name for name, more in columns.items() for h in (name, *more.split("|"))}
    for kind, columns in COLUMNS.items()
}
# Columns naming other nodes, each a tie of this type to a node of that kind.
LINKS = {
    "communities": (EdgeType.REPRESENTS, NodeKind.COMMUNITY),
    "areas": (EdgeType.LOCATED_IN, NodeKind.AREA),
    "topics": (EdgeType.WORKS_ON, NodeKind.TOPIC),
    "organisation": (EdgeType.CONTACT_FOR, NodeKind.ORGANISATION),
}
CHOICES = {"kind": KINDS, "legal_basis": BASES}
# Said instead of pydantic's wording, which quotes regular expressions.
HINTS = {
    "kind": "a kind such as innvandrerorganisasjon, trossamfunn, frivillig organisasjon, "
    "ressursmiljø, kommunal enhet, offentlig etat, bedrift, skole or annet",
    "legal_basis": "a legal basis: offentlig oppgave, berettiget interesse, samtykke or avtale",
    "languages": "language codes of 2 or 3 letters, such as no, en, so",
    "postal_code": "a postal code has 4 digits",
    "last_verified": "a date such as 2025-03-31 or 31.03.2025",
    "nace_code": "a NACE code such as 94.991",
}
SHEETS: dict[What, tuple[NodeKind, set[str]]] = {
    "organisations": (NodeKind.ORGANISATION, {"organisasjoner", "organisations", "organizations"}),
    "people": (NodeKind.PERSON, {"personer", "people", "kontaktpersoner", "contacts"}),
}


def read_tables(data: bytes) -> dict[str, Rows]:
    """The sheets of an XLSX workbook by name, or a CSV or JSON file as one sheet named ''."""
    if not data.strip():
        raise ValidationFailed("the file is empty", field="file")
    # Every XLSX file is a zip archive; JSON starts with a bracket; anything else is CSV.
    if data.startswith(b"PK\x03\x04"):
        tables = _workbook(data)
    elif data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{"):
        tables = {"": _json(data)}
    else:
        tables = {"": _csv(data)}
    if any(len(rows) > MAX_ROWS + 1 for rows in tables.values()):
        raise ValidationFailed(f"more than {MAX_ROWS} rows: split the file", field="file")
    return tables


def _too_wide() -> ValidationFailed:
    return ValidationFailed(
        f"more than {MAX_COLUMNS} columns: remove the columns not needed", field="file"
    )


def _check_archive(data: bytes) -> None:
    """Refuses a zip bomb by what its directory declares, before anything is inflated;
    `zipfile` then stops at the declared size, so a lying directory cannot get past."""
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        raise ValidationFailed("not an XLSX workbook that can be read", field="file") from None
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNZIPPED:
        raise ValidationFailed(
            f"the workbook unpacks to more than {MAX_UNZIPPED // 2**20} MB: "
            "save only the sheets to import",
            field="file",
        )


def _workbook(data: bytes) -> dict[str, Rows]:
    _check_archive(data)
    try:
        # Read-only mode streams each sheet's XML instead of building it in memory.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            tables = {}
            for sheet in book.worksheets:
                # Rows as long as their own cells: a sheet whose dimension claims 16,384
                # columns is not padded to them, and a row reaching that far is refused.
                sheet.reset_dimensions()
                rows = sheet.iter_rows(values_only=True)
                tables[sheet.title] = [_bounded(r) for r in islice(rows, MAX_ROWS + 2)]
            return tables
        finally:
            book.close()
    except ValidationFailed:
        raise
    except Exception:  # a broken zip, missing parts or bad XML: all mean unreadable
        raise ValidationFailed("not an XLSX workbook that can be read", field="file") from None


def _bounded(row: tuple[Any, ...]) -> tuple[Any, ...]:
    if len(row) > MAX_COLUMNS and any(v not in (None, "") for v in row[MAX_COLUMNS:]):
        raise _too_wide()
    return row[:MAX_COLUMNS]


def _csv(data: bytes) -> Rows:
    text = _text(data)
    try:
        dialect: Any = csv.Sniffer().sniff(
            "\n".join(text[:65536].splitlines()[:20]), delimiters=";,"
        )
    except csv.Error:  # a single column has no delimiter to find
        dialect = csv.excel
    try:
        return [
            _bounded(tuple(row))
            for row in islice(csv.reader(io.StringIO(text), dialect), MAX_ROWS + 2)
        ]
    except csv.Error as exc:
        raise ValidationFailed(f"not a CSV file that can be read: {exc}", field="file") from None


def _text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            "neither XLSX nor UTF-8 CSV: in Excel, save as 'Excel workbook' or 'CSV UTF-8'",
            field="file",
        ) from None


def _json(data: bytes) -> Rows:
    """A list of objects (Enhetsregisteret's bulk file) or an API page holding one under
    `_embedded`, as a table whose headers are the dotted paths of the objects' fields."""
    try:
        found = json.loads(_text(data))
    except (ValueError, RecursionError):
        raise ValidationFailed("not a JSON file that can be read", field="file") from None
    if isinstance(found, dict):
        embedded = found.get("_embedded") or {}
        found = next((v for v in embedded.values() if isinstance(v, list)), [found])
    if not isinstance(found, list) or not all(isinstance(o, dict) for o in found):
        raise ValidationFailed("a JSON file holds a list of objects", field="file")
    flat = [_flatten(o) for o in islice(found, MAX_ROWS + 1)]
    headers = list(dict.fromkeys(k for row in flat for k in row))
    if len(headers) > MAX_COLUMNS:
        raise _too_wide()
    return [tuple(headers), *(tuple(row.get(h) for h in headers) for row in flat)]


def _flatten(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, inner in value.items():
        if name.startswith("_"):  # links and paging, not data
            continue
        if isinstance(inner, dict):
            out |= _flatten(inner, f"{prefix}{name}.")
        elif isinstance(inner, list):  # address lines
            out[prefix + name] = ", ".join(str(v) for v in inner if v is not None)
        else:
            out[prefix + name] = inner
    return out


def cell(name: str, value: Any) -> Any:
    """A cell as the model takes it: spreadsheets hand over numbers and dates, not only text."""
    if isinstance(value, bool):
        return value
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and name == "postal_code":
        return f"{value:04d}"  # Excel shows 0150 but keeps the number 150
    text = str(value).strip()
    if name == "postal_code" and text.isdigit() and len(text) == 3:
        return text.zfill(4)  # a CSV saved by Excel has lost the leading zero too
    if name in CHOICES:
        if key(text) not in CHOICES[name]:
            raise ValueError(HINTS[name])
        return CHOICES[name][key(text)]
    if name == "languages":
        return [code.lower() for code in re.split(r"[\s,;/]+", text) if code]
    if name == "organisation":
        return [text]  # one organisation, whose name may hold commas
    if name in LINKS:
        return list(dict.fromkeys(n.strip() for n in re.split(r"[,;]", text) if n.strip()))
    if day := re.fullmatch(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", text):
        return f"{day[3]}-{int(day[2]):02d}-{int(day[1]):02d}"  # a date the Norwegian way
    return text
