"""What an import says about a file, in bokmål and English, with the bad value echoed and,
for a near miss, the name it probably meant."""

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from registry.domain.enums import NodeKind
from registry.domain.rules import fold

MAX_ERRORS = 200  # a file wrong in every cell still gets a short answer
ECHO = 60  # characters of a bad value said back

# The domain's and the spreadsheet hints' English, in bokmål.
NB = {
    "a value is required": "verdi mangler",
    "an organisation number has 9 digits": "et organisasjonsnummer har 9 sifre",
    "the organisation number's check digit (MOD11) is wrong": (
        "kontrollsifferet (MOD11) i organisasjonsnummeret er feil"
    ),
    "a Norwegian phone number has 8 digits after +47": (
        "et norsk telefonnummer har 8 sifre etter +47"
    ),
    "a phone number is 8 Norwegian digits or +country code and number": (
        "et telefonnummer er 8 norske sifre eller +landskode og nummer"
    ),
    "not a valid e-mail address": "ikke en gyldig e-postadresse",
    "a web address starts with http(s):// and names a host": (
        "en nettadresse begynner med http(s):// og har et vertsnavn"
    ),
    "control characters are not allowed in text": "kontrolltegn er ikke tillatt i tekst",
    "a name is a single line": "et navn står på én linje",
    "a postal code has 4 digits": "et postnummer har 4 sifre",
    "a date such as 2025-03-31 or 31.03.2025": "en dato som 2025-03-31 eller 31.03.2025",
    "language codes of 2 or 3 letters, such as no, en, so": (
        "språkkoder på 2 eller 3 bokstaver, som no, en, so"
    ),
    "a NACE code such as 94.991": "en næringskode som 94.991",
}

NB_NOUNS = {
    NodeKind.ORGANISATION: "organisasjon",
    NodeKind.COMMUNITY: "miljø",
    NodeKind.AREA: "bydel eller område",
    NodeKind.TOPIC: "tema",
}


@dataclass(frozen=True, slots=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the headers are row 1
    column: str | None  # the header as the file writes it
    message: str  # English
    sheet: str | None = None  # named only when one workbook imports several sheets
    nb: str = ""  # bokmål; the English when none is known
    value: str | None = None  # the bad cell, shortened
    suggestion: str | None = None  # a near miss's likely meaning

    def text(self, lang: str = "en") -> str:
        nb = lang == "nb"
        where = [f"{'ark' if nb else 'sheet'} '{self.sheet}'"] if self.sheet else []
        where.append(f"{'rad' if nb else 'row'} {self.row}")
        if self.column:
            where.append(f"{'kolonne' if nb else 'column'} '{self.column}'")
        said = (self.nb or NB.get(self.message, self.message)) if nb else self.message
        if self.value is not None:
            said += f" ({'verdien er' if nb else 'the value is'} '{self.value}')"
        if self.suggestion:
            said += f"; {'mente du' if nb else 'did you mean'} '{self.suggestion}'?"
        return f"{', '.join(where)}: {said}"

    def __str__(self) -> str:
        return self.text("en")

    def as_json(self, lang: str, code: str = "VALIDATION") -> dict[str, object]:
        extensions: dict[str, object] = {"code": code, "row": self.row}
        extensions["column"] = self.column
        extensions |= {"sheet": self.sheet} if self.sheet else {}
        extensions |= {"value": self.value} if self.value is not None else {}
        extensions |= {"suggestion": self.suggestion} if self.suggestion else {}
        return {"message": self.text(lang), "extensions": extensions}


def echo(value: object) -> str:
    text = str(value).strip().replace("\n", " ")
    return text if len(text) <= ECHO else text[: ECHO - 1] + "…"


def near(value: str, names: Iterable[str]) -> str | None:
    """The name `value` most likely meant: one contained in it as whole words ('Bydel Grorud'
    for 'Grorud'), or else the closest spelling."""
    folded = {fold(n): n for n in names if n}
    wanted = fold(value)
    words = f" {wanted} "
    inside = [n for f, n in folded.items() if len(f) > 2 and f" {f} " in words]
    if inside:
        return max(inside, key=len)
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.75)
    return folded[close[0]] if close else None
