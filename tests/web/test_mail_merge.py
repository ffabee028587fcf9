"""Mail merge from the filter: a mailto: link with the contacts in Bcc (refused with a clear
message when too long for a mail program), and a recipient list for Outlook's Bcc field."""

import csv
import io
from email.utils import getaddresses
from urllib.parse import unquote

from registry.domain.accounts import Role
from registry.services.mail_merge import MAILTO_MAX
from registry.store.base import Store

from .demo import Slice


async def addresses(client, params: dict) -> set[str]:
    text = (await client.get("/export/contacts.csv", params=params)).content.decode("utf-8-sig")
    return {r["E-post"] for r in csv.DictReader(io.StringIO(text), delimiter=";") if r["E-post"]}


async def test_a_mailto_link_with_the_filtered_contacts_in_bcc(
    demo: Store, connect, pakistani_in_gamle_oslo: Slice
):
    client = await connect(Role.CONTACT_VIEWER)
    params = {"communityIds": pakistani_in_gamle_oslo.community}
    expected = await addresses(client, params)
    response = await client.get("/export/contacts.mailto", params=params)
    assert response.status_code == 200, response.text
    link = response.text
    assert link.startswith("mailto:?bcc=") and len(link) <= MAILTO_MAX
    assert set(unquote(link.removeprefix("mailto:?bcc=")).split(",")) == expected


async def test_a_link_too_long_is_refused_pointing_to_the_list(demo: Store, connect):
    client = await connect(Role.ADMIN)
    response = await client.get("/export/contacts.mailto", params={"lang": "en"})
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["extensions"] == {"code": "VALIDATION", "field": "mailto"}
    assert "too many for one e-mail link" in error["message"] and ".txt" in error["message"]
    norsk = await client.get("/export/contacts.mailto")
    assert "last ned mottakerlisten" in norsk.json()["errors"][0]["message"]


async def test_a_recipient_list_for_outlook_bcc(demo: Store, connect):
    client = await connect(Role.ADMIN)
    expected = await addresses(client, {})
    response = await client.get("/export/contacts.txt")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.count("\n") == 1 and "; " in text
    parsed = getaddresses([text.strip().replace("; ", ", ")])
    assert {address for _, address in parsed} == expected
    assert all(name for name, _ in parsed) and any("ø" in name for name, _ in parsed)
