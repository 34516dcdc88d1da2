"""`powermap db start | stop | status | migrate | wipe --yes`: the local Neo4j server."""

from typing import Annotated

import typer
from rich.console import Console

from api.commands.connect import connect
from graph.browser.guide import default_params_command
from graph.localdb import LocalDbError, LocalServer, write_env
from graph.schema import migrate as apply_schema
from graph.schema import wipe as wipe_graph
from graph.settings import Settings, get_settings

app = typer.Typer(help="本地 Neo4j 数据库 / the local Neo4j server.", no_args_is_help=True)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


TEST = typer.Option(
    "--test",
    help="测试用的服务器（make test，.neo4j-test/）/ the test suite's server, not the demo's",
)


def _server(test: bool = False) -> LocalServer:
    return (LocalServer.for_tests if test else LocalServer.from_settings)(get_settings())


def server_to_start(settings: Settings, test: bool = False) -> LocalServer:
    """The server with the guide's `:params` command, which Neo4j Browser runs on connect.

    Without it, and a warning, when the guide cannot give it: the database starts all the same.
    """
    make = LocalServer.for_tests if test else LocalServer.from_settings
    try:
        return make(settings, browser_params=default_params_command())
    except Exception as exc:  # whatever is wrong in the guide's query files must not stop `db start`
        err.print(
            f"[yellow]警告：分析指南的参数无法生成，Browser 连接后不设默认参数 / warning: the guide's "
            f"parameters could not be built, the Browser connects without them: {exc}[/yellow]",
            highlight=False,
        )
        return make(settings)


def _fail(message: str) -> typer.Exit:
    err.print(f"[red]{message}[/red]", highlight=False)
    return typer.Exit(1)


@app.command()
def start(test: Annotated[bool, TEST] = False) -> None:
    """启动本地 Neo4j（已在运行则什么也不做），并建立约束与索引。"""
    server = server_to_start(get_settings(), test)
    try:
        with out.status("正在启动 Neo4j / starting Neo4j ..."):
            settings, started = server.start(get_settings())
    except LocalDbError as exc:
        raise _fail(str(exc)) from None
    # .env keeps the demo server's connection; the test suite finds its server's password itself.
    where = server.password_file if test else write_env(server, settings)
    version = server.answers(settings)
    verb = "已启动 / started" if started else "已在运行 / already running"
    out.print(f"Neo4j {version} {verb}: {server.uri}")
    out.print(f"Neo4j Browser: {server.browser_url}  (用户 {settings.neo4j_user}，密码见 {where})")


@app.command()
def stop(test: Annotated[bool, TEST] = False) -> None:
    """停止本地 Neo4j。"""
    server = _server(test)
    with out.status("正在停止 Neo4j / stopping Neo4j ..."):
        was_running = server.stop()
    out.print("已停止 / stopped" if was_running else "未在运行 / not running")


@app.command()
def status(test: Annotated[bool, TEST] = False) -> None:
    """数据库能回答查询时退出码为 0（NEO4J_URI 所指的数据库，或 --test 的测试服务器）。"""
    settings = get_settings()
    server = _server(test)
    if test:
        settings = server.credentials(settings) or server.settings(settings, "")
    version = server.answers(settings)
    if version is None:
        raise _fail(f"数据库没有响应 / no answer from {settings.neo4j_uri}")
    out.print(f"Neo4j {version} 正常 / answers at {settings.neo4j_uri}")


@app.command()
def migrate() -> None:
    """建立（缺少的）约束与索引；可重复运行。"""
    with connect() as g:
        count = apply_schema(g.driver, g.database)
    out.print(f"约束与索引已就绪 / schema ready ({count} statements)")


@app.command()
def wipe(
    yes: Annotated[bool, typer.Option("--yes", help="确认删除全部数据 / confirm")] = False,
) -> None:
    """删除全部数据（保留约束与索引）。需要 --yes。"""
    if not yes:
        raise _fail("这会删除全部数据；确认请加 --yes / this deletes all data: add --yes")
    with connect() as g:
        wipe_graph(g.driver, g.database)
    out.print(f"已清空 / wiped {g.settings.neo4j_uri}")
