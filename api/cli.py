"""The `powermap` command: one typer app assembling the command groups of api/commands/."""

import typer

from api.commands import browser, check, db, importing, matrix, rate, render, serve, token

app = typer.Typer(
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


def main() -> None:
    app()
