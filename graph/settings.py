"""One settings object for everything powermap reads from the environment or `.env`."""

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from graph.vocab import DEFAULT_FONT

# `powermap check`: a person who is the A holder of this many posts or more is a finding (一人多职).
CONCENTRATION_THRESHOLD = 3

# The checkout this package runs from (an editable install): home of .neo4j/ and .env.
PROJECT_ROOT = Path(__file__).resolve().parent.parent


class RiskModel(BaseModel):
    """Every parameter of the risk model (docs/risk-model.md gives the reasons).

    Override one with an environment variable such as `POWERMAP_RISK__DELTA=0.6`.
    """

    # Share of a risk an independent control removes, by its kind.
    preventive_effectiveness: float = Field(default=0.5, ge=0, le=1)
    detective_effectiveness: float = Field(default=0.3, ge=0, le=1)
    # A control whose kind was not given counts as the weaker kind.
    unknown_kind_effectiveness: float = Field(default=0.3, ge=0, le=1)
    # Share of a predecessor's exposure that flows on to the next node.
    delta: float = Field(default=0.5, ge=0, le=1)
    # How much a post held as A or B weighs in a person's exposure.
    a_weight: float = Field(default=1.0, ge=0)
    b_weight: float = Field(default=0.5, ge=0)
    # Added to a person's exposure per unmitigated conflict, by its severity.
    conflict_penalty: dict[str, float] = {"critical": 30.0, "high": 20.0, "medium": 10.0, "low": 5.0}
    # Stars of a process by its total residual risk.
    three_star_residual: float = Field(default=100.0, gt=0)
    two_star_residual: float = Field(default=40.0, gt=0)
    # Traffic lights: red at or above the first value, yellow at or above the second.
    node_light: tuple[float, float] = (25.0, 10.0)
    post_light: tuple[float, float] = (100.0, 50.0)
    person_light: tuple[float, float] = (100.0, 50.0)


class ImportLimits(BaseModel):
    """Bounds on reading an import file, checked before anything big is held in memory
    (importers/limits.py; docs/workbook.md). The largest real station workbook is a few MB, so
    the defaults leave room tenfold and still keep an import within seconds and a few hundred MB.

    Override one with an environment variable such as `POWERMAP_IMPORT_LIMITS__MAX_CELLS=2000000`.
    """

    # Uncompressed bytes: all members of a .zip or .xlsx together, a CSV directory, a .bpmn file.
    max_bytes: int = Field(default=64_000_000, gt=0)
    # Uncompressed / compressed size of a .zip or .xlsx (and of each member), from 1 MB uncompressed.
    max_ratio: float = Field(default=100.0, gt=1)
    # Files in a .zip or .xlsx.
    max_members: int = Field(default=1_000, gt=0)
    # Cells of all sheets or CSV files together (an empty cell of a written row counts), and the
    # rows x columns one sheet spans.
    max_cells: int = Field(default=1_000_000, gt=0)
    # Rows of one sheet or CSV file (a station's largest table has a few thousand).
    max_rows: int = Field(default=100_000, gt=0)
    # Shared strings of an .xlsx (the distinct texts Excel stores once).
    max_shared_strings: int = Field(default=1_000_000, gt=0)
    # Characters of one cell or CSV field: Excel's own limit.
    max_cell_chars: int = Field(default=32_767, gt=0)
    # Nesting of XML elements in a .bpmn file (real models nest sub-processes a few levels).
    max_xml_depth: int = Field(default=256, gt=0)


class Settings(BaseSettings):
    """Connection to Neo4j and the layout of the local server.

    Read from environment variables first, then from `.env` in the current directory or
    the project root. Field names are the variable names, case-insensitive.
    """

    model_config = SettingsConfigDict(
        env_file=(PROJECT_ROOT / ".env", ".env"),
        env_file_encoding="utf-8",
        extra="ignore",
        env_nested_delimiter="__",
    )

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    # A secret: never printed (repr, logs, pytest's failure output); `.get_secret_value()` to use it.
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"

    # The local server assembled by `make setup` (powermap db ...).
    powermap_neo4j_home: Path = PROJECT_ROOT / ".neo4j"
    powermap_bolt_port: int = Field(default=7687, ge=1, le=65535)
    powermap_http_port: int = Field(default=7474, ge=1, le=65535)
    # Sized for a 2-core, 24 GiB machine: a few GiB of heap for one-transaction imports of
    # many stations, and a page cache larger than a province-scale store.
    powermap_neo4j_heap: str = Field(default="3g", pattern=r"^\d+[kmgKMG]$")
    powermap_neo4j_pagecache: str = Field(default="2g", pattern=r"^\d+[kmgKMG]$")
    # The server jars when not in <home>/lib: the test server runs on the demo's jars.
    powermap_neo4j_lib: Path | None = None

    # The test suite's own local server (tests/conftest.py), so `make test` never empties the
    # database `make demo` filled. Same jars, its own home and ports; small, tests hold little data.
    powermap_test_neo4j_home: Path = PROJECT_ROOT / ".neo4j-test"
    powermap_test_bolt_port: int = Field(default=7688, ge=1, le=65535)
    powermap_test_http_port: int = Field(default=7475, ge=1, le=65535)
    powermap_test_neo4j_heap: str = Field(default="1g", pattern=r"^\d+[kmgKMG]$")
    powermap_test_neo4j_pagecache: str = Field(default="256m", pattern=r"^\d+[kmgKMG]$")
    # Where the test server's Browser fetches the style and guide: not the demo's `powermap serve`.
    powermap_test_api_url: str = Field(default="http://localhost:8001", pattern=r"^https?://[^/\s;]+$")

    powermap_risk: RiskModel = RiskModel()

    # The largest upload `POST /api/v1/imports` accepts.
    powermap_max_upload_bytes: int = Field(default=20_000_000, gt=0)
    # Requests the API runs at once; beyond that it answers 503 + Retry-After at once (api/guard.py).
    powermap_max_requests_in_flight: int = Field(default=64, ge=1)
    # How long the API trusts a token it verified before asking the database again (per process,
    # graph/tokens.py): a revoked token stops working within this many seconds; 0 = every request asks.
    powermap_token_cache_seconds: float = Field(default=10.0, ge=0)
    # Bounds on reading any import file, CLI and API alike (ImportLimits above).
    powermap_import_limits: ImportLimits = ImportLimits()

    # The CJK font of every chart (fontconfig family name); see docs/flowcharts.md for fallbacks.
    powermap_font: str = DEFAULT_FONT

    # The checks (powermap check).
    powermap_concentration_threshold: int = Field(default=CONCENTRATION_THRESHOLD, ge=1)
    # The rectification ledger (docs/history.md): an item is due this many days after it opens.
    powermap_ledger_due_days: int = Field(default=30, ge=1)
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
