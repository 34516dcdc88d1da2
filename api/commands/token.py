"""`powermap token create | list | revoke`: API tokens, stored as hashes in the graph."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from graph.tokens import Role, create_token, list_tokens, revoke_token

app = typer.Typer(help="API 令牌 / API tokens.", no_args_is_help=True)
err = Console(stderr=True, soft_wrap=True)


@app.command()
def create(
    role: Annotated[Role, typer.Option(help="viewer < analyst < admin")],
    name: Annotated[str, typer.Option(help="用途或使用者 / what or who it is for")] = "",
) -> None:
    """新建令牌：只在标准输出打印令牌本身（仅此一次），便于脚本捕获。"""
    with connect() as g:
        token = create_token(g.driver, g.database, role, name)
    print(token)
    err.print(f"已新建 {role.value} 令牌；请妥善保存，之后无法再次查看。")


@app.command("list")
def list_() -> None:
    """列出令牌（编号、角色、用途、创建时间；不含令牌本身）。"""
    with connect() as g:
        tokens = list_tokens(g.driver, g.database)
    table = Table("编号 id", "角色 role", "用途 name", "创建 created")
    for t in tokens:
        table.add_row(t.id, t.role.value, t.name, t.created_at or "")
    Console().print(table)


@app.command()
def revoke(token_id: Annotated[str, typer.Argument(help="令牌编号（token list 的第一列）")]) -> None:
    """吊销令牌。"""
    with connect() as g:
        revoked = revoke_token(g.driver, g.database, token_id)
    if not revoked:
        err.print(f"[red]没有编号为 {token_id} 的令牌 / no such token[/red]")
        raise typer.Exit(1)
    err.print(f"已吊销 / revoked {token_id}")
