"""The dashboard driven in headless Chromium as an adviser would: sign in, read the map,
filter, open an organisation, download a contact list, switch language, and reach the gap
report by keyboard alone. Screenshots go to test-output/. Without Chromium these fail."""

import io
import re
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import Live
from playwright.sync_api import Browser, Page, expect

from .demo import Slice

pytestmark = pytest.mark.browser
OUTPUT = Path(__file__).parents[2] / "test-output"


@pytest.fixture
def page(browser: Browser, live: Live) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live.url}/?view=orgs")
    expect(page).to_have_url(re.compile(r"/signin"))
    page.fill("#username", live.username)
    page.fill("#password", live.password)
    page.click("button[type=submit]")
    expect(page.locator("#status")).to_contain_text("169", timeout=30_000)
    yield page
    context.close()
    assert errors == [], errors


def shot(page: Page, name: str) -> None:
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=OUTPUT / f"{name}.png")


def click_node(page: Page, name: str) -> None:
    """A real click on the canvas, where Cytoscape drew the organisation, after panning it
    to the middle of the map (as a user would) and scrolling the map into view."""
    page.locator("#cy").scroll_into_view_if_needed()
    # The map fits itself to a new selection with an animation: click once it has settled.
    page.wait_for_function(
        "() => { const cy = document.getElementById('cy')._cyreg.cy;"
        " return !cy.animated() && !cy.nodes().some((n) => n.animated()); }"
    )
    page.wait_for_timeout(300)
    x, y = page.evaluate(
        """(name) => {
          const cy = document.getElementById('cy')._cyreg.cy;
          const node = cy.nodes().filter((n) => n.data('name') === name);
          cy.center(node);
          const box = document.getElementById('cy').getBoundingClientRect();
          const at = node.renderedPosition();
          return [box.left + at.x, box.top + at.y];
        }""",
        name,
    )
    page.mouse.click(x, y)


def test_map_filter_details_and_export(page: Page, pakistani_in_gamle_oslo: Slice):
    s = pakistani_in_gamle_oslo
    expect(page.locator("#report-body table").first).to_be_visible()
    expect(page.locator("#legend")).to_contain_text("kommunal enhet")
    shot(page, "dashboard")

    page.select_option("#f-community", s.community)
    page.select_option("#f-area", s.area)
    page.click("#filters button[type=submit]")
    expect(page).to_have_url(re.compile(f"communityIds={s.community}.*areaIds={s.area}"))
    shown = re.compile(r"^(?!169 )\d+ organisasjoner")
    expect(page.locator("#status")).to_have_text(shown, timeout=30_000)
    minority = page.evaluate(
        "() => document.getElementById('cy')._cyreg.cy.nodes()"
        ".filter((n) => n.data('shape') === 'ellipse').map((n) => n.data('name'))"
    )
    assert set(minority) == s.organisations

    name = sorted(s.organisations)[0]
    click_node(page, name)
    panel = page.locator("#details")
    expect(panel).to_be_visible()
    expect(panel.locator(".org-name")).to_have_text(name)
    expect(panel).to_contain_text(s.community_name)
    expect(panel).to_contain_text("Kontaktpersoner")
    expect(panel).to_contain_text("brobyggerrolle")
    shot(page, "filtered-details")

    with page.expect_download() as download:
        page.click("a.export[data-kind=contacts][data-format=xlsx]")
    content = Path(download.value.path()).read_bytes()
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {row[0] for row in rows} == s.contacts
    organisations = {o for row in rows for o in row[5].split("; ")}
    assert organisations <= s.organisations and any("ø" in o for o in organisations)


def test_english_and_the_gap_report_by_keyboard(page: Page):
    page.click("a[hreflang=en]")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1")).to_have_text("Network map")
    expect(page.locator("#status")).to_contain_text("organisations", timeout=30_000)

    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the map")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to the gap report")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "gap-report"
    # On from the report's start: the first organisation named in it opens the side panel.
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.org"):
            break
    focused = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    expect(page.locator("#details .org-name")).to_have_text(focused)
    expect(page.locator("#gap-report")).to_contain_text("Bridging gaps by community")
    expect(page.locator("#gap-report table caption").first).to_be_visible()
    shot(page, "english-keyboard")


def test_graphiql_explorer_runs_the_starting_query(page: Page, live: Live):
    """The explorer loads from the package's own files (no CDN) and queries as the user."""
    page.goto(f"{live.url}/graphql")
    page.click(".graphiql-execute-button")
    expect(page.locator(".graphiql-response")).to_contain_text("Afghanere", timeout=30_000)
    expect(page.locator(".graphiql-response")).to_contain_text("Alna")
    shot(page, "graphiql")
