"""`powermap browser lights`: what Neo4j Browser needs from the graph to colour it."""

import typer
from rich.console import Console

from api.commands.connect import connect
from graph.browser.lights import label_lights
from graph.localdb import LocalServer
from graph.settings import get_settings

app = typer.Typer(help="Neo4j Browser 的样式与指南 / Neo4j Browser's style and guide.", no_args_is_help=True)
out = Console(soft_wrap=True)


@app.command()
def lights() -> None:
    """按评级的 light 给节点加上 Red/Yellow/Green 标签，Browser 据此着红黄绿色（评级后运行）。"""
    with connect() as g:
        counts = label_lights(g.driver, g.database)
    out.print(f"红灯 Red {counts['red']}，黄灯 Yellow {counts['yellow']}，绿灯 Green {counts['green']}")


@app.command()
def info() -> None:
    """打印 Neo4j Browser 的地址、账号、连接地址，以及样式和指南的地址。"""
    settings = get_settings()
    server = LocalServer.from_settings(settings)
    local = server.credentials(settings)
    if local is not None and settings.neo4j_uri == server.uri:
        user, password = local.neo4j_user, local.neo4j_password.get_secret_value()
    else:
        user, password = settings.neo4j_user, settings.neo4j_password.get_secret_value()
    api = settings.powermap_api_url
    out.print(f"Neo4j Browser: {server.browser_url}", highlight=False)
    out.print(f"  用户 / user: {user}    密码 / password: {password}", highlight=False)
    out.print(f"  连接 / connect URL: {settings.neo4j_uri}", highlight=False)
    out.print(
        f"  分析指南 / guide: {api}/browser/guide.html（连接后自动打开 / opens on connect）", highlight=False
    )
    out.print(
        f"  样式 / style: {api}/browser/style.grass（需 powermap serve 在运行 / while it runs)",
        highlight=False,
    )
