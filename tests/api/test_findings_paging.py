"""`GET /api/v1/findings` pages in the database (contract section 5): every finding exactly once
through the cursor, in a total order (by check, then identity), the summary counting all of them
on every page, even when the graph changes between pages; bad cursors refused; big answers gzipped."""

import base64
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from neo4j import Driver

from api.ingest import import_path, import_workbook
from benchmarks.generate import station
from graph.checks.run import CHECKS, findings_page, identity, run_checks
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.api.pages import walk
from tests.build import LIMITS, RISK

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "城关供电所"
DB = "neo4j"


def import_station(db: Driver, index: int, seed: int) -> None:
    """Generated station `index`; another seed gives the same ids with other facts (other findings)."""
    assert import_workbook(db, DB, station(index, random.Random(seed)), model=RISK).ok


@pytest.fixture
def graph(db: Driver) -> None:
    assert import_path(db, DB, SAMPLE, model=RISK, limits=LIMITS).ok
    for index in (1, 2):
        import_station(db, index, index)


def in_page_order(findings: list[Any]) -> list[str]:
    """The rule in plain Python: by check in report order, then by identity."""
    order = list(CHECKS)
    ranked = sorted(findings, key=lambda f: (order.index(f.check), identity(f)))
    return [f.finding_id for f in ranked]


def test_every_finding_exactly_once_through_the_cursor(
    client: TestClient, tokens: dict[Role, str], db: Driver, graph: None
) -> None:
    report = run_checks(db, DB, threshold=3)
    assert len(report.findings) > 60
    headers = bearer(tokens[Role.viewer])
    for limit in (1, 7, 50, len(report.findings), 5000):
        pages = walk(client, headers, "/api/v1/findings", f"limit={limit}")
        assert all(page["summary"] == report.summary for page in pages)
        assert all(len(page["findings"]) <= limit for page in pages)
        seen = [f["finding_id"] for page in pages for f in page["findings"]]
        assert seen == in_page_order(report.findings)
        assert len(pages) == max(1, -(-len(seen) // limit)), "no empty last page"
        by_id = {f.finding_id: f.model_dump(mode="json") for f in report.findings}
        assert all(f == by_id[f["finding_id"]] for page in pages for f in page["findings"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    limit=st.integers(1, 40),
    checks=st.lists(st.sampled_from(list(CHECKS)), unique=True, max_size=3),
    unit=st.sampled_from([None, "CG", "CG-YW", "S0001"]),
)
def test_pages_are_the_whole_report_for_any_limit_checks_and_unit(
    db: Driver, graph: None, limit: int, checks: list[str], unit: str | None
) -> None:
    report = run_checks(db, DB, threshold=3, unit=unit, checks=checks or None)
    seen: list[str] = []
    after = None
    while True:
        page = findings_page(db, DB, threshold=3, limit=limit, after=after, unit=unit, checks=checks or None)
        assert page.summary == report.summary
        assert len(page.findings) <= limit
        seen += [f.finding_id for f in page.findings]
        if page.last is None:
            break
        assert page.findings, "a page with a next is never empty"
        after = page.last
    assert seen == in_page_order(report.findings)


def test_a_cursor_survives_imports_between_pages(
    client: TestClient, tokens: dict[Role, str], db: Driver, graph: None
) -> None:
    """Station 2 flips between two versions before every page: a finding of both versions exists
    throughout and comes exactly once; one of a single version comes at most once."""
    first = {f.finding_id: f.severity for f in run_checks(db, DB, threshold=3).findings}
    import_station(db, 2, 99)
    second = {f.finding_id: f.severity for f in run_checks(db, DB, threshold=3).findings}
    import_station(db, 2, 2)
    before, after = set(first), set(second)
    assert before - after and after - before, "the versions add and remove findings"
    # A finding that stays but changes severity keeps its place: pages do not go worst first.
    assert any(first[f] != second[f] for f in before & after), "some findings change severity"

    def flip(page_number: int) -> None:
        import_station(db, 2, 99 if page_number % 2 else 2)

    pages = walk(client, bearer(tokens[Role.viewer]), "/api/v1/findings", "limit=7", between=flip)
    seen = Counter(f["finding_id"] for page in pages for f in page["findings"])
    assert len(pages) > 8, "the graph changed many times"
    assert all(count == 1 for count in seen.values()), "no finding twice"
    assert before & after <= set(seen), "none that existed throughout skipped"
    assert set(seen) <= before | after


def test_bad_cursors_and_limits_are_422(client: TestClient, tokens: dict[Role, str]) -> None:
    headers = bearer(tokens[Role.viewer])

    def cursor(value: object) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("=")

    for bad in (
        "not-base64-json",
        cursor([0]),
        cursor([0, 0, ["x", "y"]]),  # the shape of an older powermap's cursor
        cursor([99, ["x", "y"]]),
        cursor([True, ["x", "y"]]),
        cursor([0, ["x"]]),  # ab_gap's identity has two fields
        cursor([1, ["x", "y"]]),  # sod_conflict's second field is a duty pair
        cursor([1, ["x", ["y"]]]),
        cursor([3, [7]]),
    ):
        answer = client.get(f"/api/v1/findings?cursor={bad}", headers=headers)
        assert answer.status_code == 422, (bad, answer.text)
        assert "cursor" in answer.json()["detail"]
    for limit in (0, 5001):
        assert client.get(f"/api/v1/findings?limit={limit}", headers=headers).status_code == 422


def test_big_answers_are_gzipped(
    client: TestClient, tokens: dict[Role, str], db: Driver, neo4j_settings: Settings
) -> None:
    assert import_path(db, neo4j_settings.neo4j_database, SAMPLE, model=RISK, limits=LIMITS).ok
    headers = {**bearer(tokens[Role.viewer]), "Accept-Encoding": "gzip"}
    answer = client.get("/api/v1/findings", headers=headers)
    assert answer.headers.get("content-encoding") == "gzip"
    small = client.get("/health", headers={"Accept-Encoding": "gzip"})
    assert small.headers.get("content-encoding") is None
