"""The guide is generated from the query files: every check and exploration query, as its file
says, capped with LIMIT, titled and explained from its header; parameters get defaults."""

import json
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from graph.browser.guide import (
    CHECK_VIEWS,
    DEFAULT_LIMIT,
    EXPLORE,
    GuideError,
    Section,
    capped,
    check_names,
    default,
    default_params_command,
    default_sections,
    parse,
    render,
)
from graph.queries import all_names, query

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLE = "checks/sample_gap"


def read_fixture(name: str) -> str:
    return (FIXTURES / f"{name}.cypher").read_text(encoding="utf-8")


def blocks(html: str, kind: str) -> dict[str, str]:
    """The runnable blocks of a kind, by query name, as the Browser would put them in the editor."""
    found = re.findall(
        rf'<pre class="runnable" data-kind="{kind}" data-query="([^"]*)">(.*?)</pre>', html, re.S
    )
    return {name: unescape(text) for name, text in found}


def test_a_sample_check_becomes_a_titled_explained_runnable_slide() -> None:
    html = render([Section("检查", "说明", [SAMPLE])], read=read_fixture)
    q = parse(SAMPLE, read_fixture(SAMPLE))
    assert q.title == "示例检查：关键岗位无人"
    assert q.title_en == "Sample check: key posts nobody holds"
    assert q.about[0].startswith("查什么：关键岗位")
    assert q.about[1].startswith("What and why:") and "standing in for the real checks" in q.about[1]
    assert q.parameters_doc.startswith("$unit: a unit id")
    assert q.returns_doc == "check, post_id, post_name, holders."
    # Parameters from the code, in order, never from a comment.
    assert q.parameters == ("unit", "threshold")

    body = read_fixture(SAMPLE).split("\nMATCH", 1)[1]
    assert blocks(html, "query") == {SAMPLE: "MATCH" + body.rstrip("\n") + f"\nLIMIT {DEFAULT_LIMIT}"}
    assert blocks(html, "param") == {SAMPLE: ":param unit => null;\n:param threshold => 3"}
    assert blocks(html, "params") == {"": ":params {unit: null, threshold: 3}"}
    for text in ("示例检查：关键岗位无人", "Sample check: key posts nobody holds", "查什么：关键岗位"):
        assert text in unescape(html)


def test_the_guide_is_a_browser_guide_with_a_title_and_slides() -> None:
    html = render([Section("检查", "说明", [SAMPLE])], read=read_fixture)
    assert "<title>powermap 分析指南</title>" in html
    assert '<article class="guide">' in html and "<carousel" in html
    # intro, section, one query
    assert html.count("<slide ") == 3
    assert 'src="data:image/svg+xml;base64,' in html


def test_every_check_and_exploration_query_is_in_the_default_guide() -> None:
    html = render(default_sections())
    names = set(blocks(html, "query"))
    assert names == set(check_names()) | set(EXPLORE)
    assert set(EXPLORE) >= {n for n in all_names() if n.startswith("explore/")}
    assert "rating/matrix" in EXPLORE
    for name, text in blocks(html, "query").items():
        q = parse(name, query(name))
        assert text == q.runnable()
        assert re.search(r"\bLIMIT \d+\s*$", text), f"{name} is not capped"
        # The query powermap runs, line for line, without the notes for developers.
        code = [line.strip() for line in q.body.splitlines() if line.strip()]
        shown = [line.strip() for line in text.splitlines()]
        kept = [line for line in code if not line.startswith("//")]
        rest = iter(shown)
        assert all(line in rest for line in kept), f"{name}: not the query powermap runs"
        assert not any(line.startswith("//") for line in shown)


def test_check_blocks_answer_with_the_chinese_message_first() -> None:
    html = render(default_sections())
    for name, text in blocks(html, "query").items():
        if name.startswith("checks/"):
            assert name in CHECK_VIEWS, f"{name}: no view for people in graph/browser/check_views.txt"
            assert text.startswith("CALL () {")
            view = text.split("\n}\n", 1)[-1]
            assert re.match(r"RETURN .*? AS 说明,", view, re.S), name


def test_slides_are_chinese_first_without_notes_for_developers() -> None:
    html = unescape(render(default_sections()))
    slides = re.findall(r"<slide.*?</slide>", html, re.S)
    for slide in slides:
        prose = re.sub(r"<pre.*?</pre>", "", slide, flags=re.S)
        assert "planner" not in prose and "Why:" not in prose and "What:" not in prose
    assert "planner" not in html


def test_the_connect_command_sets_every_parameter_of_the_guide() -> None:
    command = default_params_command()
    assert command.startswith(":params {") and command.endswith("}")
    html = render(default_sections())
    for name in blocks(html, "query"):
        for parameter in parse(name, query(name)).parameters:
            assert f"{parameter}: {default(parameter)}" in command


@pytest.mark.parametrize(
    "text",
    ["", "// only a header\n// Parameters: none. Returns: x", "MATCH (n) RETURN n", "//\n//\nRETURN 1"],
)
def test_a_file_without_header_or_query_is_a_clear_error(text: str) -> None:
    with pytest.raises(GuideError, match=r"cypher/x/y\.cypher"):
        parse("x/y", text)


def test_a_final_limit_is_kept_and_one_in_a_comment_or_subquery_is_not_enough() -> None:
    assert capped("MATCH (n) RETURN n LIMIT 5") == "MATCH (n) RETURN n LIMIT 5"
    assert capped("MATCH (n) RETURN n\nlimit $top;\n") == "MATCH (n) RETURN n\nlimit $top"
    assert capped("MATCH (n) RETURN n // LIMIT 5").endswith(f"\nLIMIT {DEFAULT_LIMIT}")
    assert capped("CALL { MATCH (n) RETURN n LIMIT 5 } RETURN n ORDER BY n").endswith(
        f"LIMIT {DEFAULT_LIMIT}"
    )
    assert capped("RETURN 'LIMIT 5'").endswith(f"\nLIMIT {DEFAULT_LIMIT}")
    # `//` inside a string is not a comment.
    assert capped("RETURN 'http://x' AS url LIMIT 5") == "RETURN 'http://x' AS url LIMIT 5"
    assert capped("RETURN 'it\\'s // x' AS s LIMIT 5") == "RETURN 'it\\'s // x' AS s LIMIT 5"


def test_defaults_are_cypher_literals() -> None:
    for parameter in ("unit", "threshold", "today", "anything"):
        json.loads(default(parameter))


clause = st.sampled_from(
    ["MATCH (n:Post)", "WHERE n.key = true", "WITH n", "RETURN n.name AS name", "ORDER BY name", "// a note"]
)


@given(st.lists(clause, min_size=1, max_size=6), st.one_of(st.none(), st.integers(1, 10_000)))
def test_capped_always_ends_with_exactly_one_final_limit(clauses: list[str], limit: int | None) -> None:
    body = "\n".join([*clauses, "RETURN 1" if limit is None else f"RETURN 1 LIMIT {limit}"])
    out = capped(body)
    assert out.startswith(body)
    code_lines = [line for line in out.splitlines() if not line.startswith("//")]
    assert re.search(r"LIMIT \d+$", code_lines[-1])
    assert out.count("LIMIT") == 1
    if limit is not None:
        assert out == body


title_text = st.text(
    alphabet=st.characters(whitelist_categories=("Lo", "Lu", "Ll", "Nd")), min_size=1, max_size=20
).filter(lambda t: t.strip() == t)


@given(title_text, title_text, st.lists(title_text, max_size=3))
@example("t恤", "tee", [])  # a title starting with the file's name ("t") keeps it
def test_header_titles_and_items_round_trip(title: str, title_en: str, about: list[str]) -> None:
    header = [f"// {title} / {title_en}.", *(f"// {line}" for line in about)]
    text = "\n".join([*header, "// Parameters: none.", "// Returns: n.", "RETURN 1 AS n"])
    q = parse("explore/t", text)
    assert (q.title, q.title_en, q.about) == (title, title_en.rstrip("."), tuple(about))
    assert (q.parameters_doc, q.returns_doc, q.body) == ("none.", "n.", "RETURN 1 AS n")
