"""「powermap 分析指南」: a Neo4j Browser guide generated from the query files under cypher/.

Each query becomes one slide, titled and explained from its `//` header (first line
`name 中文标题 / English title`, then what it means, `Parameters:` and `Returns:`), with a
runnable block: one click puts the query in the editor, Ctrl+Enter runs it.

The block is the file's query without its header, with a `LIMIT` appended when the query
does not end with one, so no click floods the Browser. Its result shows as the Browser's
usual frame (a graph for paths, else a table).

Parameters: every `$name` of every query gets a default (null = all units / everyone /
today; see PARAM_DEFAULTS) in one `:params {...}` command, which Neo4j Browser runs on
connect (`browser.post_connect_cmd`, see graph/localdb.py), so any block runs as it is.
The first slide repeats that command to restore the defaults, and each query slide has a
`:param` block to click, edit (e.g. null -> 'U1') and run.

The HTML works both as a sidebar guide (`:guide URL`, one `<slide>` per page) and as a
classic guide (`:play URL`, the `<carousel>` of `<slide>`s).
"""

import base64
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from importlib import resources

from graph.browser.schema import schema_svg
from graph.queries import all_names, query
from graph.settings import CONCENTRATION_THRESHOLD

GUIDE_TITLE = "powermap 分析指南"
DEFAULT_LIMIT = 100
# A parameter is given the value that means "everything" or "the usual": null for ids and
# dates (the queries read null as all units / today), a number where null would match nothing
# (threshold: the concentration check's "A holder of N or more posts").
PARAM_DEFAULTS = {"threshold": str(CONCENTRATION_THRESHOLD)}

# The exploration queries, in the order the guide shows them; the 双关键 matrix is the one
# `powermap matrix` runs.
EXPLORE = (
    "explore/schema",
    "explore/person_duties",
    "explore/process_risks",
    "explore/backups",
    "explore/choke_points",
    "explore/top_exposure",
    "rating/matrix",
    # Contract section 6 (docs/history.md).
    "explore/scans_over_time",
    "explore/last_import_changes",
    "explore/open_ledger_by_owner",
)


def _views(text: str) -> dict[str, str]:
    """`== checks/<name>` sections of check_views.txt -> their RETURN clauses."""
    views: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if line.startswith("== "):
            current = views.setdefault(line[3:].strip(), [])
        elif not line.startswith("-- "):
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in views.items()}


_CJK = re.compile(r"[\u4e00-\u9fff]")
# What a check query returns is what powermap's code reads (codes, lists of maps); in the Browser
# an analyst reads a sentence. Each check's block runs the check's own query unchanged inside
# `CALL () { ... }` and then this projection: the Chinese message first, `via` and the other
# lists flattened into text, the codes last.
CHECK_VIEWS = _views(resources.files("graph.browser").joinpath("check_views.txt").read_text("utf-8"))
_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_FINAL_LIMIT = re.compile(r"\bLIMIT\s+(\d+|\$[A-Za-z_]\w*)\s*$", re.IGNORECASE)


class GuideError(ValueError):
    """A query file the guide cannot present: the message names it and says why."""


@dataclass(frozen=True)
class GuideQuery:
    name: str
    title: str
    title_en: str
    about: tuple[str, ...]
    parameters_doc: str
    returns_doc: str
    body: str

    @property
    def parameters(self) -> tuple[str, ...]:
        """The `$names` the query uses, in order of first use (comments ignored)."""
        code = "\n".join(_code_part(line) for line in self.body.splitlines())
        return tuple(dict.fromkeys(_PARAM.findall(code)))

    def runnable(self) -> str:
        """The text of the runnable block: the query without its notes for developers (whole-line
        `//` comments), read through its view for people when it has one (CHECK_VIEWS), with a
        final LIMIT."""
        code = "\n".join(line for line in self.body.splitlines() if not line.lstrip().startswith("//"))
        view = CHECK_VIEWS.get(self.name)
        if view is None:
            return capped(code)
        inner = "\n".join(f"  {line}" for line in code.splitlines())
        return capped(f"CALL () {{\n{inner}\n}}\n{view.strip()}")

    @property
    def about_zh(self) -> tuple[str, ...]:
        """The explanation a reader of the guide sees: the header's Chinese items."""
        return tuple(line for line in self.about if _CJK.search(line))

    def param_block(self) -> str:
        """`:param` commands setting this query's parameters to their defaults, to edit and run."""
        return ";\n".join(f":param {p} => {default(p)}" for p in self.parameters)


def default(parameter: str) -> str:
    return PARAM_DEFAULTS.get(parameter, "null")


def params_command(queries: Iterable[GuideQuery]) -> str:
    """One `:params {...}` setting every parameter of `queries` to its default."""
    names = dict.fromkeys(p for q in queries for p in q.parameters)
    return ":params {" + ", ".join(f"{p}: {default(p)}" for p in names) + "}"


def capped(body: str) -> str:
    """The query with `LIMIT` appended unless its last clause already is one."""
    text = body.rstrip().rstrip(";").rstrip()
    code = "\n".join(_code_part(line) for line in text.splitlines()).rstrip()
    if _FINAL_LIMIT.search(code):
        return text
    return f"{text}\nLIMIT {DEFAULT_LIMIT}"


def _code_part(line: str) -> str:
    """The line without a `//` comment; `//` inside a string literal is not a comment."""
    quote: str | None = None
    escaped = False
    for i, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif line.startswith("//", i):
            return line[:i]
    return line


def parse(name: str, text: str) -> GuideQuery:
    """Split a query file into its header items and its body."""
    lines = text.splitlines()
    count = next((i for i, line in enumerate(lines) if not line.startswith("//")), len(lines))
    body = "\n".join(lines[count:]).strip()
    if count == 0 or not body:
        raise GuideError(f"cypher/{name}.cypher: 缺少 // 文件头或查询 / needs a // header and a query")
    items: list[str] = []
    for line in lines[:count]:
        content = line[2:]
        # An indented line continues the item above it.
        if items and content.startswith("  "):
            items[-1] += " " + content.strip()
        elif content.strip():
            items.append(content.strip())
    if not items:
        raise GuideError(f"cypher/{name}.cypher: 文件头是空的 / the // header is empty")
    title, _, title_en = items[0].partition(" / ")
    stem = name.rsplit("/", 1)[-1]
    # "ab_gap 关键岗位A/B角缺口": the file's own name may lead the Chinese title.
    title = title.strip().removeprefix(f"{stem} ").strip() or stem
    params = next((i for i in items if i.startswith("Parameters:")), "")
    returns = next((i for i in items if i.startswith("Returns:")), "")
    # "Parameters: none.  Returns: nothing." may share one line.
    if not returns and "Returns:" in params:
        params, _, rest = params.partition("Returns:")
        returns = "Returns:" + rest
    about = tuple(i for i in items[1:] if not i.startswith(("Parameters:", "Returns:")))
    return GuideQuery(
        name=name,
        title=title,
        title_en=title_en.strip().rstrip("."),
        about=about,
        parameters_doc=params.removeprefix("Parameters:").strip(),
        returns_doc=returns.removeprefix("Returns:").strip(),
        body=body,
    )


@dataclass(frozen=True)
class Section:
    title: str
    intro: str
    names: Sequence[str]


def check_names() -> list[str]:
    """Every query under cypher/checks/, whatever checks exist."""
    return [n for n in all_names() if n.startswith("checks/")]


def default_sections() -> list[Section]:
    return [
        Section(
            "检查 / Checks",
            "每项检查对应 powermap check 的一类问题。查询就是 powermap 自己运行的那一条，"
            "只多了结果上限 LIMIT。要查某一个单位，运行 :param unit => '单位编号'（null 为所有单位）。",
            check_names(),
        ),
        Section(
            "探索 / Exploration",
            "顺着图看人、岗位、流程和风险。返回路径的查询画成图（按样式着色），其余显示为表格。"
            "把参数从 null 改成一个编号，就只看那一个人、流程或单位。",
            EXPLORE,
        ),
    ]


def load(
    sections: Iterable[Section], read: Callable[[str], str] = query
) -> list[tuple[Section, list[GuideQuery]]]:
    """Every section with its parsed queries, each read by `read` (a name -> the file's text)."""
    return [(section, [parse(name, read(name)) for name in section.names]) for section in sections]


def default_params_command() -> str:
    """The `:params` command for the default guide: what Neo4j Browser runs on connect."""
    return params_command(q for _, queries in load(default_sections()) for q in queries)


def render(sections: Iterable[Section], read: Callable[[str], str] = query) -> str:
    """The guide's HTML."""
    loaded = load(sections, read)
    slides = [_intro_slide(params_command(q for _, queries in loaded for q in queries))]
    for section, queries in loaded:
        slides.append(_section_slide(section, queries))
        slides.extend(_query_slide(q) for q in queries)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(GUIDE_TITLE)}</title>\n</head>\n<body>\n"
        '<article class="guide">\n<carousel class="deck container-fluid">\n'
        + "\n".join(slides)
        + "\n</carousel>\n</article>\n</body>\n</html>\n"
    )


def _slide(*parts: str) -> str:
    return '<slide class="row-fluid">\n<div class="col-sm-12">\n' + "\n".join(parts) + "\n</div>\n</slide>"


def _runnable(text: str, kind: str, name: str = "") -> str:
    # data-* attributes name the block for the browser test and for readers of the HTML.
    return f'<pre class="runnable" data-kind="{kind}" data-query="{escape(name)}">{escape(text)}</pre>'


def _intro_slide(params: str) -> str:
    # Inline: the Browser's Content-Security-Policy loads images only from itself or data: URIs.
    picture = "data:image/svg+xml;base64," + base64.b64encode(schema_svg()).decode("ascii")
    return _slide(
        f"<h3>{escape(GUIDE_TITLE)}</h3>",
        '<p class="lead">供电所小微权力地图：流程、环节、岗位、人员（A角/B角）、'
        "风险点、防控措施与不相容职责。</p>",
        "<p>点击深色代码块，查询进入编辑器；按 <kbd>Ctrl</kbd>+<kbd>Enter</kbd>（或编辑器右侧的 ▶）运行。"
        "图按样式着色：每类节点一种颜色，评过级的节点按红黄绿灯着色。</p>",
        f'<p><img src="{picture}" alt="powermap 图模型 / schema" style="max-width:100%"></p>',
        "<p>图模型：单位 Unit、岗位 Post、人员 Person（HOLDS 上写 A 或 B）、流程 Process、"
        "环节 Node（NEXT 为流转）、职责 Duty（CONFLICTS_WITH 为不相容）、风险点 Risk、"
        "防控措施 Control、监督 SUPERVISES、补偿措施 Mitigation。"
        "评级写回的 light 同时写成标签 Red / Yellow / Green。</p>",
        "<p>查询参数在连接时已设为默认值（null 表示所有单位、所有人、今天）。"
        "改过参数后，运行下面这条恢复默认：</p>",
        _runnable(params, "params"),
    )


def _section_slide(section: Section, queries: Sequence[GuideQuery]) -> str:
    items = "\n".join(f"<li>{escape(q.title)} <small>{escape(q.title_en)}</small></li>" for q in queries)
    return _slide(
        f"<h3>{escape(section.title)}</h3>",
        f"<p>{escape(section.intro)}</p>",
        f"<ol>\n{items}\n</ol>" if queries else "<p>（暂无查询 / none yet）</p>",
    )


def _query_slide(q: GuideQuery) -> str:
    about = "\n".join(f"<p>{escape(line)}</p>" for line in q.about_zh)
    params = (
        [
            "<p>参数（已有默认值；要改，点击下面一块、修改后运行）：</p>",
            _runnable(q.param_block(), "param", q.name),
        ]
        if q.parameters
        else []
    )
    return _slide(
        f"<h3>{escape(q.title)}</h3>",
        f'<p class="lead">{escape(q.title_en)}</p>',
        about,
        _runnable(q.runnable(), "query", q.name),
        *params,
        f"<p><small>查询文件：cypher/{escape(q.name)}.cypher</small></p>",
    )
