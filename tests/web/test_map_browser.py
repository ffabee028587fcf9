"""The dashboard's map in Chromium: an organisation of several communities takes the colour
of the one worst off, and its panel lists them all."""

import pytest
from playwright.sync_api import Browser, expect

MOSQUE = "Grønland pakistanske moskeforening"  # represents Muslims and Pakistanis


@pytest.mark.slow
@pytest.mark.browser
def test_the_map_colours_and_lists_every_community_of_an_organisation(browser: Browser, live):
    page = browser.new_page(viewport={"width": 1500, "height": 1000})
    page.goto(f"{live.url}/?view=orgs&colour=group&lang=en")
    page.fill("#username", live.username)
    page.fill("#password", live.password)
    page.click("button[type=submit]")
    expect(page.locator("#status")).to_contain_text("169", timeout=30_000)
    page.fill("#find-name", MOSQUE)
    page.press("#find-name", "Enter")
    panel = page.locator("#details")
    expect(panel).to_contain_text("Muslimer", timeout=15_000)
    expect(panel).to_contain_text("Pakistanere")
    # Its colour is the legend's for the community of the two whose status is worse.
    colour, worst = page.evaluate(
        """async (name) => {
          const served = await (await fetch('/map.json')).json();
          const org = served.organisations.find((o) => o.name === name);
          const node = document.getElementById('cy')._cyreg.cy.nodes()
            .filter((n) => n.data('name') === name);
          const el = document.createElement('i');
          el.style.color = node.data('colour');
          return [el.style.color, served.communities[org.worst].name];
        }""",
        MOSQUE,
    )
    swatch = page.locator("#legend li", has_text=worst).locator(".swatch")
    assert swatch.evaluate("(el) => el.style.backgroundColor") == colour
    page.close()
