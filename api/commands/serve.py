"""`powermap serve`: the HTTP API under uvicorn."""

from typing import Annotated
from urllib.parse import urlsplit

import typer
import uvicorn

from graph.settings import get_settings


def serve(
    host: Annotated[str, typer.Option(help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[
        int | None, typer.Option(help="端口 / port（默认取 POWERMAP_API_URL 的端口 / default: its port）")
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="进程数 / worker processes")] = 1,
) -> None:
    """启动 HTTP API（接口文档在 /docs）。"""
    # Neo4j Browser fetches the style and the guide from POWERMAP_API_URL: listen there.
    api = urlsplit(get_settings().powermap_api_url)
    port = port or api.port or (443 if api.scheme == "https" else 80)
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")
