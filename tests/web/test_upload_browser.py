"""The upload page driven in headless Chromium: an editor chooses a CSV file whose name
column the registry does not know, maps it, sees a wrongly mapped column's cells marked in
the preview, leaves that column out, and imports by keyboard. Its own registry, so that the
demo network of the other browser tests stays as it is."""

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import LiveServer
from playwright.sync_api import Browser, expect, sync_playwright

from registry.domain.accounts import Role
from registry.domain.enums import NodeKind
from registry.domain.graph import validate_node
from registry.services import accounts
from registry.settings import Settings
from registry.store.embedded import EmbeddedStore
from registry.store.query import NodeQuery, Order

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).parents[2] / "test-output"
USER, PASSWORD = "redaktor", "a long editor passphrase"
CSV = (
    "\ufeffForeningens navn;Type;Kommentar;Bydel\r\n"
    "Grorud Kvinnenettverk;frivillig organisasjon;ring i mai;Grorud\r\n"
    "Romsås Ungdom;annet;;Grorud\r\n"
).encode()


@pytest.fixture
def registry(tmp_path: Path, settings: Settings) -> Iterator[tuple[str, Path]]:
    path = tmp_path / "registry.sqlite3"

    async def prepare() -> None:
        store = EmbeddedStore(path)
        await store.open()
        await store.create_node(
            NodeKind.AREA, validate_node(NodeKind.AREA, {"name": "Grorud", "kind": "DISTRICT"})
        )
        await accounts.create_account(store, USER, Role.EDITOR, password=PASSWORD)
        await store.close()

    asyncio.run(prepare())
    with LiveServer(EmbeddedStore(path), settings) as url:
        yield url, path


def organisations(path: Path) -> dict[str, dict]:
    async def read() -> dict[str, dict]:
        store = EmbeddedStore(path)
        await store.open()
        try:
            found = await store.find_nodes(NodeQuery(NodeKind.ORGANISATION), Order())
            return {n.props["name"]: n.props for n in found}
        finally:
            await store.close()

    return asyncio.run(read())


def test_an_editor_maps_an_unknown_column_previews_and_imports(
    registry: tuple[str, Path], tmp_path: Path
):
    url, path = registry
    source = tmp_path / "foreninger.csv"
    source.write_bytes(CSV)
    assert Path(CHROMIUM).exists(), f"the browser tests need Chromium at {CHROMIUM}"
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        browser: Browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{url}/import")
        expect(page).to_have_url(re.compile(r"/signin"))
        page.fill("#username", USER)
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page).to_have_url(re.compile(r"/import$"))
        expect(page.locator("h1")).to_have_text("Importer organisasjoner og kontaktpersoner")

        page.set_input_files("#u-file", str(source))
        page.click("#u-check")
        status = page.locator("#u-status")
        expect(status).to_have_text("Filen har feil. Ingenting er importert.")
        expect(page.locator("#u-errors")).to_contain_text("rad 1: ingen kolonne for name")
        expect(page.locator("#u-import")).to_be_disabled()

        name_column = page.locator('select[data-header="Foreningens navn"]')
        expect(name_column).to_have_value("")
        name_column.select_option("name")
        expect(status).to_contain_text("Prøvekjøring: 2 organisasjoner")

        comment = page.locator('select[data-header="Kommentar"]')
        comment.select_option("postal_code")  # a mistake: the cell is marked in the preview
        expect(page.locator("#u-preview td.bad")).to_have_count(1)
        expect(page.locator("#u-preview td.bad")).to_contain_text("ring i mai")
        expect(page.locator("#u-errors")).to_contain_text("(verdien er 'ring i mai')")
        OUTPUT.mkdir(exist_ok=True)
        page.screenshot(path=OUTPUT / "upload-preview.png", full_page=True)

        page.locator('select[data-header="Kommentar"]').select_option("")
        expect(status).to_contain_text("Prøvekjøring: 2 organisasjoner, 0 personer og 2 koblinger")
        expect(page.locator("#u-preview td.bad")).to_have_count(0)
        page.locator("#u-import").focus()
        page.keyboard.press("Enter")
        expect(status).to_contain_text("Importert: 2 organisasjoner")
        browser.close()
    assert errors == [], errors
    found = organisations(path)
    assert set(found) == {"Grorud Kvinnenettverk", "Romsås Ungdom"}
    assert found["Grorud Kvinnenettverk"]["kind"] == "VOLUNTARY_ORGANISATION"
    assert "ring i mai" not in str(found)


def test_the_page_is_for_editors(registry: tuple[str, Path]):
    import httpx

    url, path = registry

    async def token() -> str:
        store = EmbeddedStore(path)
        await store.open()
        try:
            account, _ = await accounts.create_account(store, "leser", Role.CONTACT_VIEWER)
            _, secret = await accounts.create_token(store, account, Role.CONTACT_VIEWER, "t", 1)
            return secret
        finally:
            await store.close()

    headers = {"Authorization": f"Bearer {asyncio.run(token())}"}
    response = httpx.get(f"{url}/import?lang=en", headers=headers)
    assert response.status_code == 403 and "editor role" in response.text
