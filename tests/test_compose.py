"""docker-compose.yml: no engine runs here, so its structure is checked as `docker compose config` would."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
SERVICE_KEYS = {
    "image",
    "build",
    "environment",
    "ports",
    "volumes",
    "healthcheck",
    "command",
    "depends_on",
}


def test_only_known_top_level_keys() -> None:
    assert set(COMPOSE) <= {"services", "volumes", "networks", "configs", "secrets", "name"}


def test_neo4j_is_the_official_5_26_image_with_a_healthcheck() -> None:
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26"
    check = neo4j["healthcheck"]
    assert check["test"][0] in {"CMD", "CMD-SHELL"}
    assert "RETURN 1" in check["test"][1]
    assert "NEO4J_AUTH" in neo4j["environment"]


def test_api_waits_for_a_healthy_database_and_serves() -> None:
    api = COMPOSE["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_URI"] == "bolt://neo4j:7687"
    assert api["command"][:2] == ["powermap", "serve"]
    assert (ROOT / api["build"] / "Dockerfile").is_file()


def test_services_use_only_compose_keys_and_named_volumes_exist() -> None:
    for name, service in COMPOSE["services"].items():
        assert set(service) <= SERVICE_KEYS, name
        for port in service.get("ports", []):
            host, _, container = str(port).rpartition(":")
            assert host.startswith("127.0.0.1:") and container.isdigit(), port
        for volume in service.get("volumes", []):
            assert volume.split(":")[0] in COMPOSE["volumes"], volume
