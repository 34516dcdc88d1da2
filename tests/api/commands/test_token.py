"""`powermap token create | list | revoke` as a script would use them."""

import re

from neo4j import Driver
from typer.testing import CliRunner

from api.cli import app
from graph.settings import Settings
from graph.tokens import Role, verify_token
from tests.db import check_nodes, read_rows

runner = CliRunner()


def _env(settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
    }


def test_create_prints_the_token_alone_then_revoke_kills_it(db: Driver, neo4j_settings: Settings) -> None:
    created = runner.invoke(
        app, ["token", "create", "--role", "analyst", "--name", "HR 系统"], env=_env(neo4j_settings)
    )
    assert created.exit_code == 0, created.output
    token = created.stdout.strip()
    assert re.fullmatch(r"pm_[0-9a-f]{12}_[\w-]{40,}", token), created.stdout
    info = verify_token(db, neo4j_settings.neo4j_database, token)
    assert info is not None and info.role is Role.analyst and info.name == "HR 系统"

    listed = runner.invoke(app, ["token", "list"], env=_env(neo4j_settings))
    assert info.id in listed.stdout and token.split("_")[2] not in listed.stdout

    stored = read_rows(db, neo4j_settings.neo4j_database, "MATCH (t:ApiToken) RETURN properties(t) AS p")
    assert stored and token.split("_")[2] not in str(stored[0]["p"]), "only a hash is stored"

    revoked = runner.invoke(app, ["token", "revoke", info.id], env=_env(neo4j_settings))
    assert revoked.exit_code == 0
    assert verify_token(db, neo4j_settings.neo4j_database, token) is None
    again = runner.invoke(app, ["token", "revoke", info.id], env=_env(neo4j_settings))
    assert again.exit_code == 1


def test_unknown_role_is_refused(db: Driver, neo4j_settings: Settings) -> None:
    result = runner.invoke(app, ["token", "create", "--role", "root"], env=_env(neo4j_settings))
    assert result.exit_code != 0
    assert check_nodes(db, neo4j_settings.neo4j_database, "ApiToken", ("id",)) == set()
