"""The risk checks: contract section 3 as Cypher in cypher/checks/, findings as pydantic models."""

from graph.checks.models import Finding, FindingsReport
from graph.checks.run import CHECKS, UnknownCheckError, UnknownUnitError, run_checks, sod_what_if

__all__ = [
    "CHECKS",
    "Finding",
    "FindingsReport",
    "UnknownCheckError",
    "UnknownUnitError",
    "run_checks",
    "sod_what_if",
]
