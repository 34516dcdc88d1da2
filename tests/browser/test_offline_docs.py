"""`/docs` and `/redoc` on an isolated intranet (contract section 5): drawn in a real browser
(Debian's chromium) with every request staying on this machine."""

import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Request, sync_playwright

from api.main import create_app
from graph.settings import Settings

CHROMIUM = "/usr/bin/chromium"
OUTPUT = Path(__file__).resolve().parents[2] / "tests" / "output" / "browser"
LOCAL = {"127.0.0.1", "localhost"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def api(neo4j_settings: Settings) -> Iterator[str]:
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(neo4j_settings), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            urllib.request.urlopen(f"{url}/health", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail("the API did not start")
            time.sleep(0.2)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


@pytest.mark.parametrize(("page", "drawn"), [("docs", ".opblock"), ("redoc", "[role=menuitem]")])
def test_api_docs_load_nothing_from_outside(api: str, page: str, drawn: str) -> None:
    requested: list[str] = []
    OUTPUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            tab = browser.new_page()

            def record(request: Request) -> None:
                requested.append(request.url)

            tab.on("request", record)
            tab.goto(f"{api}/{page}", wait_until="networkidle")
            tab.wait_for_selector(drawn, timeout=30_000)
            assert tab.locator(drawn).count() > 3  # the operations of the API are listed
            tab.screenshot(path=str(OUTPUT / f"api-{page}.png"))
        finally:
            browser.close()
    outside = [
        u for u in requested if urlsplit(u).scheme in ("http", "https") and urlsplit(u).hostname not in LOCAL
    ]
    assert outside == []
    assert any(u.endswith(".js") for u in requested)  # the scripts came, from this machine
