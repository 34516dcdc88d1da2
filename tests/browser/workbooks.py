"""A small station for the exploration queries and the styling: imported as a workbook, then given
ratings through the rating's own writer (`graph.rating.write`), so that every light shows.

The ratings are chosen, not computed: these tests are about what Browser shows of a rating
(tests/graph/test_rating.py checks the numbers the model computes). 退款 (N4) and the posts
stay unrated, as nodes outside a rating's scope do.
"""

from neo4j import Driver

from graph.rating import RatedHolder, RatedNode, RatedProcess, Ratings
from graph.rating import write as write_ratings
from graph.rows import (
    Assignment,
    Conflict,
    Control,
    Flow,
    Node,
    Person,
    Post,
    Process,
    Risk,
    Supervisor,
    Unit,
    Workbook,
)
from tests.build import load
from tests.db import unrate


def station() -> Workbook:
    return Workbook(
        units=[Unit(id="U1", name="城关供电所")],
        posts=[
            Post(id="P-CASH", name="收费员", unit_id="U1", key=True),
            Post(id="P-METER", name="抄表员", unit_id="U1", key=True),
            Post(id="P-HEAD", name="所长", unit_id="U1", key=False),
        ],
        people=[
            Person(id="E1", name="张伟", unit_id="U1"),
            Person(id="E2", name="李娜", unit_id="U1"),
            Person(id="E3", name="王强", unit_id="U1", status="leave"),
        ],
        assignments=[
            Assignment(person_id="E1", post_id="P-CASH", role="A"),
            Assignment(person_id="E1", post_id="P-METER", role="B"),
            Assignment(person_id="E2", post_id="P-METER", role="A"),
            Assignment(person_id="E2", post_id="P-CASH", role="B"),
            Assignment(person_id="E3", post_id="P-HEAD", role="A"),
        ],
        processes=[Process(id="PR1", name="电费退补", unit_id="U1", domain="营销")],
        nodes=[
            Node(id="N1", process_id="PR1", name="受理退补申请", kind="start", post_id=["P-METER"]),
            Node(
                id="N2",
                process_id="PR1",
                name="核算退补金额",
                post_id=["P-CASH"],
                duty="核算",
                discretion=True,
            ),
            Node(id="N3", process_id="PR1", name="审批", kind="decision", post_id=["P-HEAD"], duty="审批"),
            Node(
                id="N4",
                process_id="PR1",
                name="退款",
                kind="end",
                post_id=["P-CASH"],
                duty="付款",
                min_people=2,
            ),
        ],
        flows=[
            Flow(from_id="N1", to_id="N2"),
            Flow(from_id="N2", to_id="N3"),
            Flow(from_id="N3", to_id="N4", condition="同意"),
            Flow(from_id="N3", to_id="N2", condition="退回"),
        ],
        risks=[
            Risk(id="R1", node_id="N2", behavior="虚增退补金额", level="high", prone_post_id="P-CASH"),
            Risk(id="R2", node_id="N4", behavior="退款至非用户账户", level="medium"),
        ],
        controls=[
            Control(id="C1", risk_id="R1", measure="所长复核退补清单", kind="detective"),
            Control(id="C2", risk_id="R2", measure="收费员自查", kind="preventive", owner_post_id="P-CASH"),
        ],
        conflicts=[Conflict(duty_a="核算", duty_b="付款", severity="critical", reason="自算自付")],
        supervisors=[Supervisor(person_id="E2", process_id="PR1", level=1)],
    )


RATINGS = Ratings(
    processes=[
        RatedProcess(
            id="PR1",
            exposure=43.0,
            residual=20.0,
            stars=1,
            nodes=[
                RatedNode(id="N1", exposure=2.0, light="green"),
                RatedNode(id="N2", exposure=28.0, light="red"),
                RatedNode(id="N3", exposure=13.0, light="yellow"),
            ],
            risks=[],
        )
    ],
    posts=[],
    people=[
        RatedHolder(id="E1", exposure=72.5, light="red"),
        RatedHolder(id="E2", exposure=30.0, light="yellow"),
        RatedHolder(id="E3", exposure=5.0, light="green"),
    ],
)


def build_station(driver: Driver, database: str) -> None:
    """Import the station and write exactly its chosen ratings (which label the lights Red, Yellow,
    Green); the rest stays unlit, so the pictures show both."""
    load(driver, database, station())
    unrate(driver, database)  # the import rated everything: start from the chosen ratings only
    write_ratings(driver, database, RATINGS, unit=None)
