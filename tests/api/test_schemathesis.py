"""The OpenAPI document validates, and schemathesis throws a few hundred generated requests at
every route (with an admin token, over the sample station): no answer is ever a 5xx.

Then schemathesis's own runner, every phase (examples, coverage, fuzzing and the stateful phase,
which follows the document's links), every check, against a real server and bounded in time:
every answer must be one the document declares, with a body matching its schema.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from neo4j import Driver
from openapi_spec_validator import validate
from schemathesis.core.result import Ok

from api.ingest import import_path
from api.main import create_app
from graph.settings import Settings
from graph.tokens import Role, create_token
from tests.build import LIMITS, RISK
from tests.test_sample import CSV_DIR

EXAMPLES_PER_ROUTE = 30


@pytest.fixture(scope="module")
def served(driver: Driver, neo4j_settings: Settings) -> Iterator[tuple[schemathesis.BaseSchema, str]]:
    database = neo4j_settings.neo4j_database
    from graph.schema import wipe

    wipe(driver, database)
    assert import_path(driver, database, CSV_DIR, model=RISK, limits=LIMITS).ok
    token = create_token(driver, database, Role.admin, "schemathesis")
    app = create_app(neo4j_settings)
    with TestClient(app):  # runs the lifespan: the app's driver lives for the whole module
        yield schemathesis.openapi.from_asgi("/openapi.json", app), token


def test_the_openapi_document_is_valid_openapi_3(served: tuple[schemathesis.BaseSchema, str]) -> None:
    validate(served[0].raw_schema)  # raises on an invalid document


def test_no_generated_request_gets_a_server_error(served: tuple[schemathesis.BaseSchema, str]) -> None:
    schema, token = served
    headers = {"Authorization": f"Bearer {token}"}
    calls: list[str] = []
    server_errors: list[str] = []
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result.err()
        operations.append(result.ok())
    assert len(operations) >= 10, "every route is in the document"
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES_PER_ROUTE, deadline=None, suppress_health_check=list(HealthCheck))
        def call(case: schemathesis.Case[Any]) -> None:
            response = case.call(headers=headers)
            calls.append(f"{case.method} {case.path}")
            if response.status_code >= 500:
                server_errors.append(f"{case.method} {case.formatted_path} -> {response.status_code}")

        call()
    assert len(calls) >= 300, f"only {len(calls)} generated requests"
    assert not server_errors, server_errors[:10]


# Semantic refusals of schema-valid requests are the API's job (a cursor no page gave, a file whose
# content is not a workbook): 422 with a message, which this heuristic check counts as a failure.
EXCLUDED_CHECKS = "positive_data_acceptance"
RUN_SECONDS = 60


def test_schemathesis_all_phases_find_nothing(
    driver: Driver, neo4j_settings: Settings, tmp_path: Path
) -> None:
    from tests.api.test_resilience import serving

    database = neo4j_settings.neo4j_database
    from graph.schema import wipe

    wipe(driver, database)
    assert import_path(driver, database, CSV_DIR, model=RISK, limits=LIMITS).ok
    token = create_token(driver, database, Role.admin, "schemathesis-run")
    st = Path(sys.executable).with_name("st")
    with serving(neo4j_settings) as url:
        done = subprocess.run(
            [
                str(st),
                "run",
                f"{url}/openapi.json",
                "--phases",
                "examples,coverage,fuzzing,stateful",
                "--checks",
                "all",
                "--exclude-checks",
                EXCLUDED_CHECKS,
                "--max-examples",
                "15",
                "--max-time",
                str(RUN_SECONDS),
                "--workers",
                "1",
                "--seed",
                "17",
                "--no-color",
                "-H",
                f"Authorization: Bearer {token}",
            ],
            capture_output=True,
            text=True,
            timeout=RUN_SECONDS + 120,
            cwd=tmp_path,
            env={**os.environ, "SCHEMATHESIS_TELEMETRY": "false"},
            check=False,
        )
    report = done.stdout[-12000:] + done.stderr[-2000:]
    assert "Stateful" in done.stdout, report
    assert done.returncode == 0, report
