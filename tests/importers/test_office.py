"""A real office suite writes the workbooks: Debian's LibreOffice Calc (`libreoffice-calc-nogui`,
installed by `make setup`) converts the sample station's .xlsx the way users' own tools do:

- back to .xlsx (Calc MS Excel 2007 XML);
- to one CSV file per sheet, named `<file>-<sheet>.csv`, in UTF-8 and in GBK (code page 936, what
  Excel and WPS on Chinese Windows write);
- the GBK files zipped the way Chinese Windows zips them (GBK names in a folder, no UTF-8 flag).

Each imports to exactly the same graph as the original.
"""

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from neo4j import Driver

from api.ingest import import_bytes, import_path
from graph.schema import wipe
from tests.build import LIMITS, RISK
from tests.db import graph_lines
from tests.importers.test_clerks import windows_zip
from tests.test_sample import XLSX

DB = "neo4j"
# LibreOffice's CSV filter options: separator ",", quote '"', character set, from row 1, (no
# column formats), language, quoted text, detect numbers, save cells as shown, export formulas,
# remove spaces, and -1: every sheet to its own file, `<name>-<sheet>.csv`.
UTF8, GBK = 76, 61  # LibreOffice's RTL_TEXTENCODING_UTF8 and RTL_TEXTENCODING_MS_936
DOMAIN = ["Unit", "Post", "Person", "Process", "Node", "Duty", "Risk", "Control", "Mitigation"]


def csv_filter(charset: int) -> str:
    return f"csv:Text - txt - csv (StarCalc):44,34,{charset},1,,0,false,true,true,false,false,-1"


def soffice(work: Path, target: str, source: Path, out: Path) -> None:
    """One headless conversion, with a profile of its own (no user's settings, no other instance)."""
    binary = shutil.which("soffice")
    assert binary, "LibreOffice is missing: run `make setup` (it installs libreoffice-calc-nogui)"
    env = {**os.environ, "HOME": str(work / "home")}
    subprocess.run(
        [
            binary,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
        env=env,
    )


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("office")
    source = work / "城关供电所.xlsx"
    shutil.copy(XLSX, source)
    soffice(work, "xlsx:Calc MS Excel 2007 XML", source, work / "xlsx")
    soffice(work, csv_filter(UTF8), source, work / "utf8")
    soffice(work, csv_filter(GBK), source, work / "gbk")
    zipped = work / "gbk.zip"
    zipped.write_bytes(
        windows_zip({f"城关供电所\\{p.name}": p.read_bytes() for p in sorted((work / "gbk").iterdir())})
    )
    return {
        "xlsx": work / "xlsx" / "城关供电所.xlsx",
        "csv-utf8": work / "utf8",
        "csv-gbk": work / "gbk",
        "zip-gbk-names": zipped,
    }


def graph_of(db: Driver) -> list[str]:
    """Every node and relationship of the contract's graph with its properties (tests/db.py)."""
    return graph_lines(db, DB)


def test_libreoffice_writes_what_users_tools_write(converted: dict[str, Path]) -> None:
    names = sorted(p.name for p in converted["csv-gbk"].iterdir())
    assert len(names) == 12 and "城关供电所-单位.csv" in names, names
    data = (converted["csv-gbk"] / "城关供电所-岗位.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert data.decode("gbk").startswith("编号,名称,单位,关键岗位")
    assert (converted["csv-utf8"] / "城关供电所-岗位.csv").read_text(encoding="utf-8").startswith("编号")
    with zipfile.ZipFile(io.BytesIO(converted["zip-gbk-names"].read_bytes())) as archive:
        assert all(not info.flag_bits & 0x800 for info in archive.infolist())


@pytest.mark.parametrize("variant", ["xlsx", "csv-utf8", "csv-gbk", "zip-gbk-names"])
def test_each_conversion_imports_to_the_same_graph(
    db: Driver, converted: dict[str, Path], variant: str
) -> None:
    original = import_path(db, DB, XLSX, model=RISK, limits=LIMITS)
    assert original.ok, original.problems
    expected = graph_of(db)
    assert len(expected) > 300
    wipe(db, DB)
    path = converted[variant]
    if variant.startswith("zip"):
        result = import_bytes(db, DB, path.name, path.read_bytes(), model=RISK, limits=LIMITS)
    else:
        result = import_path(db, DB, path, model=RISK, limits=LIMITS)
    assert result.ok, [p.as_dict() for p in result.problems]
    assert result.warnings == []
    assert graph_of(db) == expected
