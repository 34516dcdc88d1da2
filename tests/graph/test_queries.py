"""Every query file: it has a header, code uses it, and Neo4j accepts it (EXPLAIN)."""

import re
from pathlib import Path

import pytest
from neo4j import Driver

from graph.queries import UnknownQueryError, all_names, query
from tests.db import write_rows

ROOT = Path(__file__).resolve().parents[2]
CODE_DIRS = ("graph", "api", "importers", "viz", "benchmarks")


def _python_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for d in CODE_DIRS for p in (ROOT / d).rglob("*.py"))


def test_there_are_queries() -> None:
    assert {"db/server_version", "import/existing_ids", "checks/ab_gap"} <= set(all_names())


@pytest.mark.parametrize("name", all_names())
def test_query_file_opens_with_a_header(name: str) -> None:
    lines = query(name).splitlines()
    header = []
    for line in lines:
        if not line.startswith("//"):
            break
        header.append(line)
    text = "\n".join(header)
    assert len(header) >= 2, f"{name}: a header of // lines says what it is for"
    assert re.search(r"[\u4e00-\u9fff]", text), f"{name}: the header speaks Chinese"
    assert re.search(r"[A-Za-z]{4,}", text), f"{name}: and English"
    assert "Parameters" in text, f"{name}: the header names its parameters"
    assert "Returns" in text, f"{name}: and what it returns"


@pytest.mark.parametrize("name", all_names())
def test_query_file_is_used_by_code(name: str) -> None:
    used = set(re.findall(r"""["']([a-z_]+/[a-z_/]+)["']""", _python_sources()))
    assert name in used, f"cypher/{name}.cypher is not loaded anywhere: delete it or use it"


@pytest.mark.parametrize("name", all_names())
def test_query_file_explains(driver: Driver, name: str) -> None:
    write_rows(driver, "neo4j", "EXPLAIN " + query(name))  # planned, not run: nothing is written


def test_unknown_query_is_a_clear_error() -> None:
    with pytest.raises(UnknownQueryError, match="no such query"):
        query("checks/does_not_exist")
