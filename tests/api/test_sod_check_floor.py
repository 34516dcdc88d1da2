"""`POST /sod/check` at the HTTP floor (issue 16): the one-transaction answer built from rows is the
checks' own answer; the cached rule set follows every import; no BaseHTTPMiddleware."""

import random
from typing import Any

from fastapi import FastAPI
from fastapi.testclient import TestClient
from neo4j import Driver
from starlette.middleware.base import BaseHTTPMiddleware

from api.main import create_app
from api.routes.checks import SodCheck
from graph.checks.models import SodConflictFinding
from graph.checks.run import CHECKS, fetch, parameters
from graph.connection import in_read
from graph.rows import Conflict
from graph.settings import Settings
from graph.tokens import Role
from tests.api.conftest import bearer
from tests.api.test_checks_routes import PEOPLE, POSTS, SAMPLE
from tests.build import load

DB = "neo4j"


def _checks_answer(db: Driver, person: str, post: str, role: str) -> dict[str, Any]:
    """The what-if as the checks answer it: sod_conflict.cypher's rows through the pydantic
    findings, split as contract section 5 says (new: a duty reaches the person only through the post)."""
    params = parameters(threshold=None, person_id=person, extra_post_id=post, extra_role=role)
    found = in_read(db, DB, lambda tx: fetch(tx, CHECKS["sod_conflict"], params))
    new = [f for f in found if any(all(p.assumed for p in f.via if p.duty == d) for d in f.duties)]
    existing = [f for f in found if f not in new]
    return SodCheck(allowed=not new, new_conflicts=new, existing_conflicts=existing).model_dump(mode="json")


def test_the_answer_is_the_checks_answer_field_for_field(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    load(db, DB, SAMPLE)
    rng = random.Random(16)
    headers = bearer(tokens[Role.analyst])
    asked = [(person, post, role) for person in PEOPLE for post in rng.sample(POSTS, 3) for role in "AB"]
    seen = {"new": 0, "existing": 0, "mitigated": 0, "expired": 0}
    for person, post, role in asked:
        body = {"person_id": person, "post_id": post, "role": role}
        response = client.post("/api/v1/sod/check", json=body, headers=headers)
        assert response.status_code == 200
        answer = response.json()
        assert answer == _checks_answer(db, person, post, role), body
        assert list(answer) == ["allowed", "new_conflicts", "existing_conflicts"]
        conflicts = answer["new_conflicts"] + answer["existing_conflicts"]
        for conflict in conflicts:
            assert list(conflict) == list(SodConflictFinding.model_fields)  # the JSON's field order
        seen["new"] += len(answer["new_conflicts"])
        seen["existing"] += len(answer["existing_conflicts"])
        seen["mitigated"] += sum(c["mitigated"] for c in conflicts)
        seen["expired"] += sum(c["expired_until"] is not None for c in conflicts)
    # The comparison covered every kind of conflict the answer can hold.
    assert all(seen.values()), seen


def _severity(client: TestClient, token: str, person: str, post: str, pair: list[str]) -> str | None:
    body = {"person_id": person, "post_id": post, "role": "A"}
    answer = client.post("/api/v1/sod/check", json=body, headers=bearer(token)).json()
    found = [c for c in answer["new_conflicts"] + answer["existing_conflicts"] if c["duties"] == pair]
    return found[0]["rule_severity"] if found else None


def test_an_import_that_changes_the_rules_changes_the_next_answer(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    load(db, DB, SAMPLE)
    token = tokens[Role.analyst]
    # CG-PER-06 holds 抄表 and 收费: the sample's rule says medium (中).
    pair = sorted(["抄表", "收费"])
    person = "CG-PER-06"
    assert _severity(client, token, person, POSTS[0], pair) == "medium"  # the rules are cached now
    # An import by someone else (here the test's own driver, as the command line would): the
    # API's process is not told.
    stricter = [
        Conflict(duty_a=c.duty_a, duty_b=c.duty_b, severity="critical", reason=c.reason)
        if sorted([c.duty_a, c.duty_b]) == pair
        else c
        for c in SAMPLE.conflicts
    ]
    load(db, DB, SAMPLE.model_copy(update={"conflicts": stricter}))
    assert _severity(client, token, person, POSTS[0], pair) == "critical"
    # A new rule: a pair of duties the person holds that no rule named before.
    duties = _duties_of(db, person)
    unruled = sorted(duties)[:2]
    ruled = {tuple(sorted([c.duty_a, c.duty_b])) for c in SAMPLE.conflicts}
    assert tuple(unruled) not in ruled
    assert _severity(client, token, person, POSTS[0], unruled) is None
    added = [*stricter, Conflict(duty_a=unruled[0], duty_b=unruled[1], severity="low", reason="测试")]
    load(db, DB, SAMPLE.model_copy(update={"conflicts": added}))
    assert _severity(client, token, person, POSTS[0], unruled) == "low"


def _duties_of(db: Driver, person: str) -> set[str]:
    rows = in_read(
        db,
        DB,
        lambda tx: list(
            tx.run(
                "MATCH (:Person {id: $id})-[:HOLDS]->(:Post)-[:PERFORMS]->(:Node)-[:HAS_DUTY]->(d:Duty) "
                "RETURN DISTINCT d.name AS duty",
                id=person,
            )
        ),
    )
    return {r["duty"] for r in rows}


def test_unknown_person_or_post_is_404_naming_it_in_the_same_transaction(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    load(db, DB, SAMPLE)
    headers = bearer(tokens[Role.analyst])
    both = {"person_id": "NOBODY", "post_id": "NOPOST", "role": "A"}
    answer = client.post("/api/v1/sod/check", json=both, headers=headers)
    assert answer.status_code == 404 and "NOBODY" in answer.json()["detail"]
    post = {"person_id": PEOPLE[0], "post_id": "NOPOST", "role": "B"}
    answer = client.post("/api/v1/sod/check", json=post, headers=headers)
    assert answer.status_code == 404 and "NOPOST" in answer.json()["detail"]


def _middleware_classes(app: FastAPI) -> list[type]:
    classes = [m.cls for m in app.user_middleware]
    for route in app.routes:
        mounted = getattr(route, "app", None)
        classes += [m.cls for m in getattr(mounted, "user_middleware", [])]
    return [c for c in classes if isinstance(c, type)]


def test_no_base_http_middleware_anywhere(neo4j_settings: Settings) -> None:
    classes = _middleware_classes(create_app(neo4j_settings))
    assert classes, "the app has its middleware"
    assert not [c for c in classes if issubclass(c, BaseHTTPMiddleware)], classes
