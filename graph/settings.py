"""One settings object for everything powermap reads from the environment or `.env`."""

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# The checkout this package runs from (an editable install): home of .neo4j/ and .env.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    """Connection to Neo4j and the layout of the local server.

    Read from environment variables first, then from `.env` in the current directory or
    the project root. Field names are the variable names, case-insensitive.
    """

    model_config = SettingsConfigDict(
        env_file=(PROJECT_ROOT / ".env", ".env"),
        env_file_encoding="utf-8",
        extra="ignore",
    )

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"

    # The local server assembled by `make setup` (powermap db ...).
    powermap_neo4j_home: Path = PROJECT_ROOT / ".neo4j"
    powermap_bolt_port: int = Field(default=7687, ge=1, le=65535)
    powermap_http_port: int = Field(default=7474, ge=1, le=65535)
    # Sized for a 2-core, 24 GiB machine: a few GiB of heap for one-transaction imports of
    # many stations, and a page cache larger than a province-scale store.
    powermap_neo4j_heap: str = Field(default="3g", pattern=r"^\d+[kmgKMG]$")
    powermap_neo4j_pagecache: str = Field(default="2g", pattern=r"^\d+[kmgKMG]$")

    # Where Neo4j Browser fetches powermap's style and guide (`powermap serve`), and the
    # Browser origins allowed to fetch them (CORS); empty = the local Browser's two origins.
    powermap_api_url: str = Field(default="http://localhost:8000", pattern=r"^https?://[^/\s;]+$")
    powermap_browser_origins: list[str] = []

    def browser_origins(self) -> list[str]:
        port = self.powermap_http_port
        return self.powermap_browser_origins or [f"http://localhost:{port}", f"http://127.0.0.1:{port}"]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
