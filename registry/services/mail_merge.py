"""Writing to the contacts of a filter: a `mailto:` link with them in Bcc, and a recipient
list to paste into Outlook's Bcc field (the municipality's mail tool), `Name <address>`
separated by semicolons.

A `mailto:` link is bounded: Outlook and Windows cut links at about 2,000 characters, so a
longer one is refused with a message pointing to the recipient list instead of silently
losing addresses.
"""

import re
from collections.abc import AsyncIterator
from urllib.parse import quote

from registry.domain.errors import ValidationFailed
from registry.services.contacts import ContactRow

MAILTO_MAX = 2000  # characters of the whole link
SPECIALS = re.compile(r'[,;<>"()@:\[\]\\]')


def _addresses(rows: list[ContactRow]) -> list[ContactRow]:
    seen: set[str] = set()
    out = []
    for row in rows:
        if row.email and row.email.lower() not in seen:
            seen.add(row.email.lower())
            out.append(row)
    return out


async def _collect(rows: AsyncIterator[ContactRow]) -> list[ContactRow]:
    return _addresses([row async for row in rows])


def recipient(row: ContactRow) -> str:
    name = row.name.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{name}" <{row.email}>' if SPECIALS.search(row.name) else f"{name} <{row.email}>"


async def write_recipients(
    rows: AsyncIterator[ContactRow], lang: str = "nb"
) -> AsyncIterator[bytes]:
    """Every contact with an address once, on one line, as Outlook's Bcc field takes them."""
    found = await _collect(rows)
    yield ("; ".join(recipient(r) for r in found) + "\r\n").encode("utf-8")


async def write_mailto(rows: AsyncIterator[ContactRow], lang: str = "nb") -> AsyncIterator[bytes]:
    """`mailto:?bcc=a,b`; refused when longer than a mail program takes."""
    found = await _collect(rows)
    link = "mailto:?bcc=" + ",".join(quote(r.email, safe="@") for r in found)
    if len(link) > MAILTO_MAX:
        said = (
            f"{len(found)} adresser er for mange for én e-postlenke (høyst {MAILTO_MAX} tegn): "
            "last ned mottakerlisten (.txt) og lim den inn i Blindkopi"
            if lang == "nb"
            else f"{len(found)} addresses are too many for one e-mail link (at most "
            f"{MAILTO_MAX} characters): download the recipient list (.txt) and paste it into Bcc"
        )
        raise ValidationFailed(said, field="mailto")
    yield link.encode("ascii")
