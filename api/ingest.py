"""An import end to end: read -> parse -> validate (against the ids the graph holds) -> write.

The one place that joins importers/ (files into rows, and their validation) with graph/ (the
writer): `powermap import` and `POST /api/v1/imports` both call it. Every file is measured
against the bounds of `ImportLimits` (importers/limits.py) before it is read. Both the limits
and the risk model (imports re-rate what they change) are settings every caller must pass.
"""

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from neo4j import Driver

from graph.rows import Workbook
from graph.settings import ImportLimits, RiskModel
from graph.writer import ExistingIds, ImportCounts, Progress, Scope, existing_ids, write_workbook
from importers.bpmn import BpmnError, read_bpmn
from importers.limits import LimitError, check_bytes, check_cells, check_path, check_size, check_xml
from importers.validate import GraphIds, Parsed, Problem, check, parse
from importers.workbook import RawWorkbook, ReadError, read_path, read_xlsx, read_zip

BPMN_SUFFIXES = (".bpmn", ".bpmn2", ".xml")


@dataclass
class ImportResult:
    counts: ImportCounts | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The file exceeded a bound on reading (importers/limits.py): the API answers 413.
    too_large: bool = False

    @property
    def ok(self) -> bool:
        return self.counts is not None and not self.problems


# What a damaged or crafted file makes the readers (zipfile, zlib, openpyxl, ElementTree) raise
# beyond ReadError: still bad input, answered as a problem of the file, never a traceback.
UNREADABLE = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    ParseError,
    KeyError,
    IndexError,
    TypeError,
    ValueError,
    RecursionError,
)


# Every way reading a file fails: over a bound, a reader's own error, or a damaged file.
READ_FAILURES = (LimitError, ReadError, *UNREADABLE)


def _refused(name: str, exc: Exception) -> ImportResult:
    """A file that could not be read, as a problem of that file (a bound exceeded: 413 over HTTP)."""
    if isinstance(exc, LimitError):
        return _failure(name, str(exc), too_large=True)
    if isinstance(exc, ReadError):
        return _failure(name, str(exc))
    reason = f"{type(exc).__name__}: {exc}"
    return _failure(
        name, f"文件损坏或格式不对，无法读取 / the file is damaged or not what it claims: {reason}"
    )


def _failure(source: str, message: str, too_large: bool = False) -> ImportResult:
    return ImportResult(problems=[Problem(source, None, None, None, message)], too_large=too_large)


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
    limits: ImportLimits,
) -> ImportResult:
    """An uploaded file: .xlsx, a .zip of CSV files, or a .bpmn file."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (*BPMN_SUFFIXES, ".xlsx", ".xlsm", ".zip"):
        return _failure(
            filename, f"不支持的文件类型 / unsupported file type: {filename}（.xlsx、.zip 或 .bpmn）"
        )
    # Only the reading is guarded: a failure past it is not the file's fault.
    try:
        check_bytes(filename, data, limits)
        if suffix not in BPMN_SUFFIXES:
            raw = read_zip(data) if suffix == ".zip" else read_xlsx(data)
            check_cells(raw, limits)
    except READ_FAILURES as exc:
        return _refused(filename, exc)
    if suffix in BPMN_SUFFIXES:
        stem = prefix or Path(filename).stem
        return import_bpmn(driver, database, data, unit, stem, progress, filename, model=model)
    return import_raw(driver, database, raw, unit, progress, filename, model=model)


def import_path(
    driver: Driver,
    database: str,
    path: Path,
    unit: str | None = None,
    prefix: str | None = None,
    progress: Progress | None = None,
    *,
    model: RiskModel,
    limits: ImportLimits,
) -> ImportResult:
    """A workbook (.xlsx file, CSV directory, .zip of CSV files) or a .bpmn file."""
    bpmn = path.is_file() and path.suffix.lower() in BPMN_SUFFIXES
    # Only the reading is guarded: a failure past it is not the file's fault.
    try:
        if bpmn:
            check_size(path.name, path.stat().st_size, limits)  # before reading it
            data = path.read_bytes()
            check_xml(data, path.name, limits)
        else:
            check_path(path, limits)
            raw = read_path(path)
            check_cells(raw, limits)
    except READ_FAILURES as exc:
        return _refused(path.name, exc)
    if bpmn:
        return import_bpmn(
            driver, database, data, unit, prefix or path.stem, progress, path.name, model=model
        )
    return import_raw(driver, database, raw, unit, progress, path.name, model=model)
