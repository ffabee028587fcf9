"""Reading spreadsheets: XLSX or CSV tables, Norwegian or English headers, cells as text.

What the columns are called and which words a cell may hold, so that an adviser's own
Excel sheet can be imported as it is.
"""

import csv
import io
import re
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
MAX_ROWS = 5000  # per sheet: bounds what a small but well-compressed workbook can cost
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
}
SHEETS: dict[What, tuple[NodeKind, set[str]]] = {
    "organisations": (NodeKind.ORGANISATION, {"organisasjoner", "organisations", "organizations"}),
    "people": (NodeKind.PERSON, {"personer", "people", "kontaktpersoner", "contacts"}),
}


def read_tables(data: bytes) -> dict[str, Rows]:
    """The sheets of an XLSX workbook by name, or a CSV file as one sheet named ''."""
    if not data.strip():
        raise ValidationFailed("the file is empty", field="file")
    # Every XLSX file is a zip archive; anything else is taken for CSV.
    tables = _workbook(data) if data.startswith(b"PK\x03\x04") else {"": _csv(data)}
    if any(len(rows) > MAX_ROWS + 1 for rows in tables.values()):
        raise ValidationFailed(f"more than {MAX_ROWS} rows: split the file", field="file")
    return tables


def _workbook(data: bytes) -> dict[str, Rows]:
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return {
                sheet.title: list(islice(sheet.iter_rows(values_only=True), MAX_ROWS + 2))
                for sheet in book.worksheets
            }
        finally:
            book.close()
    except Exception:  # a broken zip, missing parts or bad XML: all mean unreadable
        raise ValidationFailed("not an XLSX workbook that can be read", field="file") from None


def _csv(data: bytes) -> Rows:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed(
            "neither XLSX nor UTF-8 CSV: in Excel, save as 'Excel workbook' or 'CSV UTF-8'",
            field="file",
        ) from None
    try:
        dialect: Any = csv.Sniffer().sniff("\n".join(text.splitlines()[:20]), delimiters=";,")
    except csv.Error:  # a single column has no delimiter to find
        dialect = csv.excel
    try:
        return [tuple(row) for row in islice(csv.reader(io.StringIO(text), dialect), MAX_ROWS + 2)]
    except csv.Error as exc:
        raise ValidationFailed(f"not a CSV file that can be read: {exc}", field="file") from None


def cell(name: str, value: Any) -> Any:
    """A cell as the model takes it: spreadsheets hand over numbers and dates, not only text."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and name == "postal_code":
        return f"{value:04d}"  # Excel shows 0150 but keeps the number 150
    text = str(value).strip()
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
