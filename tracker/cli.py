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
    metavar="DIR",
    default=paths.RECORDS,
    show_default="records/",
    help="Folder holding people/, events/ and sources/.",
)
SITE_OPTION = click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    default=paths.SITE,
    show_default="site/",
    help="The built site's folder (a build replaces it only when the whole build succeeds).",
)


def print_problems(problems: list[Problem], *, level: str = "error") -> None:
    """One line each; on GitHub Actions also an annotation, shown on the file in a pull request."""
    import os

    prefix = "warning: " if level == "warning" else ""
    for problem in problems:
        click.echo(prefix + problem.line(), err=True)
        if os.environ.get("GITHUB_ACTIONS") == "true":
            where = f"{problem.path}: " if problem.path else ""
            message = f"{where}{problem.message} [{problem.code}]".replace("%", "%25").replace("\n", "%0A")
            click.echo(f"::{level} file={problem.file},title={problem.code}::{message}", err=True)


class TrackerGroup(click.Group):
    """Runs a command; turns known errors into one line and unknown ones into a short message."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """In the order they are defined (the order of a first use), not alphabetical."""
        return list(self.commands)

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
        except click.NoSuchOption as error:
            if error.option_name == "--debug":  # a global option, given after the command
                command = ctx.invoked_subcommand or "COMMAND"
                error.message = f"--debug goes before the command: build.py --debug {command} (not after it)"
                error.possibilities = None
            raise
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # output piped into `head` and the like: not an error
            sys.stderr.close()
            ctx.exit(0)
        except Exception as error:  # noqa: BLE001 - the last line of defence against tracebacks
            if ctx.obj and ctx.obj.get("debug"):
                traceback.print_exc()
            click.secho(
                f"internal error: {type(error).__name__}: {error} "
                f"(run `build.py --debug {ctx.invoked_subcommand or ''}` for details)",
                fg="red",
                err=True,
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
    """Validate the records only: exit 0 when valid, 1 with problems, 2 for a usage mistake. Each problem
    is one line on stderr: `file: field: message [code]`."""
    from tracker.i18n import missing_translations
    from tracker.pipeline import check_records
    from tracker.suggest import publisher_warnings

    records = check_records(_existing(records_dir))
    print_problems(publisher_warnings(records), level="warning")
    click.echo(f"valid: {len(records.people)} people, {len(records.events)} events, {len(records.sources)} sources")
    missing = ", ".join(
        f"{lacking} of {total} {field}" for field, (lacking, total) in missing_translations(records).items()
    )
    click.echo(f"translations: Armenian text missing for {missing} (shown in English, marked; not an error)")


def _existing(records_dir: Path) -> Path:
    if not records_dir.is_dir():
        raise click.UsageError(f"records folder {records_dir} does not exist")
    return records_dir


@main.command()
@RECORDS_OPTION
@SITE_OPTION
@click.option("--site-url", default=None, help="Override mkdocs.yml's site_url (e.g. for a preview host).")
@click.option("-q", "--quiet", is_flag=True, help="Print only problems and the final line.")
@click.option("--no-reuse", is_flag=True, help="Build everything from scratch, with an empty cache (a clean build).")
def build(records_dir: Path, out_dir: Path, site_url: str | None, quiet: bool, no_reuse: bool) -> None:
    """Validate and build the site into --out, reusing what the edits since the last build left unchanged,
    and atomically: on any failure the previous output is left as it was."""
    import time

    from tracker.pipeline import build as run_build

    started = time.perf_counter()

    def progress(message: str) -> None:
        if not quiet:
            click.echo(f"· {message}", err=True)

    result = run_build(_existing(records_dir), out_dir, progress=progress, site_url=site_url, reuse=not no_reuse)
    what = f"{result.people} people, {result.events} events, {result.sources} sources"
    done = f"in {time.perf_counter() - started:.1f}s"
    if result.in_place:
        click.echo(f"updated {result.out_dir} in place: {result.pages} pages rendered ({what}) {done}")
    else:
        click.echo(f"built {result.pages} pages ({what}) into {result.out_dir} {done}")


@main.command()
@click.option(
    "--people", type=click.IntRange(1, 1_000_000), metavar="N", required=True, help="How many people to generate."
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    required=True,
    help="A new or empty folder to write them into (never records/).",
)
@click.option("--seed", type=int, metavar="S", default=1, show_default=True, help="Same seed, same records.")
def synth(people: int, out_dir: Path, seed: int) -> None:
    """Write a synthetic (clearly fake) records folder for tests and benchmarks."""
    from tracker.synth import synthesize

    if out_dir.resolve() == paths.RECORDS.resolve() or paths.RECORDS.resolve() in out_dir.resolve().parents:
        raise click.UsageError("synthetic records never go into records/: choose another --out")
    if out_dir.exists() and any(out_dir.iterdir()):
        raise click.UsageError(f"{out_dir} is not empty; synthetic records go into a new folder")
    counts = synthesize(people, out_dir, seed=seed)
    click.echo(f"wrote {counts['people']} people, {counts['events']} events, {counts['sources']} sources to {out_dir}")


NEXT_STEPS = {
    "person": "replace the FILL IN summary; add name_hy, other_names, born, origin and category only where a "
    "source states them; then add an event concerning this person (`build.py new event`)",
    "event": "replace every FILL IN, and set people and sources to existing ids; every event cites a source",
    "source": "set url to the article's address and replace every FILL IN",
}


def _new_epilog() -> str:
    from tracker.vocab import EventType, SourceKind

    return (
        "Event types (--type): " + ", ".join(t.value for t in EventType) + "."
        "\n\nSource kinds (--kind): " + ", ".join(k.value for k in SourceKind) + "."
        '\n\nWhat each field holds: CONTRIBUTING.md, "Field reference".'
    )


@main.command(epilog=_new_epilog())
@click.argument("kind", type=click.Choice(["person", "event", "source"]))
@click.argument("title")
@RECORDS_OPTION
@click.option(
    "--date",
    "date_text",
    help="Event: when it happened; source: the publication date its page shows (2026-02-23, 2026-02 or 2026). "
    "It starts the id, so it is asked for when missing.",
)
@click.option("--undated", is_flag=True, help="No source dates the event, or the source's page shows no date.")
@click.option("--type", "event_type", help="Event: its type (`new --help` lists them); asked for when missing.")
@click.option("--person", default="FILL-IN-person-id", help="Event: the id of the person it concerns.")
@click.option("--source", default="FILL-IN-source-id", help="Event or person: the id of the source it cites.")
@click.option("--publisher", help="Source: who published it, spelled as in the records; asked for when missing.")
@click.option(
    "--new-publisher", is_flag=True, help="Source: a publisher new to the records, though one there has a similar name."
)
@click.option("--kind", "source_kind", help="Source of a new publisher: its kind (`new --help` lists them).")
@click.option("--language", help="Source of a new publisher: the page's language code (en, hy, ru, az, …).")
def new(
    kind: str,
    title: str,
    records_dir: Path,
    date_text: str | None,
    undated: bool,
    event_type: str | None,
    person: str,
    source: str,
    publisher: str | None,
    new_publisher: bool,
    source_kind: str | None,
    language: str | None,
) -> None:
    """Write a skeleton record for TITLE: a person's name, an event's title, or a source's own headline.

    The file's name is the record's permanent id, built from TITLE and, for events and sources, the
    date; every FILL IN left in it fails `check` until replaced."""
    import datetime as dt

    from tracker import new_record as ask
    from tracker import skeleton
    from tracker.vocab import EventType

    today = dt.date.today()
    date: str | None = None
    if kind in {"event", "source"} and not undated:
        what = "the event happened" if kind == "event" else "the page says it was published"
        date = ask.answer(
            date_text,
            f"Date {what} (2026-02-23, 2026-02 or 2026"
            + ("; Enter if the page shows none)" if kind == "source" else ")"),
            ask.date_answer(kind, today),
            may_skip=kind == "source",
            required=f"give the date {what} with --date (2026-02-23, 2026-02 or 2026), or --undated if no source "
            "gives one: it starts the record's id, which never changes",
        )
    if kind == "person":
        record_id, record = skeleton.person(title, source)
    elif kind == "event":
        chosen = ask.answer(event_type, "Event type (Enter to fill in later)", ask.vocabulary_answer(EventType))
        record_id, record = skeleton.event(title, date, chosen, person, source)
        ask.warn_unknown(records_dir, "people", person, "person")
        ask.warn_unknown(records_dir, "sources", source, "source")
    else:
        found = ask.publisher(publisher, records_dir, new_publisher, source_kind, language)
        record_id, record = skeleton.source(title, found, date, today)
    folder = records_dir / {"person": "people", "event": "events", "source": "sources"}[kind]
    try:
        path = skeleton.write_skeleton(folder, record_id, record)
    except FileExistsError as error:
        raise click.UsageError(f"{error} already exists; choose another title") from None
    click.echo(f"wrote {path}")
    click.echo(f"next: {NEXT_STEPS[kind]}; then run `{ask.check_command(records_dir)}`.")


@main.command()
def datapackage() -> None:
    """Regenerate datapackage.json from the models (commit the result)."""
    from tracker.package import regenerate_descriptor

    changed = regenerate_descriptor(paths.DATAPACKAGE)
    click.echo(f"{paths.DATAPACKAGE.name} {'updated' if changed else 'already up to date'}")


@main.command()
def fieldref() -> None:
    """Regenerate the editors' references from the models: CONTRIBUTING.md's field reference,
    records.schema.json and the editor settings that apply it to records/ (commit them)."""
    from tracker.fieldref import regenerate

    changed = regenerate()
    click.echo(f"updated {', '.join(changed)}" if changed else "field reference and editor schemas already up to date")


@main.command()
def readme() -> None:
    """Regenerate README.md's command table from each command's own help (commit the result)."""
    from tracker.cli_docs import regenerate

    click.echo("README.md " + ("updated" if regenerate(main) else "already up to date"))


@main.command()
@RECORDS_OPTION
@click.option("--port", type=int, default=8000, show_default=True, help="The port to serve on.")
@SITE_OPTION
def serve(records_dir: Path, port: int, out_dir: Path) -> None:
    """Preview on 127.0.0.1: build, serve, and rebuild when a record, template or page changes."""
    from tracker.serve import serve as run_serve

    run_serve(_existing(records_dir), out_dir, port, echo=lambda message: click.echo(message, err=True))


@main.command()
@RECORDS_OPTION
@SITE_OPTION
def urls(records_dir: Path, out_dir: Path) -> None:
    """After a release build: add the site's new URLs to published-urls.txt, beside the records folder
    (it never removes a line: a build then refuses to drop any of them)."""
    from tracker.pipeline import published_urls_file
    from tracker.verify import append_urls

    if not (out_dir / "index.html").is_file():
        raise click.UsageError(f"{out_dir} holds no built site; run `python build.py build` first")
    published = published_urls_file(records_dir)
    added = append_urls(out_dir, published)
    click.echo(f"{published.name}: {added} new URL(s) added")


@main.command()
@RECORDS_OPTION
@click.option(
    "--check", "check_only", is_flag=True, help="Keep nothing: exit 1 when the data differ from the newest release."
)
def release(records_dir: Path, check_only: bool) -> None:
    """Keep a data release that never changes: when the records' data differ from the newest release in
    releases/, write releases/VERSION/ (the package's zip and delta.csv), and bring CHANGELOG.md,
    CITATION.cff and datapackage.json to that version (commit all four)."""
    from tracker import releases
    from tracker.package import regenerate_descriptor
    from tracker.pipeline import build_epoch, check_records

    records_dir = _existing(records_dir)
    outcome = releases.release(
        check_records(records_dir),
        releases.folder_for(records_dir),
        changelog=paths.CHANGELOG,
        citation=paths.ROOT / "CITATION.cff",
        epoch=build_epoch(records_dir),
        check_only=check_only,
    )
    if outcome.unreleased:
        click.echo(outcome.message, err=True)
        sys.exit(1)
    click.echo(outcome.message)
    if outcome.release is not None and regenerate_descriptor(paths.DATAPACKAGE):
        click.echo(f"{paths.DATAPACKAGE.name}: version {outcome.release.version}")


@main.command()
@RECORDS_OPTION
@click.option("--timeout", type=float, default=10, show_default=True, help="Seconds to wait for each site.")
@click.option("--workers", type=int, default=8, show_default=True, help="Sites checked at once.")
@click.option("--strict", is_flag=True, help="Exit 1 when a source's link is dead (default: report only).")
def links(records_dir: Path, timeout: float, workers: int, strict: bool) -> None:
    """Check every source's URL; report dead links and where to look for an archived copy."""
    from tracker.linkcheck import check_external, format_report
    from tracker.pipeline import check_records

    records = check_records(_existing(records_dir))
    results = check_external(records, timeout=timeout, workers=workers)
    click.echo(format_report(results))
    if strict and any(result.dead for result in results):
        raise SystemExit(1)
