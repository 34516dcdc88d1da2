"""Test graphs are built the way users build them: a workbook, through the real import path."""

from neo4j import Driver

from api.ingest import import_workbook
from graph.rows import Workbook
from graph.settings import ImportLimits, RiskModel
from graph.writer import ImportCounts

# The risk model of every test import (imports rate what they change: contract section 2).
RISK = RiskModel()
# The documented bounds on reading a file (importers/limits.py), as a default install has them.
LIMITS = ImportLimits()


def load(driver: Driver, database: str, workbook: Workbook) -> ImportCounts:
    """Import `workbook` (validated, then written in one transaction); fails the test when refused."""
    result = import_workbook(driver, database, workbook, model=RISK)
    assert result.counts is not None, [p.as_dict() for p in result.problems]
    return result.counts
