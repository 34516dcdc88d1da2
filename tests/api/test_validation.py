"""422 answers say what is wrong in Chinese and English (contract section 5)."""

from fastapi.testclient import TestClient

from graph.tokens import Role
from tests.api.conftest import bearer


def test_a_bad_body_is_explained_in_chinese_and_english(client: TestClient, tokens: dict[Role, str]) -> None:
    response = client.post(
        "/api/v1/sod/check", json={"person_id": "P1", "role": "C"}, headers=bearer(tokens[Role.analyst])
    )
    assert response.status_code == 422
    problems = {tuple(p["loc"]): p for p in response.json()["detail"]}
    assert problems[("body", "post_id")]["msg"] == "请求体 post_id：缺少必填项 / Field required"
    role = problems[("body", "role")]
    assert role["msg"].startswith("请求体 role：不是允许的取值 / ") and "'A' or 'B'" in role["msg"]
    assert role["type"] == "literal_error"  # the codes stay for scripts


def test_a_bad_query_parameter_too(client: TestClient, tokens: dict[Role, str]) -> None:
    response = client.get("/api/v1/findings?limit=0", headers=bearer(tokens[Role.viewer]))
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["msg"].startswith("查询参数 limit：数值太小 / ")
