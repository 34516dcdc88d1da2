"""Neo4j Browser's content from powermap: the style, the guide and the schema picture.

Open (no token): Neo4j Browser fetches them itself on connect (`browser.post_connect_cmd`),
cross-origin, with no way to send one. They hold no data, only what the repository holds.
"""

from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

from graph.browser.guide import default_sections, render
from graph.browser.schema import schema_svg, style_text
from graph.settings import Settings

router = APIRouter(prefix="/browser", tags=["browser"])


@router.get("/style.grass", response_class=Response, summary="Neo4j Browser 样式 / GraSS style")
def style() -> Response:
    return Response(style_text(), media_type="text/plain; charset=utf-8")


@router.get("/guide.html", response_class=Response, summary="「powermap 分析指南」/ Browser guide")
def guide(request: Request) -> Response:
    base_url = str(request.base_url).rstrip("/")
    return Response(render(default_sections(), base_url), media_type="text/html; charset=utf-8")


@router.get("/schema.svg", response_class=Response, summary="图模型 / the schema in one picture")
def schema() -> Response:
    return Response(schema_svg(), media_type="image/svg+xml")


def add_cors(app: FastAPI, settings: Settings) -> None:
    """Let the local Neo4j Browser's origins read these (it sends pragma and cache-control,
    so its GET is preflighted). Only GET, no credentials: the API proper stays token-only."""
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.browser_origins(),
        allow_methods=["GET"],
        allow_headers=["cache-control", "pragma"],
        allow_credentials=False,
    )
