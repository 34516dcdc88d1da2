"""The history query files (cypher/history/, and the guide's history entries): each has a header in
Chinese and English, is loaded by code, and Neo4j accepts it (EXPLAIN)."""

import re
from pathlib import Path

import pytest
from neo4j import Driver

from graph.browser.guide import EXPLORE, parse
from graph.connection import in_read
from graph.queries import all_names, query

ROOT = Path(__file__).resolve().parents[2]
NAMES = [n for n in all_names() if n.startswith("history/")] + [
    "explore/scans_over_time",
    "explore/last_import_changes",
    "explore/open_ledger_by_owner",
]


def _sources() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for d in ("graph", "api") for p in (ROOT / d).rglob("*.py")
    )


@pytest.mark.parametrize("name", NAMES)
def test_header_use_and_explain(driver: Driver, name: str) -> None:
    header = "\n".join(line for line in query(name).splitlines() if line.startswith("//"))
    assert re.search(r"[\u4e00-\u9fff]", header) and "Parameters" in header and "Returns" in header
    assert f'"{name}"' in _sources(), f"{name} is not used by code"
    in_read(driver, "neo4j", lambda tx: tx.run("EXPLAIN " + query(name)).consume())


def test_the_guide_shows_the_history_entries() -> None:
    assert {"explore/scans_over_time", "explore/last_import_changes", "explore/open_ledger_by_owner"} <= set(
        EXPLORE
    )
    titles = [parse(n, query(n)).title for n in EXPLORE if n.startswith("explore/")]
    assert any("扫描" in t for t in titles) and any("导入" in t for t in titles)
