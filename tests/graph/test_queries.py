"""Every query file: it has a header, code uses it, and Neo4j accepts it (EXPLAIN)."""

import re
from pathlib import Path

import pytest
from neo4j import Driver

from graph.queries import UnknownQueryError, all_names, query, statements

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("graph", "api", "importers", "viz", "benchmarks")
SCHEMA = "schema/constraints"


def _python_sources() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for d in CODE_DIRS for p in (ROOT / d).rglob("*.py"))


def test_there_are_queries() -> None:
    assert SCHEMA in all_names()
    assert "db/server_version" in all_names()


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


# Schema commands cannot be EXPLAINed; test_database runs them for real.
@pytest.mark.parametrize("name", [n for n in all_names() if n != SCHEMA])
def test_query_file_explains(driver: Driver, name: str) -> None:
    with driver.session() as session:
        session.run("EXPLAIN " + query(name)).consume()  # type: ignore[arg-type]


def test_schema_file_splits_into_statements() -> None:
    parts = statements(SCHEMA)
    assert len(parts) >= 8
    assert all(p.startswith("CREATE ") and "IF NOT EXISTS" in p for p in parts)


def test_unknown_query_is_a_clear_error() -> None:
    with pytest.raises(UnknownQueryError, match="no such query"):
        query("checks/does_not_exist")
