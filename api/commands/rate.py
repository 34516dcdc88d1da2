"""`powermap rate [--unit U]`: compute the risk ratings and write them back to the graph."""

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from api.commands.connect import connect
from graph.checks.run import ensure_unit
from graph.rating import RatedHolder
from graph.rating import rate as rate_graph
from graph.vocab import LIGHT_WORD

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)
LIGHTS = {light: f"[{light}]● {zh}[/{light}]" for light, zh in LIGHT_WORD.items()}
TOP = 5
TOP_PROCESSES = 20


def _top(title: str, items: list[RatedHolder]) -> Table:
    table = Table(title=title)
    for header in ("编号 id", "名称 name", "暴露度 exposure", "灯 light"):
        table.add_column(header)
    for item in sorted(items, key=lambda i: -i.exposure)[:TOP]:
        table.add_row(item.id, item.name, f"{item.exposure:.1f}", LIGHTS[item.light])
    return table


def rate(
    unit: Annotated[
        str | None, typer.Option("--unit", help="只写回此单位 / write back only this unit")
    ] = None,
) -> None:
    """计算剩余风险、暴露度、星级和红黄绿灯并写回图中（模型见 docs/risk-model.md）。"""
    with connect() as g:
        if unit is not None:
            ensure_unit(g.driver, g.database, unit)  # unknown: exit 2 (api/cli.py)
        ratings, rated_at = rate_graph(g.driver, g.database, g.settings.powermap_risk, unit)
    processes = Table(title=f"流程星级 / process ratings（{rated_at:%Y-%m-%d %H:%M} UTC）")
    for header in ("编号 id", "流程 process", "星级 stars", "剩余风险 residual", "暴露度 exposure"):
        processes.add_column(header)
    ranked = sorted(ratings.processes, key=lambda p: (-p.stars, -p.exposure))
    if len(ranked) > TOP_PROCESSES:
        processes.caption = (
            f"星级最高的 {TOP_PROCESSES} 个，共 {len(ranked)} 个流程 / top {TOP_PROCESSES} of {len(ranked)}"
        )
    for p in ranked[:TOP_PROCESSES]:
        processes.add_row(p.id, p.name, "★" * p.stars or "—", f"{p.residual:.1f}", f"{p.exposure:.1f}")
    out.print(processes)
    out.print(_top(f"暴露度最高的岗位 / top {TOP} posts", ratings.posts))
    out.print(_top(f"暴露度最高的人员 / top {TOP} people", ratings.people))
    out.print(
        f"已写回 / written back: {'单位 ' + unit if unit else '全部单位 / every unit'}", highlight=False
    )
