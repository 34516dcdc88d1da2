"""Neo4j Browser in a real browser: Debian's chromium driven by Playwright (never a download).

Log in to the local Neo4j's Browser; on connect it loads powermap's style, sets the guide's
parameters and opens 「powermap 分析指南」 (browser.post_connect_cmd); click two of the guide's
queries into the editor and run them; the graph is drawn in the style's colours and the table
shows the rows. Screenshots go to tests/output/browser/; with POWERMAP_DOC_SCREENSHOTS=1 they
are also copied to docs/images/ for docs/analysts.md (so an ordinary run leaves the tree clean).
"""

import os
import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from neo4j import Driver
from playwright.sync_api import Locator, Page, expect, sync_playwright

from api.main import create_app
from graph.browser.guide import GUIDE_TITLE
from graph.browser.lights import label_lights
from graph.browser.schema import grass_rules, style_text
from graph.localdb import USER, LocalServer
from graph.settings import Settings
from tests.browser.workbooks import build_station

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "tests" / "output" / "browser"
DOC_IMAGES = ROOT / "docs" / "images"
TIMEOUT_MS = 30_000


def _fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body: bytes = response.read()
            return body
    except OSError:
        return None


def _serves_the_guide(url: str) -> bool:
    body = _fetch(f"{url}/browser/guide.html")
    return body is not None and GUIDE_TITLE in body.decode("utf-8", errors="replace")


def _serves_this_code(url: str, settings: Settings) -> bool:
    """Whatever answers at `url` serves exactly the guide and style this checkout serves: not an
    older `powermap serve`, another checkout's, or anything else that happens to listen there."""
    from fastapi.testclient import TestClient

    with TestClient(create_app(settings)) as here:
        return all(
            _fetch(f"{url}{path}") == here.get(path).content
            for path in ("/browser/guide.html", "/browser/style.grass")
        )


@pytest.fixture(scope="module")
def api_url(neo4j_settings: Settings) -> Iterator[str]:
    """powermap's API where the Neo4j conf sends the Browser: started here, or a running
    `powermap serve` reused (make demo leaves one)."""
    url = neo4j_settings.powermap_api_url
    if _fetch(f"{url}/browser/guide.html") is not None:
        if not _serves_this_code(url, neo4j_settings):
            pytest.fail(
                f"{url} 上已有别的服务在应答，其指南或样式与本代码不同；"
                "请停止它，或设置 POWERMAP_TEST_API_URL / "
                f"something else answers at {url} with another guide or style: stop it or choose another port"
            )
        yield url
        return
    parts = urlsplit(url)
    config = uvicorn.Config(
        create_app(neo4j_settings),
        host=parts.hostname or "localhost",
        port=parts.port or 80,
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not _serves_the_guide(url):
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail(f"powermap 的 API 没能在 {url} 启动（端口被占用？设置 POWERMAP_API_URL）")
        time.sleep(0.2)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
        context.set_default_timeout(TIMEOUT_MS)
        expect.set_options(timeout=TIMEOUT_MS)
        yield context.new_page()
        browser.close()


def shoot(page: Page, name: str) -> None:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUTPUT / name)
    if os.environ.get("POWERMAP_DOC_SCREENSHOTS") == "1":
        shutil.copyfile(OUTPUT / name, DOC_IMAGES / name)


# A node of the station by its name -> the GraSS rule whose colour it must be drawn in.
EXPECTED_FILL = {
    "核算退补金额": "node.Red",
    "审批": "node.Yellow",
    "受理退补申请": "node.Green",
    "退款": "node.Node",
    "电费退补": "node.Process",
    "收费员": "node.Post",
    "虚增退补金额": "node.Risk",
    "所长复核退补清单": "node.Control",
}


def fill_of(drawn: list[list[str]], name: str) -> str | None:
    """The fill of the one drawn node captioned `name`; long captions are cut to `prefix…`."""
    fills = [
        fill
        for caption, fill in drawn
        if caption == name
        or (caption.endswith("…") and len(name) >= len(caption) and name.startswith(caption[:-1]))
    ]
    assert len(fills) == 1, f"{name}: drawn {len(fills)} times in {drawn}"
    return fills[0]


def run_from_guide(page: Page, query_name: str) -> Locator:
    """Page through the guide to the query's block, click it into the editor, run it;
    returns the result frame."""
    block = page.locator(f'pre.runnable[data-kind="query"][data-query="{query_name}"]')
    for _ in range(30):
        if block.is_visible():
            break
        page.get_by_test_id("guideNextSlide").click()
    block.click()
    first_line = block.inner_text().strip().splitlines()[0]
    expect(page.get_by_test_id("activeEditor")).to_contain_text(first_line[:30])
    page.get_by_test_id("editor-Run").click()
    frame = page.get_by_test_id("frame").first
    expect(frame.get_by_test_id("frameCommand")).to_contain_text(first_line[:30])
    return frame


def test_analyst_logs_in_sees_the_guide_and_runs_its_queries(
    db: Driver, neo4j_settings: Settings, api_url: str, page: Page
) -> None:
    server = LocalServer.from_settings(neo4j_settings)
    if neo4j_settings.neo4j_uri != server.uri:
        pytest.skip(f"needs the local Neo4j and its Browser; NEO4J_URI is {neo4j_settings.neo4j_uri}")
    build_station(db, neo4j_settings.neo4j_database)
    label_lights(db, neo4j_settings.neo4j_database)

    bolt = neo4j_settings.neo4j_uri.replace("bolt://", f"bolt://{USER}@")
    page.goto(f"{server.browser_url}?dbms={bolt}")
    page.get_by_test_id("password").fill(neo4j_settings.neo4j_password.get_secret_value())
    shoot(page, "browser-login.png")
    page.get_by_test_id("connect").click()

    # On connect: the guide opens in the sidebar, with the schema picture and the defaults block.
    drawer = page.get_by_test_id("guidesDrawer")
    expect(drawer).to_contain_text(GUIDE_TITLE)
    expect(drawer.locator('img[src^="data:image/svg+xml"]')).to_be_visible()
    expect(drawer.locator('pre.runnable[data-kind="params"]')).to_contain_text(":params {")
    shoot(page, "browser-guide.png")

    # A graph: every node drawn in its label's colour, rated nodes in their light.
    frame = run_from_guide(page, "explore/process_risks")
    expect(frame).to_contain_text("Displaying 12 nodes")
    expect(frame.locator("g.node")).to_have_count(12)
    drawn = frame.locator("g.node").evaluate_all(
        "els => els.map(e => [e.textContent.trim(),"
        " e.querySelector('circle.b-outline').getAttribute('fill')])"
    )
    colour = {selector: rule.get("color") for selector, rule in grass_rules(style_text()).items()}
    assert {name: fill_of(drawn, name) for name in EXPECTED_FILL} == {
        name: colour[selector] for name, selector in EXPECTED_FILL.items()
    }
    frame.get_by_title("Collapse the node properties display").click()
    frame.get_by_label("zoom-to-fit").click()
    shoot(page, "browser-graph.png")

    # A table: who backs up whom, from the parameters set on connect ($unit = null).
    frame = run_from_guide(page, "explore/backups")
    table = frame.get_by_test_id("frame-loaded-contents")
    for text in ("P-CASH", "张伟", "李娜", "P-HEAD", "leave"):
        expect(table).to_contain_text(text)
    shoot(page, "browser-table.png")
