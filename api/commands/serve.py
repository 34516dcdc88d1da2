"""`powermap serve`: the HTTP API under uvicorn."""

from typing import Annotated

import typer
import uvicorn


def serve(
    host: Annotated[str, typer.Option(help="监听地址 / address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口 / port")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="进程数 / worker processes")] = 1,
) -> None:
    """启动 HTTP API（接口文档在 /docs）。"""
    uvicorn.run("api.main:create_app", factory=True, host=host, port=port, workers=workers, log_level="info")
