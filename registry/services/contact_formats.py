"""Contact lists as files: CSV for Norwegian Excel, XLSX, vCard 4.0 or 3.0, a ZIP of one
vCard per contact (Outlook reads only the first card of a file, and prefers 3.0), and for
mail merge a recipient list and a `mailto:` link (`mail_merge`).

Phone numbers are written in the international format with spaces (+47 40 00 00 90): Excel
and LibreOffice take a bare +4740000090 in a CSV file for the number 4740000090, but keep
a number with spaces as text, and every reader (this registry's import too) can strip the
spaces. Each writer takes the rows as they stream from the store and yields bytes, so a web
response or a file can take them as they come. XLSX is a zip whose directory comes last:
openpyxl's write-only mode keeps the rows in a temporary file, not in memory, and the
finished file is then sent in chunks.
"""

import csv
import io
import re
import tempfile
import zipfile
from collections.abc import AsyncIterator, Callable
from typing import Any

import phonenumbers
import vobject
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from registry.domain.errors import ValidationFailed
from registry.domain.labels import KIND_NAMES, LANGUAGES, contact_columns
from registry.services import mail_merge
from registry.services.contacts import ContactRow

Rows = AsyncIterator[ContactRow]
BOM = "\ufeff"  # Excel reads a CSV file as UTF-8 only when it starts with this mark
CHUNK = 64 * 1024
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "vcf": "text/vcard; charset=utf-8",
    "zip": "application/zip",
    "txt": "text/plain; charset=utf-8",  # recipients for Outlook's Bcc field
    "mailto": "text/plain; charset=utf-8",  # a mailto: link with the contacts in Bcc
}
VCARD_VERSIONS = ("4.0", "3.0")


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str) -> str:
    """Text a spreadsheet will not run as a formula (OWASP's advice on CSV injection)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def cells(row: ContactRow, lang: str) -> list[str]:
    """The row as spreadsheet cells, in the order of `contact_columns`."""
    at = LANGUAGES.index(lang)
    kinds = [KIND_NAMES[k][at] if k in KIND_NAMES else k for k in row.kinds]
    texts = [
        row.name,
        row.role,
        row.email,
        ", ".join(row.languages),
        "; ".join(row.organisations),
        "; ".join(kinds),
        "; ".join(row.communities),
        "; ".join(row.areas),
    ]
    safe = [inert(t) for t in texts]
    # Phone numbers are validated as + and digits only, so they cannot carry a formula.
    return [*safe[:3], shown_phone(row.phone), *safe[3:]]


def shown_phone(phone: str) -> str:
    """+4740000090 as +47 40 00 00 90: text, not a number, to a spreadsheet."""
    if not phone:
        return phone
    try:
        number = phonenumbers.parse(phone)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


async def write_csv(rows: Rows, lang: str = "nb", delimiter: str = ";") -> AsyncIterator[bytes]:
    buffer = io.StringIO()
    out = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    buffer.write(BOM)
    out.writerow(contact_columns(lang).values())
    async for row in rows:
        out.writerow(cells(row, lang))
        if buffer.tell() > CHUNK:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


async def write_xlsx(rows: Rows, lang: str = "nb") -> AsyncIterator[bytes]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Kontakter" if lang == "nb" else "Contacts")
    header = list(contact_columns(lang).values())
    sheet.freeze_panes = "A2"
    for i, width in enumerate((28, 24, 32, 16, 10, 40, 28, 32, 24), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.append(header)
    count = 0
    async for row in rows:
        sheet.append(cells(row, lang))
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count + 1}"
    with tempfile.TemporaryFile() as file:
        book.save(file)
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk


def vcard(row: ContactRow, version: str = "4.0") -> str:
    """The contact as a vCard 4.0 (RFC 6350) or 3.0 (RFC 2426, which has no LANG and
    writes the phone number as text)."""
    card = vobject.vCard()
    card.add("version").value = version
    card.add("fn").value = row.name
    given, _, family = row.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    for organisation in row.organisations:
        card.add("org").value = [organisation]
    if row.role:
        card.add("title").value = row.role
        card.add("role").value = row.role
    if row.email:
        email = card.add("email")
        email.value = row.email
        if version == "3.0":
            email.params["TYPE"] = ["INTERNET", "WORK"]
    if row.phone:
        tel = card.add("tel")
        if version == "3.0":
            tel.value = row.phone
            tel.params["TYPE"] = ["WORK", "VOICE"]
        else:
            tel.value = f"tel:{row.phone}"
            tel.params.update({"VALUE": ["uri"], "TYPE": ["work", "voice"]})
    if version == "4.0":
        for language in row.languages:
            card.add("lang").value = language
    if row.communities or row.areas:
        card.add("categories").value = [*row.communities, *row.areas]
    return card.serialize()


def _version(version: str) -> str:
    if version not in VCARD_VERSIONS:
        raise ValidationFailed("version: a vCard version, 4.0 or 3.0", field="version")
    return version


async def write_vcf(rows: Rows, lang: str = "nb", version: str = "4.0") -> AsyncIterator[bytes]:
    version = _version(version)
    async for row in rows:
        yield vcard(row, version).encode("utf-8")


async def write_zip(rows: Rows, lang: str = "nb", version: str = "3.0") -> AsyncIterator[bytes]:
    """One .vcf file per contact, named after the contact, for Outlook."""
    version = _version(version)
    with tempfile.TemporaryFile() as file:
        with zipfile.ZipFile(file, "w", zipfile.ZIP_DEFLATED) as archive:
            number = 0
            async for row in rows:
                number += 1
                stem = re.sub(r"[^\w-]+", "-", row.name, flags=re.ASCII).strip("-") or "kontakt"
                archive.writestr(f"{number:04d}-{stem[:60]}.vcf", vcard(row, version))
        file.seek(0)
        while chunk := file.read(CHUNK):
            yield chunk


WRITERS: dict[str, Callable[..., AsyncIterator[bytes]]] = {
    "csv": write_csv,
    "xlsx": write_xlsx,
    "vcf": write_vcf,
    "zip": write_zip,
    "txt": mail_merge.write_recipients,
    "mailto": mail_merge.write_mailto,
}


def writer(fmt: str, rows: Rows, lang: str, **options: Any) -> AsyncIterator[bytes]:
    """The bytes of `rows` in `fmt`; `delimiter` applies to CSV only, `version` (of vCard)
    to vcf and zip."""
    if fmt != "csv":
        options.pop("delimiter", None)
    if fmt not in ("vcf", "zip") or not options.get("version"):
        options.pop("version", None)
    return WRITERS[fmt](rows, lang, **options)
