"""`powermap browser lights`: what Neo4j Browser needs from the graph to colour it."""

import typer
from rich.console import Console

from graph.browser.lights import label_lights
from graph.connection import make_driver
from graph.settings import get_settings

app = typer.Typer(help="Neo4j Browser 的样式与指南 / Neo4j Browser's style and guide.", no_args_is_help=True)
out = Console(soft_wrap=True)


@app.command()
def lights() -> None:
    """按评级的 light 给节点加上 Red/Yellow/Green 标签，Browser 据此着红黄绿色（评级后运行）。"""
    settings = get_settings()
    with make_driver(settings) as driver:
        counts = label_lights(driver, settings.neo4j_database)
    out.print(f"红灯 Red {counts['red']}，黄灯 Yellow {counts['yellow']}，绿灯 Green {counts['green']}")
