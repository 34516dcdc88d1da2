"""Neo4j Browser's content from powermap: the style and the guide, under /browser/.

Open (no token): Neo4j Browser fetches them itself on connect (`browser.post_connect_cmd`),
cross-origin, with no way to send one. They hold no data, only what the repository holds.
They live in their own sub-application so that CORS opens them, and only them, to the
local Browser's origins; the API proper stays same-origin and token-only.
"""

from fastapi import APIRouter, FastAPI, Response
from fastapi.middleware.cors import CORSMiddleware

from graph.browser.guide import default_sections, render
from graph.browser.schema import style_text
from graph.settings import Settings

router = APIRouter(tags=["browser"])


@router.get("/style.grass", response_class=Response, summary="Neo4j Browser 样式 / GraSS style")
def style() -> Response:
    return Response(style_text(), media_type="text/plain; charset=utf-8")


@router.get("/guide.html", response_class=Response, summary="「powermap 分析指南」/ Browser guide")
def guide() -> Response:
    return Response(render(default_sections()), media_type="text/html; charset=utf-8")


def browser_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="powermap for Neo4j Browser", openapi_url=None, docs_url=None, redoc_url=None)
    app.include_router(router)
    # The Browser's GET is preflighted: it sends cache-control and pragma, and its error
    # reporting adds tracing headers, so any request header is allowed; origins are not.
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.browser_origins(),
        allow_methods=["GET"],
        allow_headers=["*"],
        allow_credentials=False,
    )
    return app
