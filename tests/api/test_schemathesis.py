"""The OpenAPI document validates, and schemathesis throws a few hundred generated requests at
every route (with an admin token, over the sample station): no answer is ever a 5xx."""

from collections.abc import Iterator
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
from tests.build import RISK
from tests.test_sample import CSV_DIR

EXAMPLES_PER_ROUTE = 30


@pytest.fixture(scope="module")
def served(driver: Driver, neo4j_settings: Settings) -> Iterator[tuple[schemathesis.BaseSchema, str]]:
    database = neo4j_settings.neo4j_database
    from graph.schema import wipe

    wipe(driver, database)
    assert import_path(driver, database, CSV_DIR, model=RISK).ok
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
