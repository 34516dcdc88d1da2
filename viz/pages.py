"""The pages of a training pack that are not flowcharts: cover, index, and the 双关键 heatmap.

Each is a Graphviz HTML-like table drawn to PDF with cairo, so the CJK font is embedded the same
way as in the flowcharts.
"""

import html
from datetime import date

import graphviz

from graph.matrix import RiskMatrix
from graph.process_read import ProcessSummary
from viz.style import Band, band_of_score
from viz.text import html_lines


def _page(label: str, font: str) -> bytes:
    g = graphviz.Graph()
    g.attr(fontname=font, pad="0.6")
    g.node("page", label=label, shape="plaintext", fontname=font, fontsize="12")
    pdf: bytes = g.pipe(format="pdf", renderer="cairo")
    return pdf


def cover(title: str, subtitle: str, processes: int, today: date, font: str) -> bytes:
    """`title`: the station(s) the pack is about; `subtitle`: their sub-units, or empty."""
    sub = f'<TR><TD><FONT POINT-SIZE="14">{html.escape(subtitle)}</FONT></TD></TR>' if subtitle else ""
    return _page(
        f'<<TABLE BORDER="0" CELLPADDING="10">'
        f'<TR><TD><FONT POINT-SIZE="34"><B>{html_lines(title, 40)}</B></FONT></TD></TR>{sub}'
        f'<TR><TD><FONT POINT-SIZE="26">权力运行流程图 · 培训手册</FONT></TD></TR>'
        f'<TR><TD><FONT POINT-SIZE="14">Power-operation flowcharts · training pack</FONT></TD></TR>'
        f'<TR><TD><FONT POINT-SIZE="16">共 {processes} 个流程　·　{today.isoformat()}</FONT></TD></TR>'
        f"</TABLE>>",
        font,
    )


def index(rows: list[tuple[ProcessSummary, int]], font: str) -> bytes:
    """`rows`: each process with the page its chart starts on."""
    head = "".join(
        f'<TD BGCOLOR="#DDE3EA"><B>{h}</B></TD>' for h in ("页码", "流程", "编号", "单位", "专业", "环节数")
    )
    body = "".join(
        f'<TR><TD ALIGN="RIGHT">{page}</TD><TD ALIGN="LEFT">{html.escape(p.name)}</TD>'
        f"<TD>{html.escape(p.id)}</TD><TD>{html.escape(p.unit_name)}</TD>"
        f"<TD>{html.escape(p.domain or '—')}</TD><TD>{p.nodes}</TD></TR>"
        for p, page in rows
    )
    return _page(
        f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="5" CELLBORDER="1" COLOR="#9AA5B1">'
        f'<TR><TD COLSPAN="6" BORDER="0"><FONT POINT-SIZE="22"><B>目录 / Index</B></FONT></TD></TR>'
        f"<TR>{head}</TR>{body}</TABLE>>",
        font,
    )


def _swatches() -> str:
    return "　".join(
        f'<FONT COLOR="{b.strong}">■</FONT>{b.label}' for b in (Band.RED, Band.YELLOW, Band.GREEN)
    )


def heatmap(matrix: RiskMatrix, font: str) -> bytes:
    """Key posts (rows) x processes (columns); each cell coloured by the worst risk the post carries
    there, showing that score and how many risk points."""
    span = len(matrix.processes) + 1
    title = (
        f'<TR><TD COLSPAN="{span}" BORDER="0"><FONT POINT-SIZE="22"><B>双关键矩阵：关键岗位 × 流程</B></FONT>'
        f'<BR/><FONT POINT-SIZE="11">行：关键岗位；列：流程，按目录顺序</FONT></TD></TR>'
    )
    legend_items = [
        "图例　格内「a / b」：a ＝ 该岗位在此流程所执行环节上风险点的最高分"
        "（评级后为剩余分，未评级时为固有分）；b ＝ 这些环节上的风险点个数",
        f"填色按最高分：{_swatches()}",
        "「参与·无风险点」：岗位执行此流程的环节，但这些环节没有登记风险点（不是 0 分）",
        "空白：该岗位不参与此流程",
    ]
    legend = "".join(
        f'<TR><TD COLSPAN="{span}" BORDER="0" ALIGN="LEFT"><FONT POINT-SIZE="11">{item}</FONT></TD></TR>'
        for item in legend_items
    )
    if not matrix.posts:
        empty = "<TR><TD>没有关键岗位参与任何流程</TD></TR>"
        return _page(f'<<TABLE BORDER="0">{title}{empty}{legend}</TABLE>>', font)
    cells = {(c.post_id, c.process_id): c for c in matrix.cells}
    head = '<TD BGCOLOR="#DDE3EA"><B>岗位 \\ 流程</B></TD>' + "".join(
        f'<TD BGCOLOR="#DDE3EA"><FONT POINT-SIZE="10">{html_lines(p.name, 10)}</FONT></TD>'
        for p in matrix.processes
    )
    rows = []
    for post in matrix.posts:
        row = [f'<TD ALIGN="LEFT" BGCOLOR="#DDE3EA">{html.escape(post.name)}</TD>']
        for process in matrix.processes:
            cell = cells.get((post.id, process.id))
            if cell is None:
                row.append("<TD> </TD>")
            elif not cell.risks:
                row.append('<TD><FONT POINT-SIZE="9" COLOR="#606060">参与·无风险点</FONT></TD>')
            else:
                band = band_of_score(cell.max_score)
                row.append(f'<TD BGCOLOR="{band.fill}">{cell.max_score:g} / {cell.risks}</TD>')
        rows.append(f"<TR>{''.join(row)}</TR>")
    return _page(
        f'<<TABLE BORDER="0" CELLSPACING="0" CELLPADDING="6" CELLBORDER="1" COLOR="#9AA5B1">'
        f"{title}<TR>{head}</TR>{''.join(rows)}{legend}</TABLE>>",
        font,
    )
