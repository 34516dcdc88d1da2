"""An import end to end: read -> parse -> validate (against the ids the graph holds) -> write.

The one place that joins importers/ (files into rows, and their validation) with graph/ (the
writer): `powermap import` and `POST /api/v1/imports` both call it.
"""

from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver

from graph.rows import Workbook
from graph.settings import RiskModel
from graph.writer import ExistingIds, ImportCounts, Progress, Scope, existing_ids, write_workbook
from importers.bpmn import BpmnError, read_bpmn
from importers.validate import GraphIds, Parsed, Problem, check, parse
from importers.workbook import RawWorkbook, ReadError, read_path, read_xlsx, read_zip

BPMN_SUFFIXES = (".bpmn", ".bpmn2", ".xml")


@dataclass
class ImportResult:
    counts: ImportCounts | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.counts is not None and not self.problems


def _failure(source: str, message: str) -> ImportResult:
    return ImportResult(problems=[Problem(source, None, None, None, message)])


def _write(
    driver: Driver,
    database: str,
    parsed: Parsed,
    scope: Scope,
    unit: str | None,
    progress: Progress | None,
    source: str | None = None,
    *,
    model: RiskModel,
) -> ImportResult:
    if scope is Scope.UNITS and unit and unit not in {u.id for u in parsed.workbook.units}:
        return _failure(
            "units", f"--unit {unit} 不在工作簿的单位表中 / --unit {unit} is not among the workbook's units"
        )
    problems: list[Problem] = []

    def validate(existing: ExistingIds) -> bool:
        # Called again when a transient error retries the transaction: start afresh each time.
        problems[:] = check(parsed, GraphIds(existing), scope)
        return not problems

    counts = write_workbook(
        driver, database, parsed.workbook, validate, scope, progress, source=source, model=model
    )
    return ImportResult(counts=counts, problems=problems, warnings=parsed.warnings)


def import_workbook(
    driver: Driver, database: str, workbook: Workbook, progress: Progress | None = None, *, model: RiskModel
) -> ImportResult:
    """A workbook built in code (tests, generators), through the same validation and writer."""
    return _write(driver, database, Parsed.of(workbook), Scope.UNITS, None, progress, model=model)


def import_raw(
    driver: Driver,
    database: str,
    raw: RawWorkbook,
    unit: str | None = None,
    progress: Progress | None = None,
    source: str | None = None,
    *,
    model: RiskModel,
) -> ImportResult:
    parsed, problems = parse(raw)
    if problems:
        # Report every problem at once: those across tables and against the graph too.
        problems += check(parsed, GraphIds(existing_ids(driver, database, parsed.workbook)), Scope.UNITS)
        return ImportResult(problems=problems, warnings=parsed.warnings)
    return _write(driver, database, parsed, Scope.UNITS, unit, progress, source, model=model)


def import_bpmn(
    driver: Driver,
    database: str,
    data: bytes,
    unit: str | None,
    prefix: str,
    progress: Progress | None = None,
    source: str | None = None,
    *,
    model: RiskModel,
) -> ImportResult:
    if not unit:
        return _failure("bpmn", "导入 BPMN 须用 --unit 指定单位 / a BPMN import needs --unit UNIT_ID")
    try:
        parsed = read_bpmn(data, unit, prefix)
    except BpmnError as exc:
        return _failure("bpmn", str(exc))
    return _write(driver, database, parsed, Scope.ITEMS, unit, progress, source, model=model)


def import_bytes(
    driver: Driver,
    database: str,
    filename: str,
    data: bytes,
    unit: str | None = None,
    prefix: str | None = None,
    progress: Progress | None = None,
    *,
    model: RiskModel,
) -> ImportResult:
    """An uploaded file: .xlsx, a .zip of CSV files, or a .bpmn file."""
    suffix = Path(filename).suffix.lower()
    try:
        if suffix in BPMN_SUFFIXES:
            return import_bpmn(
                driver, database, data, unit, prefix or Path(filename).stem, progress, filename, model=model
            )
        if suffix in (".xlsx", ".xlsm"):
            return import_raw(driver, database, read_xlsx(data), unit, progress, filename, model=model)
        if suffix == ".zip":
            return import_raw(driver, database, read_zip(data), unit, progress, filename, model=model)
    except ReadError as exc:
        return _failure(filename, str(exc))
    return _failure(filename, f"不支持的文件类型 / unsupported file type: {filename}（.xlsx、.zip 或 .bpmn）")


def import_path(
    driver: Driver,
    database: str,
    path: Path,
    unit: str | None = None,
    prefix: str | None = None,
    progress: Progress | None = None,
    *,
    model: RiskModel,
) -> ImportResult:
    """A workbook (.xlsx file, CSV directory, .zip of CSV files) or a .bpmn file."""
    if path.is_file() and path.suffix.lower() in BPMN_SUFFIXES:
        return import_bpmn(
            driver, database, path.read_bytes(), unit, prefix or path.stem, progress, path.name, model=model
        )
    try:
        raw = read_path(path)
    except ReadError as exc:
        return _failure(path.name, str(exc))
    return import_raw(driver, database, raw, unit, progress, path.name, model=model)
