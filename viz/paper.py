"""Charts on paper: every page of a training pack is A4 or A3, in the orientation that suits it.

A chart is drawn at its natural size (text 10-12 pt) and then placed on paper: the smallest sheet
(A4, then A3, each turned whichever way fits better) on which it fits at no less than MIN_SCALE,
so the smallest body text (10 pt: risk notes, flow conditions) prints at 7 pt or more. A chart too
big for A3 at that scale is not shrunk further: it is cut into tiles on several A3 sheets, each
tile overlapping its neighbours by OVERLAP, with 「接续」 markers naming the page that continues
it on each side. Page texts (running head, markers, page number) are drawn by Graphviz with cairo,
like the charts, so the CJK font is embedded the same way.
"""

import io
import math
from dataclasses import dataclass
from functools import cache

import graphviz
from pypdf import PageObject, PdfReader, Transformation
from pypdf.generic import RectangleObject

MM = 72 / 25.4
PAPERS = (("A4", 210 * MM, 297 * MM), ("A3", 297 * MM, 420 * MM))
MIN_SCALE = 0.7  # 10 pt text prints at 7 pt
MARGIN = 10 * MM  # every side, what office printers leave blank
BAND = 16.0  # above and below the chart: the running head, the markers, the page number
OVERLAP = 30.0  # chart points that two neighbouring tiles both show
GROW = 1.6  # a small page (the cover) may be enlarged this much, never a chart


@dataclass(frozen=True)
class Plan:
    """How one drawing goes on paper: `cols` x `rows` sheets of `paper` at `scale`."""

    paper: str
    width: float  # the sheet, points, as turned
    height: float
    scale: float
    cols: int
    rows: int

    @property
    def pages(self) -> int:
        return self.cols * self.rows

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def name(self) -> str:
        return f"{self.paper} {'横向' if self.landscape else '纵向'}"


def _area(width: float, height: float) -> tuple[float, float]:
    """The printable area of a sheet, inside the margins and the two bands."""
    return width - 2 * MARGIN, height - 2 * MARGIN - 2 * BAND


def plan(width: float, height: float, *, grow: bool = False) -> Plan:
    """The sheet, orientation, scale and tiling for a drawing of `width` x `height` points."""
    most = GROW if grow else 1.0
    for paper, short, long in PAPERS:
        turns = [(short, long), (long, short)]
        fits = [(min(_area(w, h)[0] / width, _area(w, h)[1] / height), w, h) for w, h in turns]
        scale, w, h = max(fits)
        if scale >= MIN_SCALE:
            return Plan(paper, w, h, min(scale, most), 1, 1)
    paper, short, long = PAPERS[-1]
    options = []
    for w, h in ((short, long), (long, short)):
        aw, ah = _area(w, h)
        cols = _tiles(width, aw / MIN_SCALE)
        rows = _tiles(height, ah / MIN_SCALE)
        # as large as the same number of sheets allows, up to the natural size
        scale = min(1.0, aw / _span(width, cols), ah / _span(height, rows))
        options.append((cols * rows, -scale, Plan(paper, w, h, scale, cols, rows)))
    return min(options, key=lambda o: (o[0], o[1]))[2]


def _tiles(length: float, window: float) -> int:
    """How many windows of `window` points, overlapping by OVERLAP, cover `length` points."""
    if length <= window:
        return 1
    return math.ceil((length - OVERLAP) / (window - OVERLAP))


def _span(length: float, tiles: int) -> float:
    """The window each of `tiles` needs to cover `length` with OVERLAP between neighbours."""
    return length if tiles == 1 else (length - OVERLAP) / tiles + OVERLAP


@cache
def _text(label: str, font: str, size: float) -> bytes:
    """One line of text (an HTML-like label) as a tight PDF."""
    g = graphviz.Graph()
    g.attr(pad="0", margin="0")
    g.node("t", label=f"<{label}>", shape="plaintext", fontname=font, fontsize=f"{size:g}", margin="0")
    pdf: bytes = g.pipe(format="pdf", renderer="cairo")
    return pdf


def _put(page: PageObject, label: str, font: str, x: float, y: float, anchor: str, size: float = 9) -> None:
    """Draw `label` with its `anchor` corner or side (`w`, `e`, `c`: left, right, centre; the
    baseline box's middle) at (x, y)."""
    text = PdfReader(io.BytesIO(_text(label, font, size))).pages[0]
    w, h = float(text.mediabox.width), float(text.mediabox.height)
    dx = {"w": 0.0, "e": -w, "c": -w / 2}[anchor]
    page.merge_transformed_page(text, Transformation().translate(x + dx, y - h / 2))


def place(pdf: bytes, *, title: str, first: int, font: str, grow: bool = False) -> list[PageObject]:
    """The one-page drawing `pdf` on A4/A3 sheets; `first` is the number of its first sheet in
    the document it goes into (the markers and page numbers name sheets by it)."""
    source = PdfReader(io.BytesIO(pdf)).pages[0]
    width, height = float(source.mediabox.width), float(source.mediabox.height)
    p = plan(width, height, grow=grow)
    aw, ah = _area(p.width, p.height)
    window_w, window_h = aw / p.scale, ah / p.scale
    sheets = []
    for r in range(p.rows):
        for c in range(p.cols):
            k = r * p.cols + c
            # the window of the drawing this sheet shows, in the drawing's points (origin bottom left)
            x0 = 0.0 if p.cols == 1 else c * (width - window_w) / (p.cols - 1)
            top = height if p.rows == 1 else height - r * (height - window_h) / (p.rows - 1)
            shown_w, shown_h = min(window_w, width), min(window_h, height)
            x0, y0 = max(0.0, x0), max(0.0, top - window_h)
            tile = PdfReader(io.BytesIO(pdf)).pages[0]
            for box in ("mediabox", "cropbox", "trimbox"):
                setattr(tile, box, RectangleObject((x0, y0, x0 + shown_w, y0 + shown_h)))
            sheet = PageObject.create_blank_page(width=p.width, height=p.height)
            # centred across, against the top band
            left = MARGIN + (aw - shown_w * p.scale) / 2
            bottom = p.height - MARGIN - BAND - shown_h * p.scale
            sheet.merge_transformed_page(
                tile, Transformation().translate(-x0, -y0).scale(p.scale).translate(left, bottom)
            )
            _marks(sheet, p, title, first, k, r, c, font)
            sheets.append(sheet)
    return sheets


def pages_needed(pdf: bytes, *, grow: bool = False) -> int:
    source = PdfReader(io.BytesIO(pdf)).pages[0]
    return plan(float(source.mediabox.width), float(source.mediabox.height), grow=grow).pages


def _marks(sheet: PageObject, p: Plan, title: str, first: int, k: int, r: int, c: int, font: str) -> None:
    """Running head, 接续 markers and the page number."""
    head_y = p.height - MARGIN - BAND / 2
    foot_y = MARGIN + BAND / 2
    left, right, mid = MARGIN, p.width - MARGIN, p.width / 2
    grey = '<FONT COLOR="#505050">{}</FONT>'
    if title:
        part = f"　第 {k + 1}/{p.pages} 张（{r + 1} 行 {c + 1} 列）" if p.pages > 1 else ""
        _put(sheet, grey.format(_esc(title) + part), font, left, head_y, "w")
    _put(sheet, grey.format(f"第 {first + k} 页"), font, right, foot_y, "e")
    if p.pages == 1:
        return
    strong = '<FONT COLOR="#B45309"><B>{}</B></FONT>'
    if c > 0:
        _put(sheet, strong.format(f"← 接续 第 {first + k - 1} 页"), font, mid - 40, head_y, "e")
    if r > 0:
        _put(sheet, strong.format(f"↑ 接续 第 {first + k - p.cols} 页"), font, mid, head_y, "w")
    if c < p.cols - 1:
        _put(sheet, strong.format(f"接续 第 {first + k + 1} 页 →"), font, right - 60, foot_y, "e")
    if r < p.rows - 1:
        _put(sheet, strong.format(f"↓ 接续 第 {first + k + p.cols} 页"), font, mid, foot_y, "c")


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
