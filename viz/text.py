"""Label text for Graphviz: CJK-aware line wrapping and HTML-label escaping."""

import html
import unicodedata

# Punctuation that must not open a line (避头点): it stays at the end of the line before.
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)%")


def width(text: str) -> int:
    """Display width: full-width (CJK) characters count 2, the rest 1."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, limit: int) -> list[str]:
    """Greedy lines of at most `limit` display columns, breaking between any two CJK characters and
    between Latin words; closing punctuation never opens a line. A word longer than `limit` is cut."""
    lines: list[str] = []
    line = ""
    for token in _tokens(" ".join(text.split()), limit):
        if line and width(line + token) > limit and token not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = token.lstrip()
        else:
            line += token
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _is_cjk(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _tokens(text: str, limit: int) -> list[str]:
    """CJK characters one by one; runs of other characters as words with their leading space,
    cut into pieces of at most `limit` columns."""
    tokens: list[str] = []
    for ch in text:
        if (
            _is_cjk(ch)
            or not tokens
            or _is_cjk(tokens[-1][-1])
            or ch == " "
            or width(tokens[-1] + ch) > limit
        ):
            tokens.append(ch)
        else:
            tokens[-1] += ch
    return tokens


def html_lines(text: str, limit: int) -> str:
    """Wrapped and escaped for a Graphviz HTML-like label."""
    return "<BR/>".join(html.escape(line) for line in wrap(text, limit))
