"""The local server's secrets: the password on no command line and owner-only files."""

import stat
from pathlib import Path

from pydantic import SecretStr

from graph.localdb import PRIVATE_DIRS, LocalServer
from graph.settings import Settings


def test_the_initial_password_is_set_through_an_owner_only_argument_file(
    tmp_path: Path, neo4j_settings: Settings
) -> None:
    lib = (neo4j_settings.powermap_neo4j_lib or neo4j_settings.powermap_neo4j_home / "lib").resolve()
    server = LocalServer(tmp_path / "home", 7999, 7998, "256m", "64m", lib=lib)
    password, _ = server._prepare()  # first start: runs neo4j-admin dbms set-initial-password
    assert (tmp_path / "home" / "data" / "dbms" / "auth.ini").exists(), "the password was set"
    assert server.password_file.read_text().strip() == password
    assert stat.S_IMODE(server.password_file.stat().st_mode) == 0o600
    for private in PRIVATE_DIRS:
        assert stat.S_IMODE((tmp_path / "home" / private).stat().st_mode) == 0o700, private
    assert not list((tmp_path / "home" / "run").glob(".args-*")), "the argument file is gone"
    argv = server.java_argv("Main", "dbms", "set-initial-password", password, argfile=tmp_path / "a")
    assert password not in " ".join(argv)


def test_the_password_never_prints(neo4j_settings: Settings) -> None:
    secret = neo4j_settings.neo4j_password.get_secret_value()
    assert secret
    for text in (repr(neo4j_settings), str(neo4j_settings), neo4j_settings.model_dump_json()):
        assert secret not in text
    assert isinstance(Settings(neo4j_password=SecretStr("s3cret")).neo4j_password, SecretStr)
