"""A4 pages of Chinese text, tables and charts, drawn with matplotlib in the CJK font
(`Settings.powermap_font`): the monthly task lists and the monthly report."""

import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
from matplotlib import pyplot as plt
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

A4 = (8.27, 11.69)
TOP, BOTTOM, LEFT = 0.95, 0.05, 0.07


def width(text: str) -> int:
    """Display width: a CJK character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" else 1 for c in text)


def wrap(text: str, columns: int) -> list[str]:
    """Wrap by display width (textwrap counts characters, too few for Chinese)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for char in paragraph:
            if width(line + char) > columns:
                lines.append(line)
                line = ""
            line += char
        lines.append(line)
    return lines or [""]


def columns(fraction: float, size: float) -> int:
    """How many display columns fit in `fraction` of the page width at font `size` (a CJK
    character is about one em wide, two columns)."""
    return max(4, int(fraction * A4[0] * 72 / (size * 0.6)))


class Document:
    """Pages of text, flowing onto a new page when one is full."""

    def __init__(self, path: Path, font: str, title: str) -> None:
        plt.rcParams["font.family"] = [font, "DejaVu Sans"]
        plt.rcParams["axes.unicode_minus"] = False
        self.font = font
        self.pdf = PdfPages(path, metadata={"Title": title, "Creator": "powermap"})
        self.figure: Figure | None = None
        self.y = TOP

    def _page(self) -> Figure:
        if self.figure is None:
            self.figure = plt.figure(figsize=A4)
            self.y = TOP
        return self.figure

    def new_page(self) -> None:
        if self.figure is not None:
            self.pdf.savefig(self.figure)  # type: ignore[no-untyped-call]
            plt.close(self.figure)
        self.figure = None

    def space(self, lines: float) -> float:
        """Room for `lines` lines of body text, else a new page; returns the y to write at."""
        need = lines * 0.018
        if self.figure is not None and self.y - need < BOTTOM:
            self.new_page()
        self._page()
        return self.y

    def text(
        self, text: str, size: float = 10, bold: bool = False, color: str = "black", indent: float = 0
    ) -> None:
        for line in wrap(text, columns(1 - 2 * LEFT - indent, size)):
            step = size / 10 * 0.018
            self.space(size / 10)
            fig = self._page()
            fig.text(
                LEFT + indent,
                self.y,
                line,
                fontsize=size,
                weight="bold" if bold else "normal",
                color=color,
                va="top",
            )
            self.y -= step * 1.25

    def gap(self, amount: float = 0.01) -> None:
        self.y -= amount

    def table(
        self, header: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int], size: float = 8
    ) -> None:
        """A simple ruled table; long cells wrap within their column (widths in display columns)."""
        fig = self._page()
        total = sum(widths)
        xs = [LEFT]
        for w in widths[:-1]:
            xs.append(xs[-1] + (1 - 2 * LEFT) * w / total)
        step = size / 10 * 0.018 * 1.2

        def row(cells: Sequence[Any], bold: bool) -> None:
            wrapped = [
                wrap("" if c is None else str(c), columns((1 - 2 * LEFT) * w / total, size) - 1)
                for c, w in zip(cells, widths, strict=True)
            ]
            height = max(len(c) for c in wrapped)
            self.space(height * size / 10 * 1.2 + 0.5)
            fig = self._page()
            top = self.y
            for x, cell in zip(xs, wrapped, strict=True):
                for k, line in enumerate(cell):
                    fig.text(
                        x, top - k * step, line, fontsize=size, va="top", weight="bold" if bold else "normal"
                    )
            self.y = top - height * step - 0.004
            fig.add_artist(
                matplotlib.lines.Line2D(
                    [LEFT, 1 - LEFT], [self.y + 0.002, self.y + 0.002], lw=0.3, color="#999999"
                )
            )

        del fig
        row(header, True)
        for cells in rows:
            row(cells, False)
        self.gap(0.008)

    def chart(self, figure_height: float) -> Any:
        """An axes spanning the page width, `figure_height` (fraction of the page) tall."""
        self.space(figure_height / 0.018)
        fig = self._page()
        ax = fig.add_axes((LEFT + 0.05, self.y - figure_height, 1 - 2 * LEFT - 0.08, figure_height - 0.02))
        self.y -= figure_height + 0.03
        return ax

    def close(self) -> None:
        self.new_page()
        self.pdf.close()  # type: ignore[no-untyped-call]


__all__ = ["Document", "columns", "width", "wrap"]
