"""The command line: a thin layer over the stages. User mistakes are one line; tracebacks need --debug."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from tracker import paths
from tracker.problems import InvalidRecords, Problem, TrackerError

RECORDS_OPTION = click.option(
    "--records",
    "records_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=paths.RECORDS,
    show_default="records/",
    help="Folder holding people/, events/ and sources/.",
)


def print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.echo(problem.line(), err=True)


class TrackerGroup(click.Group):
    """Runs a command; turns known errors into one line and unknown ones into a short message."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except InvalidRecords as error:
            print_problems(error.problems)
            click.secho(f"{len(error.problems)} problem(s); nothing was written.", fg="red", err=True)
            ctx.exit(1)
        except TrackerError as error:
            click.secho(f"error: {error}", fg="red", err=True)
            ctx.exit(1)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.secho(
                f"internal error: {type(error).__name__}: {error} (run with --debug for details)", fg="red", err=True
            )
            ctx.exit(1)


@click.group(cls=TrackerGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build and check the record of Armenian prisoners held in Azerbaijan."""
    ctx.obj = {"debug": debug}
    if debug:
        sys.tracebacklimit = 1000


@main.command()
@RECORDS_OPTION
def check(records_dir: Path) -> None:
    """Validate the records only: exit 0 when valid, 1 with problems (one per line on stderr)."""
    from tracker.pipeline import check_records

    records = check_records(_existing(records_dir))
    click.echo(f"valid: {len(records.people)} people, {len(records.events)} events, {len(records.sources)} sources")


def _existing(records_dir: Path) -> Path:
    if not records_dir.is_dir():
        raise click.UsageError(f"records folder {records_dir} does not exist")
    return records_dir
