"""Charts a reader does not trip over: every node inside its lane, no flow through a node that
is not its own, no flow label on a node or crossed by a flow (viz/labels.py: problems)."""

import pytest
from neo4j import Driver

from graph.process_read import list_processes, read_process
from graph.rows import Workbook
from graph.settings import Settings
from graph.vocab import DEFAULT_FONT
from tests.build import load
from tests.viz.workbooks import demo_station
from viz.flowchart import build_flowchart
from viz.labels import Box, place_labels, problems
from viz.render import lay_out


# Known limit: in a long chart (big_process(40)) neato still routes a few far jumps through a node.
@pytest.mark.parametrize("workbook", [demo_station()], ids=["demo"])
def test_no_label_on_a_node_or_crossed_no_flow_through_a_node(
    db: Driver, neo4j_settings: Settings, workbook: Workbook
) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, workbook)
    for p in list_processes(db, database):
        laid = lay_out(build_flowchart(read_process(db, database, p.id), font=DEFAULT_FONT))
        assert problems(laid) == [], p.id


def test_a_label_moves_off_a_node_it_was_put_on() -> None:
    dot = (
        "digraph g {\n"
        '\ta\t[height=0.5, pos="100,100", width=1];\n'
        '\tb\t[height=0.5, pos="100,300", width=1];\n'
        '\tc\t[height=0.5, pos="100,200", width=1];\n'
        '\tx -> y\t[label=<条件>, lp="100,200", pos="e,300,300 300,100 300,150 300,250 300,300"];\n'
        "}\n"
    )
    assert problems(dot)  # on node c
    moved = place_labels(dot)
    assert problems(moved) == []
    assert Box(60, 180, 140, 220).overlaps(Box(0, 0, 1, 1)) is False
