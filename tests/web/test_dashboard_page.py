"""The page at `/`: only for signed-in callers, no inline script (the CSP forbids it), the
session's CSRF token for the scripts, bokmål unless English is asked for."""

import re
from collections.abc import Iterator

import httpx
import pytest
from conftest import Live

from registry.domain.accounts import Role


@pytest.fixture
def signed_in(live: Live) -> Iterator[httpx.Client]:
    """A browser-like client signed in through the form, with its session cookie."""
    with httpx.Client(base_url=live.url, follow_redirects=True) as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/signin").text)[1]
        form = {"username": live.username, "password": live.password, "csrf_token": token}
        assert client.post("/signin", data=form).status_code == 200
        yield client


def test_anonymous_browsers_are_sent_to_sign_in(live: Live):
    response = httpx.get(f"{live.url}/", headers={"accept": "text/html"})
    assert response.status_code == 303 and response.headers["location"] == "/signin?next=/"


def test_the_page_frame(signed_in: httpx.Client):
    client = signed_in
    page = client.get("/")
    html = page.text
    assert page.status_code == 200 and '<html lang="nb">' in html
    assert "script-src 'self'" in page.headers["content-security-policy"]
    token = re.search(r'<meta name="csrf-token" content="([^"]+)">', html)[1]
    assert len(token) > 20
    for tag in re.findall(r"<script[^>]*>", html):
        assert 'src="/static/' in tag or 'type="application/json"' in tag, tag
    assert not re.search(r"\son[a-z]+=", html), "no inline event handlers"
    assert 'href="#gap-report"' in html and 'id="gap-report"' in html
    for static in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(static).status_code == 200, static
    # The token the page carries lets its scripts post to the API.
    query = {"query": "{ networkMap }"}
    assert client.post("/graphql", json=query).status_code == 403
    answered = client.post("/graphql", json=query, headers={"X-CSRF-Token": token})
    assert answered.status_code == 200 and "errors" not in answered.json()


def test_english_is_remembered(signed_in: httpx.Client):
    client = signed_in
    english = client.get("/?lang=en")
    assert '<html lang="en">' in english.text and "Gap report" in english.text
    assert '<html lang="en">' in client.get("/").text
    assert '<html lang="nb">' in client.get("/?lang=nb").text


async def test_the_page_says_when_contacts_are_out_of_reach(demo, connect):
    viewer = await (await connect(Role.VIEWER)).get("/")
    assert 'data-contacts="false"' in viewer.text and "/export/contacts" not in viewer.text
    reader = await (await connect(Role.CONTACT_VIEWER)).get("/")
    assert 'data-contacts="true"' in reader.text and "/export/contacts.xlsx" in reader.text
