"""Every command turns a database failure or a bad argument into one clear line and a documented
exit code (1 failed, 2 bad input), never a traceback. Run as users run it: the real executable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graph.settings import Settings

POWERMAP = str(Path(sys.executable).with_name("powermap"))
SAMPLE = str(Path(__file__).resolve().parents[2] / "data" / "sample" / "城关供电所")

# Commands that talk to the database, one of each group, with arguments that are otherwise fine.
# (Each waits out the driver's retries, ~10 s: one per command group keeps the suite short.)
NEEDS_DATABASE = [
    ["check"],
    ["import", SAMPLE],
    ["token", "list"],
    ["db", "migrate"],
]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [POWERMAP, *args], capture_output=True, text=True, timeout=120, env={**os.environ, **env}, check=False
    )


@pytest.mark.parametrize("args", NEEDS_DATABASE, ids=lambda a: " ".join(a[:2]))
def test_no_database_is_exit_1_with_a_message(args: list[str]) -> None:
    # Port 9 (discard) is closed on this machine: nothing answers Bolt there.
    done = _run(args, NEO4J_URI="bolt://127.0.0.1:9", NEO4J_PASSWORD="x")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "数据库" in done.stderr or "失败" in done.stderr


def _live(settings: Settings) -> dict[str, str]:
    return {
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }


@pytest.mark.parametrize(
    "args",
    [["check", "--unit", "NO-SUCH"], ["rate", "--unit", "NO-SUCH"], ["check", "--check", "nonsense"]],
    ids=lambda a: " ".join(a),
)
def test_bad_input_is_exit_2_naming_it(args: list[str], neo4j_settings: Settings) -> None:
    done = _run(args, **_live(neo4j_settings))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert args[-1] in done.stderr


def test_a_bad_setting_is_exit_2_naming_it(neo4j_settings: Settings) -> None:
    done = _run(["check"], **_live(neo4j_settings), POWERMAP_CONCENTRATION_THRESHOLD="zero")
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "powermap_concentration_threshold" in done.stderr
