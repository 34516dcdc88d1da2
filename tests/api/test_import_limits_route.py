"""`POST /api/v1/imports` with a file over a bound on reading: 413 with the problem, quickly."""

import io
import time
import zipfile

from fastapi.testclient import TestClient
from neo4j import Driver

from graph.tokens import Role
from tests.api.conftest import bearer
from tests.db import checksum


def test_a_zip_bomb_upload_is_413_within_seconds(
    client: TestClient, tokens: dict[Role, str], db: Driver
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        info = zipfile.ZipInfo("岗位.csv")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(b"," * 1_000_000)
    before = checksum(db, "neo4j")
    started = time.monotonic()
    response = client.post(
        "/api/v1/imports", headers=bearer(tokens[Role.admin]), files={"file": ("bomb.zip", buffer.getvalue())}
    )
    assert response.status_code == 413, response.text
    assert "MAX_BYTES" in response.json()["problems"][0]["message"]
    assert time.monotonic() - started < 5
    assert checksum(db, "neo4j") == before
