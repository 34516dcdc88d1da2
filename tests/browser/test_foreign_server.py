"""The real-browser test reuses a running API only when it serves this checkout's guide and style."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from graph.browser.guide import GUIDE_TITLE
from graph.settings import Settings
from tests.api.test_resilience import serving
from tests.browser.test_real_browser import _serves_the_guide, _serves_this_code


class _Impostor(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = f"<html><title>{GUIDE_TITLE}</title>an older guide</html>".encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def test_a_foreign_server_is_not_trusted(neo4j_settings: Settings) -> None:
    impostor = HTTPServer(("127.0.0.1", 0), _Impostor)
    threading.Thread(target=impostor.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{impostor.server_address[1]}"
    try:
        assert _serves_the_guide(url), "it answers with the guide's title"
        assert not _serves_this_code(url, neo4j_settings)
    finally:
        impostor.shutdown()
    with serving(neo4j_settings) as ours:
        assert _serves_this_code(ours, neo4j_settings)
