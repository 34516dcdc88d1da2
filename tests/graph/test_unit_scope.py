"""One meaning of `--unit`: a unit and all its sub-units, judged by each finding's own unit."""

from datetime import date
from pathlib import Path

from neo4j import Driver

from api.ingest import import_path
from graph.checks import run_checks
from graph.matrix import read_matrix
from graph.process_read import list_processes
from graph.settings import Settings
from importers.validate import parse
from importers.workbook import read_path
from tests.build import LIMITS, RISK

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample" / "城关供电所"
TODAY = date(2026, 6, 1)
SUBTREE = {"CG": {"CG", "CG-YW", "CG-YY"}, "CG-YW": {"CG-YW"}, "CG-YY": {"CG-YY"}}


def test_unit_means_the_unit_and_its_sub_units(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    assert import_path(db, database, SAMPLE, model=RISK, limits=LIMITS).ok
    parsed, _ = parse(read_path(SAMPLE))
    post_unit = {p.id: p.unit_id for p in parsed.workbook.posts}
    everything = run_checks(db, database, threshold=3, today=TODAY).findings
    assert {f.unit_id for f in everything} == SUBTREE["CG"]  # the sample has findings in all three
    for unit, inside in SUBTREE.items():
        scoped = run_checks(db, database, threshold=3, unit=unit, today=TODAY).findings
        assert sorted(f.finding_id for f in scoped) == sorted(
            f.finding_id for f in everything if f.unit_id in inside
        ), unit
        processes = list_processes(db, database, unit)
        assert {p.unit_id for p in processes} <= inside
        matrix = read_matrix(db, database, unit)
        assert {post_unit[p.id] for p in matrix.posts} <= inside
    assert len(list_processes(db, database, "CG")) > len(list_processes(db, database, "CG-YW"))
