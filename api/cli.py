"""The `powermap` command: one typer app assembling the command groups of api/commands/.

Exit codes, the same for every command: 0 done; 1 the database or the work failed; 2 bad input
(an unknown option, unit, check or id, a bad value). A failure is one clear line in Chinese and
English on stderr, never a traceback.
"""

import logging
from typing import Any, NoReturn

import typer
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable
from rich.console import Console
from typer._click.exceptions import ClickException
from typer.core import TyperGroup

from api.commands import (
    browser,
    check,
    db,
    drift,
    importing,
    ledger,
    matrix,
    rate,
    render,
    report,
    scan,
    serve,
    tasks,
    token,
    whatif,
)
from graph.localdb import LocalDbError

EXIT_FAILED = 1
EXIT_BAD_INPUT = 2


class _Commands(TyperGroup):
    """The top command group: turns failures of any command into a message and an exit code."""

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click.Context
        try:
            return super().invoke(ctx)
        except (ServiceUnavailable, AuthError) as exc:
            _fail(
                "数据库不可用，请先运行 powermap db start 或检查 NEO4J_URI / "
                f"the database is unavailable: {exc}",
                EXIT_FAILED,
            )
        except (DriverError, Neo4jError, LocalDbError, OSError) as exc:
            _fail(f"操作失败 / failed: {exc}", EXIT_FAILED)
        except (LookupError, ValueError) as exc:
            # Unknown units, checks, processes and ids; values that do not parse (settings included).
            _fail(str(exc), EXIT_BAD_INPUT)
        except (typer.Exit, typer.Abort, ClickException, SystemExit):
            raise  # typer's own exits, usage errors and Ctrl+C
        except Exception as exc:
            # Anything else is a bug or a failure nobody foresaw: still one message, no traceback;
            # the details go to the log (POWERMAP_LOG_LEVEL=DEBUG shows them).
            logging.getLogger("powermap").debug("unexpected failure", exc_info=True)
            _fail(f"意外的错误 / unexpected failure: {type(exc).__name__}: {exc}", EXIT_FAILED)


def _fail(message: str, code: int) -> NoReturn:
    # markup off: driver messages hold brackets ("[Errno 111]") that rich would take for tags.
    Console(stderr=True, soft_wrap=True).print(message, style="red", markup=False, highlight=False)
    raise typer.Exit(code)


app = typer.Typer(
    cls=_Commands,
    help="powermap：供电所小微权力地图 / where authority runs in a station, and where it can be abused.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(db.app, name="db")
importing.register(app)
app.add_typer(token.app, name="token")
app.add_typer(browser.app, name="browser")
app.command()(serve.serve)
app.command(name="render")(render.render)
app.command(name="matrix")(matrix.matrix)
app.command(name="check")(check.check)
app.command(name="rate")(rate.rate)
# Contract section 7 (docs/whatif.md).
whatif.register(app)
# Contract section 6 (docs/history.md).
app.command(name="scan")(scan.scan)
app.command(name="drift")(drift.drift)
app.command(name="ledger")(ledger.ledger)
app.command(name="tasks")(tasks.tasks)
app.command(name="report")(report.report)


def main() -> None:
    # The driver logs every retry to stderr; the one message of _Commands says what went wrong.
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    app()
