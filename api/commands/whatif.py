"""People move on the command line (contract section 7): `powermap whatif`, `powermap stand-ins`,
`powermap chokepoints`, `powermap fixes`. Nothing is written to the graph.

Exit 0 when answered; 1 when the database fails; 2 on bad input (an unknown id, a malformed event).
"""

import csv
import io
import json
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from pydantic import BaseModel
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from typer.core import TyperCommand

from api.commands.check import SEVERITY_STYLE
from api.commands.connect import connect
from graph.settings import Settings
from graph.vocab import SEVERITIES, word
from graph.whatif import (
    AddControlEvent,
    AssignEvent,
    ChokePoint,
    Event,
    Lens,
    StatusEvent,
    TransferEvent,
    UnassignEvent,
    choke_points,
    fixes,
    parse_events,
    stand_ins,
    what_if,
)

err = Console(stderr=True, soft_wrap=True)

# The event options, by their parameter names; their occurrences are applied in command-line order.
EVENT_PARAMS = ("leave", "depart", "come_back", "assign", "unassign", "transfer")


class OrderedEvents(TyperCommand):
    """Remembers the order in which the event options occur on the command line (click keeps
    only the values of each option), so `--leave X --return X` and `--return X --leave X` differ."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's vendored click Context
        parser = self.make_parser(ctx)
        try:
            _, _, order = parser.parse_args(args=list(args))
        except Exception:  # a usage error: the real parse below reports it
            order = []
        ctx.meta["event_order"] = [p.name for p in order if p.name in EVENT_PARAMS]
        return super().parse_args(ctx, args)


class Format(StrEnum):
    json = "json"
    table = "table"


class ListFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def _lens(settings: Settings) -> Lens:
    return Lens(threshold=settings.powermap_concentration_threshold, model=settings.powermap_risk)


def _parts(value: str, n: int, shape: str) -> list[str]:
    parts = [p.strip() for p in value.replace("：", ":").split(":")]
    if len(parts) != n or not all(parts):
        raise typer.BadParameter(f"应为 {shape} / expected {shape}: {value}")
    return parts


def _role(value: str) -> Literal["A", "B"]:
    role = value.upper().removesuffix("角")
    if role == "A":
        return "A"
    if role == "B":
        return "B"
    raise typer.BadParameter(f"角色只能是 A 或 B / role must be A or B: {value}")


def _event(kind: str, value: str) -> Event:
    if kind == "leave":
        return StatusEvent(type="leave", person_id=value)
    if kind == "depart":
        return StatusEvent(type="depart", person_id=value)
    if kind == "come_back":
        return StatusEvent(type="return", person_id=value)
    if kind == "unassign":
        person, post = _parts(value, 2, "PERSON:POST")
        return UnassignEvent(person_id=person, post_id=post)
    person, post, role = _parts(value, 3, "PERSON:POST:ROLE")
    if kind == "assign":
        return AssignEvent(person_id=person, post_id=post, role=_role(role))
    return TransferEvent(person_id=person, post_id=post, role=_role(role))


def _events(ctx: typer.Context, file: Path | None, given: dict[str, list[str] | None]) -> list[Event]:
    events: list[Event] = []
    if file is not None:
        try:
            events += parse_events(json.loads(file.read_text(encoding="utf-8-sig")))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"读不了事件文件 / cannot read the events file {file}: {exc}") from None
    queues = {k: list(v or []) for k, v in given.items()}
    for kind in ctx.meta.get("event_order", []):
        events.append(_event(kind, queues[kind].pop(0)))
    if not events:
        raise ValueError(
            "没有事件：用 --leave/--depart/--return/--assign/--unassign/--transfer 或 --events"
            " / no events given"
        )
    return events


def _severity(severity: str) -> str:
    style = SEVERITY_STYLE[severity]
    return f"[{style}]{word(SEVERITIES, severity)}[/{style}]"


def _findings_table(title: str, findings: Sequence[Any]) -> Table:
    table = Table(title=f"{title}（{len(findings)}）", title_justify="left", expand=True)
    table.add_column("严重程度", no_wrap=True, width=8)
    table.add_column("检查", no_wrap=True)
    table.add_column("说明 / message", ratio=1, overflow="fold")
    for f in findings:
        table.add_row(_severity(f.severity), f.check, f.message)
    return table


def _json(answer: BaseModel | list[Any]) -> None:
    data = (
        [a.model_dump(mode="json") for a in answer]
        if isinstance(answer, list)
        else answer.model_dump(mode="json")
    )
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def whatif(
    ctx: typer.Context,
    leave: Annotated[
        list[str] | None, typer.Option("--leave", metavar="PERSON", help="休假 / goes on leave")
    ] = None,
    depart: Annotated[
        list[str] | None, typer.Option("--depart", metavar="PERSON", help="离岗 / leaves")
    ] = None,
    come_back: Annotated[
        list[str] | None, typer.Option("--return", metavar="PERSON", help="返岗 / returns to work")
    ] = None,
    assign: Annotated[
        list[str] | None,
        typer.Option("--assign", metavar="PERSON:POST:ROLE", help="任岗（A/B角）/ takes a post"),
    ] = None,
    unassign: Annotated[
        list[str] | None,
        typer.Option("--unassign", metavar="PERSON:POST", help="卸岗（所有角色）/ leaves a post"),
    ] = None,
    transfer: Annotated[
        list[str] | None,
        typer.Option(
            "--transfer", metavar="PERSON:POST:ROLE", help="调岗：卸下所有岗位再任此岗 / moves to one post"
        ),
    ] = None,
    events_file: Annotated[
        Path | None,
        typer.Option("--events", metavar="FILE.json", help='事件文件 {"events": [...]}，先于选项应用'),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json | table")] = Format.table,
) -> None:
    """人员变动假设分析：休假、离岗、返岗、任岗、卸岗、调岗之后新增和消除的问题、暴露度变化、谁来顶岗。不写入任何数据。"""
    given = {
        "leave": leave,
        "depart": depart,
        "come_back": come_back,
        "assign": assign,
        "unassign": unassign,
        "transfer": transfer,
    }
    events = _events(ctx, events_file, given)  # malformed: exit 2 (api/cli.py)
    with connect() as g:
        answer = what_if(g.driver, g.database, events, _lens(g.settings))
    if fmt is Format.json:
        _json(answer)
        return
    console = Console(soft_wrap=False)
    console.print(f"[bold]{answer.message}[/bold]", highlight=False)
    console.print(_findings_table("新增问题 / new", answer.new))
    console.print(_findings_table("消除问题 / resolved", answer.resolved))
    if answer.exposure:
        table = Table(title="暴露度变化 / exposure", title_justify="left")
        for column in ("类别", "编号", "之前", "之后"):
            table.add_column(column)
        for e in answer.exposure:
            table.add_row(e.kind, e.id, f"{e.before:.1f}", f"{e.after:.1f}")
        console.print(table)
    for a in answer.acting:
        console.print(f"顶岗 / acting: {a.message}", highlight=False)


def stand_ins_command(
    post_id: Annotated[str, typer.Argument(metavar="POST", help="岗位编号 / post id")],
    role: Annotated[str, typer.Option("--role", help="A | B")] = "B",
    limit: Annotated[int, typer.Option("--limit", min=1, help="最多几人 / at most N")] = 10,
    fmt: Annotated[Format, typer.Option("--format", help="json | table")] = Format.table,
) -> None:
    """顶岗候选人：岗位所在单位及下级单位的在岗人员，按新增不相容职责、新增问题、暴露度排序。"""
    with connect() as g:
        answer = stand_ins(g.driver, g.database, post_id, _role(role), limit, _lens(g.settings))
    if fmt is Format.json:
        _json(answer)
        return
    console = Console(soft_wrap=False)
    console.print(f"[bold]{answer.message}[/bold]", highlight=False)
    table = Table(title_justify="left", expand=True)
    for column in ("#", "人员", "新增不相容", "新增问题", "任后暴露度"):
        table.add_column(column, no_wrap=True)
    table.add_column("说明 / message", ratio=1, overflow="fold")
    for i, c in enumerate(answer.candidates, 1):
        sod = sum(1 for f in c.new if f.check == "sod_conflict")
        table.add_row(
            str(i),
            f"{c.name}（{c.person_id}）",
            str(sod),
            str(len(c.new)),
            f"{c.exposure_after:.1f}",
            c.message,
        )
    console.print(table)


CHOKE_HEADER = (
    "名次 rank",
    "人员编号 person_id",
    "姓名 name",
    "得分 score",
    "新增问题 new",
    "说明 message",
    "问题编号 finding_ids",
)


def choke_csv(found: Sequence[ChokePoint]) -> str:
    """One row per person, with a BOM so that Excel reads the Chinese as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CHOKE_HEADER)
    for i, c in enumerate(found, 1):
        ids = " ".join(f.finding_id for f in c.new)
        writer.writerow([i, c.person_id, c.name or "", c.score, len(c.new), c.message, ids])
    return "\ufeff" + buffer.getvalue()


# A progress bar is drawn on stderr from this many people up (and only on a terminal).
PROGRESS_FROM = 30


def chokepoints(
    unit: Annotated[str | None, typer.Option("--unit", help="只看此单位（含下级）/ one unit")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="只列前 N 人 / top N")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table | csv | json")] = ListFormat.table,
) -> None:
    """关键人员（卡脖子）：每位在岗人员一休假会新增哪些问题，按得分（严重4、高3、中2、低1之和）排序。供月度例会。"""
    with (
        connect() as g,
        Progress(
            TextColumn("试算每人休假 / trying each leave"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress,
    ):
        task = progress.add_task("people", total=None)

        def tick(done: int, total: int) -> None:
            if total >= PROGRESS_FROM:
                progress.update(task, completed=done, total=total)

        found = choke_points(g.driver, g.database, unit, limit, _lens(g.settings), tick)
    if fmt is ListFormat.json:
        _json(found)
    elif fmt is ListFormat.csv:
        sys.stdout.buffer.write(choke_csv(found).encode("utf-8"))
    else:
        table = Table(title="关键人员：一休假就出问题的人 / choke points", title_justify="left", expand=True)
        for column in ("#", "人员", "得分", "新增问题"):
            table.add_column(column, no_wrap=True)
        table.add_column("说明 / message", ratio=1, overflow="fold")
        for i, c in enumerate(found, 1):
            table.add_row(str(i), f"{c.name}（{c.person_id}）", str(c.score), str(len(c.new)), c.message)
        Console(soft_wrap=False).print(table)


def fixes_command(
    finding_id: Annotated[str, typer.Argument(metavar="FINDING_ID", help="问题编号 / finding_id")],
    fmt: Annotated[Format, typer.Option("--format", help="json | table")] = Format.table,
) -> None:
    """整改建议：能单独消除该问题的一项调整及其副作用，代价小的在前。"""
    with connect() as g:
        answer = fixes(g.driver, g.database, finding_id, _lens(g.settings))
    if fmt is Format.json:
        _json(answer)
        return
    console = Console(soft_wrap=False)
    console.print(f"[bold]{answer.message}[/bold]", highlight=False)
    table = Table(title_justify="left", expand=True)
    table.add_column("#", no_wrap=True)
    table.add_column("更糟", no_wrap=True)
    table.add_column("新增问题", no_wrap=True)
    table.add_column("说明 / message", ratio=1, overflow="fold")
    for i, f in enumerate(answer.fixes, 1):
        table.add_row(str(i), "[red]是[/red]" if f.worse else "否", str(len(f.new)), f.message)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command(name="whatif", cls=OrderedEvents)(whatif)
    app.command(name="stand-ins")(stand_ins_command)
    app.command(name="chokepoints")(chokepoints)
    app.command(name="fixes")(fixes_command)


__all__ = ["AddControlEvent", "choke_csv", "register"]
