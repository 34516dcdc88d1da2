"""The exploration queries and the light labels, on a small station built in the test."""

import json
from typing import Any

from neo4j import Driver
from neo4j.graph import Node as GraphNode
from neo4j.graph import Path

from graph.browser.guide import default, default_sections, parse
from graph.browser.lights import label_lights
from graph.connection import read
from graph.queries import query
from graph.rating import compute
from graph.rating import write as write_rating
from graph.settings import RiskModel, Settings
from tests.browser.workbooks import build_station
from tests.build import load
from tests.db import check_nodes, read_rows, write_rows
from tests.workbooks import chain_station

DEFAULTS = {"unit": None, "person_id": None, "process_id": None}


def plain(value: Any) -> Any:
    """Graph objects as Browser's table shows them (and Record.data() gives them): a node as its
    properties, a path as [node, relationship type, node, ...]."""
    if isinstance(value, Path):
        nodes = value.nodes
        out: list[Any] = [plain(nodes[0])]
        for rel, node in zip(value.relationships, nodes[1:], strict=True):
            out += [rel.type, plain(node)]
        return out
    if isinstance(value, GraphNode):
        return dict(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def run(db: Driver, settings: Settings, name: str, **params: Any) -> list[dict[str, Any]]:
    rows = read(db, settings.neo4j_database, name, **{**DEFAULTS, **params})
    return [{k: plain(v) for k, v in row.items()} for row in rows]


def labelled(db: Driver, label: str) -> set[str]:
    return {node_id for (node_id,) in check_nodes(db, "neo4j", label, ("id",))}


def test_every_guide_block_runs_as_shown_with_its_default_parameters(
    db: Driver, neo4j_settings: Settings
) -> None:
    build_station(db, neo4j_settings.neo4j_database)
    for section in default_sections():
        for name in section.names:
            q = parse(name, query(name))
            params = {p: json.loads(default(p)) for p in q.parameters}
            read_rows(db, neo4j_settings.neo4j_database, q.runnable(), **params)


def test_person_duties_shows_posts_roles_duties_and_own_conflicts(
    db: Driver, neo4j_settings: Settings
) -> None:
    build_station(db, neo4j_settings.neo4j_database)
    rows = run(db, neo4j_settings, "explore/person_duties", person_id="E1")
    held = {(r["holds"][0]["name"], r["holds"][1], r["holds"][2]["name"]) for r in rows}
    assert held == {("张伟", "HOLDS", "收费员"), ("张伟", "HOLDS", "抄表员")}
    duties = {path[-1]["name"] for r in rows for path in r["duties"]}
    assert duties == {"核算", "付款"}
    # 收费员 brings both 核算 and 付款: the conflict shows, seen from each of the two duties.
    conflicts = {(path[4]["name"], path[6]["name"]) for r in rows for path in r["conflicts"]}
    assert conflicts == {("核算", "付款"), ("付款", "核算")}
    # 李娜 holds 收费员 too (as B): the same conflict is hers.
    assert any(r["conflicts"] for r in run(db, neo4j_settings, "explore/person_duties", person_id="E2"))
    assert all(not r["conflicts"] for r in run(db, neo4j_settings, "explore/person_duties", person_id="E3"))


def test_process_risks_draws_nodes_flows_risks_and_controls(db: Driver, neo4j_settings: Settings) -> None:
    build_station(db, neo4j_settings.neo4j_database)
    rows = run(db, neo4j_settings, "explore/process_risks", process_id="PR1")
    assert {r["step"][0]["id"] for r in rows} == {"N1", "N2", "N3", "N4"}
    by_node = {r["step"][0]["id"]: r for r in rows}
    assert {p[2]["id"] for p in by_node["N3"]["flows"]} == {"N2", "N4"}
    assert [p[0]["id"] for p in by_node["N2"]["risks"]] == ["R1"]
    # C1 has no owner: one path control -> risk; C2 is owned: that path and owner <- control -> ...
    assert {p[0]["id"] for p in by_node["N4"]["controls"]} == {"C2", "P-CASH"}
    assert {p[0]["id"] for p in by_node["N2"]["controls"]} == {"C1"}
    assert run(db, neo4j_settings, "explore/process_risks", process_id="nope") == []


def test_backups_lists_primary_and_backups_key_posts_first(db: Driver, neo4j_settings: Settings) -> None:
    build_station(db, neo4j_settings.neo4j_database)
    rows = run(db, neo4j_settings, "explore/backups")
    assert [(r["post_id"], r["primary"], [b["name"] for b in r["backups"]]) for r in rows] == [
        ("P-CASH", "张伟", ["李娜"]),
        ("P-METER", "李娜", ["张伟"]),
        ("P-HEAD", "王强", []),
    ]
    assert rows[2]["primary_status"] == "leave"
    assert run(db, neo4j_settings, "explore/backups", unit="other") == []


def test_top_exposure_orders_people_by_exposure(db: Driver, neo4j_settings: Settings) -> None:
    build_station(db, neo4j_settings.neo4j_database)
    rows = run(db, neo4j_settings, "explore/top_exposure")
    assert [(r["person_id"], r["exposure"], r["light"]) for r in rows] == [
        ("E1", 72.5, "red"),
        ("E2", 30.0, "yellow"),
        ("E3", 5.0, "green"),
    ]


def test_light_labels_follow_the_light_property(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    build_station(db, database)
    assert label_lights(db, database) == {"red": 2, "yellow": 2, "green": 2}
    assert labelled(db, "Red") == {"E1", "N2"}
    assert labelled(db, "Yellow") == {"E2", "N3"}
    assert labelled(db, "Green") == {"E3", "N1"}
    # A new rating moves the label; an unrated node loses it; Chinese values count too.
    write_rows(db, database, "MATCH (n:Node {id: 'N2'}) SET n.light = 'green'")
    write_rows(db, database, "MATCH (n:Person {id: 'E1'}) REMOVE n.light")
    write_rows(db, database, "MATCH (n:Node {id: 'N4'}) SET n.light = '红'")
    assert label_lights(db, database) == {"red": 1, "yellow": 2, "green": 3}
    assert labelled(db, "Red") == {"N4"}
    assert labelled(db, "Green") == {"E3", "N1", "N2"}
    # Running again changes nothing.
    assert label_lights(db, database) == {"red": 1, "yellow": 2, "green": 3}
    twice = read_rows(
        db,
        database,
        "MATCH (n) WHERE size([l IN labels(n) WHERE l IN ['Red','Yellow','Green']]) > 1 RETURN n",
    )
    assert twice == []


def test_writing_a_rating_labels_its_lights(db: Driver, neo4j_settings: Settings) -> None:
    database = neo4j_settings.neo4j_database
    load(db, database, chain_station())
    write_rating(db, database, compute(db, database, RiskModel(), {}), unit=None)
    records = read_rows(
        db,
        database,
        "MATCH (n) WHERE n.light IS NOT NULL "
        "RETURN n.light AS light, [l IN labels(n) WHERE l IN ['Red', 'Yellow', 'Green']] AS labels",
    )
    assert records, "the rating wrote lights"
    assert all(r["labels"] == [r["light"].capitalize()] for r in records)
