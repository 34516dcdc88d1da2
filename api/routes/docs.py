"""`/docs` (Swagger UI) and `/redoc`, served entirely from this machine (contract section 5): the
scripts and styles come from the fastapi-offline package installed at set-up, never from a CDN,
and ReDoc loads no web fonts. Users run powermap on isolated intranets."""

from importlib import resources

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
# ReDoc's bundle hard-codes its badge's logo on the vendor's CDN: served with our favicon instead.
REDOC_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
# And the browser itself refuses anything from elsewhere, should a later bundle add another.
POLICY = "default-src 'self' 'unsafe-inline' blob: data:; worker-src 'self' blob:"


def _offline(page: HTMLResponse) -> HTMLResponse:
    page.headers["Content-Security-Policy"] = POLICY
    return page


def add_offline_docs(app: FastAPI) -> None:
    """Create the app with `docs_url=None, redoc_url=None`, then call this."""
    static = resources.files("fastapi_offline").joinpath("static")
    redoc_js = (
        static.joinpath("redoc.standalone.js")
        .read_bytes()
        .replace(REDOC_LOGO, f"{ASSETS}/favicon.png".encode())
    )

    @app.get("/redoc.js", include_in_schema=False)
    def redoc_script() -> Response:
        return Response(redoc_js, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})

    app.mount(ASSETS, StaticFiles(directory=str(static)), name="docs-assets")
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"

    @app.get("/docs", include_in_schema=False)
    def swagger_ui() -> HTMLResponse:
        return _offline(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=f"{app.title} - 接口文档",
                oauth2_redirect_url=redirect_url,
                swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                swagger_css_url=f"{ASSETS}/swagger-ui.css",
                swagger_favicon_url=f"{ASSETS}/favicon.png",
            )
        )

    @app.get(redirect_url, include_in_schema=False)
    def swagger_ui_redirect() -> HTMLResponse:
        return get_swagger_ui_oauth2_redirect_html()

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _offline(
            get_redoc_html(
                openapi_url=openapi_url,
                title=f"{app.title} - ReDoc",
                redoc_js_url="/redoc.js",
                redoc_favicon_url=f"{ASSETS}/favicon.png",
                with_google_fonts=False,
            )
        )
