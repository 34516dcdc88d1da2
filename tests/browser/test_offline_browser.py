"""Neo4j Browser on an isolated intranet (contract section 5): logged in, with powermap's guide
open and a query of it drawn, Debian's chromium records every request; not one leaves the
machine, and the Browser asks for no usage data."""

import re
import urllib.request
from urllib.parse import urljoin, urlsplit

import pytest
from neo4j import Driver
from playwright.sync_api import Page, Request, expect

from graph.browser.guide import GUIDE_TITLE
from graph.localdb import CDN_HOSTS, USER, LocalServer
from graph.settings import Settings
from tests.browser.test_real_browser import api_url, page, run_from_guide, shoot  # noqa: F401
from tests.browser.workbooks import build_station

LOCAL = {"127.0.0.1", "localhost"}
# What the Browser shows when it would collect usage data (its UdcConsentBanner).
USAGE_BANNER = "we collect information on product usage"


def test_neo4j_browser_with_the_guide_loads_nothing_from_outside(
    db: Driver,
    neo4j_settings: Settings,
    api_url: str,  # noqa: F811
    page: Page,  # noqa: F811
) -> None:
    server = LocalServer.from_settings(neo4j_settings)
    if neo4j_settings.neo4j_uri != server.uri:
        pytest.skip(f"needs the local Neo4j and its Browser; NEO4J_URI is {neo4j_settings.neo4j_uri}")
    build_station(db, neo4j_settings.neo4j_database)
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    page.context.on("request", record)
    bolt = neo4j_settings.neo4j_uri.replace("bolt://", f"bolt://{USER}@")
    page.goto(f"{server.browser_url}?dbms={bolt}")
    page.get_by_test_id("password").fill(neo4j_settings.neo4j_password.get_secret_value())
    page.get_by_test_id("connect").click()
    drawer = page.get_by_test_id("guidesDrawer")
    expect(drawer).to_contain_text(GUIDE_TITLE)
    # The style and the guide came from powermap's API, on this machine.
    assert any(u.endswith("/browser/style.grass") for u in requested)
    assert any(u.endswith("/browser/guide.html") for u in requested)
    frame = run_from_guide(page, "explore/process_risks")
    expect(frame.locator("g.node").first).to_be_visible()
    page.wait_for_timeout(3_000)  # what a page loads after a while (widgets, reports) too
    shoot(page, "browser-offline.png")
    expect(page.get_by_text(USAGE_BANNER)).to_have_count(0)
    outside = [
        u
        for u in requested
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname not in LOCAL
    ]
    assert outside == []
    assert any(urlsplit(u).path.startswith("/browser/") and u.endswith(".js") for u in requested)


def _served(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as answer:
        body: bytes = answer.read()
        return body


def test_the_served_browser_names_no_public_cdn(neo4j_settings: Settings) -> None:
    """Every page and script the local Browser serves, as served over HTTP: no CDN host named,
    so none can be loaded, whatever a setting or a click does."""
    server = LocalServer.from_settings(neo4j_settings)
    if neo4j_settings.neo4j_uri != server.uri:
        pytest.skip(f"needs the local Neo4j and its Browser; NEO4J_URI is {neo4j_settings.neo4j_uri}")
    checked: dict[str, bytes] = {}
    for page_url in (server.browser_url, f"{server.browser_url}preview/"):
        html = _served(page_url)
        checked[page_url] = html
        for asset in re.findall(rb'(?:src|href)="([^"]+\.(?:js|css))"', html):
            url = urljoin(page_url, asset.decode())
            checked[url] = _served(url)
    assert len(checked) > 4, "the Browser's pages and their scripts were read"
    named = {(url, host) for url, body in checked.items() for host in CDN_HOSTS if host.encode() in body}
    assert named == set()


def test_the_browser_preview_reads_its_guide_catalogue_from_this_machine(
    neo4j_settings: Settings,
    page: Page,  # noqa: F811
) -> None:
    """The preview asks for its guide catalogue as soon as it opens, before anyone logs in: from
    the local server, where it is found, and from nowhere else."""
    server = LocalServer.from_settings(neo4j_settings)
    if neo4j_settings.neo4j_uri != server.uri:
        pytest.skip(f"needs the local Neo4j and its Browser; NEO4J_URI is {neo4j_settings.neo4j_uri}")
    answered: dict[str, int] = {}
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    page.context.on("response", lambda response: answered.update({response.url: response.status}))
    page.goto(f"{server.browser_url}preview/")
    catalogue = f"{server.browser_url}preview/workspace-guides/index.json"
    page.wait_for_timeout(5_000)  # what the page fetches after it is drawn
    shoot(page, "browser-preview-offline.png")
    assert answered.get(catalogue) == 200
    outside = [
        u
        for u in requested
        if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).hostname not in LOCAL
    ]
    assert outside == []
