"""Benchmark: what the outputs beyond the pages cost a full build, beside stock mkdocs-material.

Run by hand (never in the test suite):
    .venv/bin/python bench/outputs.py [--people 1000 10000] [--runs 3] [--each] [--write]

Generates synthetic (clearly fake) records, then times full builds (``--no-reuse``) in child processes,
taken in turn ``--runs`` times (every other round in reverse order): the real build; the build with the
outputs beyond the pages left out (the search index, the data package, each record's JSON document and
each person's feed: their writers, and what the record units compute only for them, replaced by stubs;
nothing else changed), so it writes the person and event pages, the index pages, the theme's pages, the
sitemaps and the site's feeds; with ``--each``, also one build without each of those outputs; and stock
mkdocs-material on the same pages (bench/run.py's). For each it reports the wall clock and the
processor time of the build and every process it started (user and system): medians, with the lowest
and highest. On two cores no build finishes in less than half its processor time. ``--write`` puts the
table in docs/performance.md. Each build's site is deleted before the next: set TMPDIR to a folder in
memory (/dev/shm), where that costs the next build nothing (on this machine's disk it slows its writes).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))  # bench/run.py, beside this script

from run import ENV, PYTHON, html_table, stock_config, stock_docs, synthesize  # noqa: E402

START = "<!-- outputs: written by bench/outputs.py -->"
END = "<!-- end of outputs -->"

STUBS = {
    "search index": """
from tracker import outputs, search
search.person_documents = lambda view, langs=search.LANGUAGES: {}
search.event_documents = lambda event, people, langs=search.LANGUAGES: {}
search.source_documents = lambda source, langs=search.LANGUAGES: {}
outputs.SearchIndex.write = lambda self, assembly: None
""",
    "data package": """
from tracker import outputs, package
package.data_piece = lambda kind, record, view: None
outputs.DataPackage.write = lambda self, assembly: None
""",
    "record documents": """
from tracker import outputs, record_json
record_json.document = lambda *args, **kwargs: b""
record_json.redirect_document = record_json.withdrawn_document = lambda *args, **kwargs: b""
unwritten(".json")
outputs.RecordIndex.write = lambda self, assembly: None
""",
    "person feeds": """
from tracker import feeds
feeds.person_feed = lambda *args, **kwargs: b""
unwritten("/feed.xml")
""",
}
"""Each output beyond the pages, and the code that leaves it out of a build (run before the build)."""

PRELUDE = """
import hashlib
from tracker import units

def unwritten(suffix):
    \"\"\"The record units' files ending in ``suffix`` are no longer written (their digest still is).\"\"\"
    write = units._write
    units._write = lambda site_dir, relative, content: (
        hashlib.sha256(content).digest() if relative.endswith(suffix) else write(site_dir, relative, content)
    )
"""
"""What the stubs share, run before them."""

MAIN = """
import sys
from tracker.cli import main
sys.argv = ["build.py", *sys.argv[1:]]
main()
"""


def timed(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, processor seconds of the command and every process it started and waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _remove(site: Path) -> None:
    """Delete a built site (and its cache beside it) outside any build's time, so each build starts into
    an empty folder (mkdocs would otherwise clean its own, inside its time)."""
    shutil.rmtree(site)
    for leftover in site.parent.glob(f".{site.name}.*"):
        shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()


LEFT_OUT = {
    "search index": lambda site: not (site / "pagefind").exists(),
    "data package": lambda site: not (site / "data" / "datapackage.json").exists(),
    "record documents": lambda site: not any((site / "people").glob("*.json")),
    "person feeds": lambda site: not any((site / "people").glob("*/feed.xml")),
}
"""Each output's test that a build left it out (so a renamed function cannot quietly undo a stub)."""


def variants(each: bool) -> dict[str, tuple[str, ...]]:
    """Variant name -> the outputs it leaves out. ``each``: also one build without each output (a
    difference of a second or two, which needs a quiet machine to tell from noise)."""
    out: dict[str, tuple[str, ...]] = {"our build, everything": ()}
    if each:
        out |= {f"without the {name}": (name,) for name in STUBS}
    out["the pages only (all four left out)"] = tuple(STUBS)
    return out


def _check(name: str, left_out: tuple[str, ...], site: Path) -> None:
    for output, absent in LEFT_OUT.items():
        if absent(site) != (output in left_out):
            state = "left out" if output in left_out else "kept"
            raise SystemExit(f"bench/outputs.py: {name}: the {output} should have been {state}: a stub is stale")


def measure(people: int, runs: int, work: Path, each: bool) -> list[tuple[str, list[float], list[float]]]:
    records, site = work / "records", work / "site"
    synthesize(people, records)
    stock = work / "stock"
    stock_docs(records, stock / "docs")
    config = stock_config(stock)
    times: dict[str, list[tuple[float, float]]] = {}
    for run in range(runs):
        order = list(variants(each).items())
        for name, left_out in order if run % 2 == 0 else reversed(order):  # no variant always first
            code = PRELUDE + "".join(STUBS[output] for output in left_out) + MAIN
            build = ["build", "--records", str(records), "--out", str(site), "--no-reuse", "--quiet"]
            times.setdefault(name, []).append(timed([PYTHON, "-c", code, *build]))
            print(f"  {name}: {times[name][-1][0]:.1f} s", file=sys.stderr, flush=True)
            _check(name, left_out, site)
            _remove(site)
        times.setdefault("stock mkdocs-material", []).append(
            timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=stock)
        )
        print(f"  stock: {times['stock mkdocs-material'][-1][0]:.1f} s", file=sys.stderr, flush=True)
        _remove(stock / "site")
    names = [*variants(each), "stock mkdocs-material"]
    return [(name, [wall for wall, _ in times[name]], [cpu for _, cpu in times[name]]) for name in names]


def _spread(values: list[float]) -> str:
    """The median, and the lowest and highest when there are several."""
    median = f"{statistics.median(values):.1f} s"
    return median if len(values) < 2 else f"{median} ({min(values):.1f}–{max(values):.1f})"


def section(people: int, runs: int, rows: list[tuple[str, list[float], list[float]]]) -> str:
    """One size's table, with the command that measured it."""
    stock_wall, stock_cpu = (statistics.median(values) for values in rows[-1][1:])
    cells = [
        [
            name,
            _spread(walls),
            f"{statistics.median(walls) / stock_wall:.2f}",
            _spread(cpus),
            f"{statistics.median(cpus) / stock_cpu:.2f}",
        ]
        for name, walls, cpus in rows
    ]
    headings = ["Build", "Wall clock", "/ stock", "Processor time", "/ stock"]
    caption = f"Full builds of {people:,} synthetic people, with and without the outputs beyond the pages"
    each = " --each" if len(rows) > 3 else ""  # the everything, pages-only and stock rows, and more
    runs_text = f"medians of {runs} (lowest and highest in brackets)" if runs > 1 else "one build of each"
    return (
        f"`python bench/outputs.py --people {people} --runs {runs}{each}`: {runs_text}, taken in turn in one run.\n\n"
        + html_table(caption, headings, cells)
    )


def intro() -> str:
    """The section's heading and what it measures, above the tables."""
    folder = tempfile.gettempdir()
    where = f"in memory (`TMPDIR={folder}`)" if folder.startswith("/dev/shm") else f"on disk (in {folder})"
    return (
        "## What each output costs\n\n"
        "Full builds with and without the outputs beyond the pages: the search index, the data package, each"
        " record's JSON document and each person's feed. Without them the build writes the person and event"
        " pages, the index pages, the theme's pages, the sitemaps and the site's feeds. Our builds and stock's"
        f" wrote their sites {where}. Processor time is that of the build and every process it started, user"
        " and system: on two cores no build takes less wall clock than half of it.\n\n"
    )


def write(text: str) -> None:
    page_path = ROOT / "docs" / "performance.md"
    page = page_path.read_text(encoding="utf-8")
    if START in page:
        before, rest = page.split(START, 1)
        after = rest.split(END, 1)[1]
    else:
        before, after = page.rstrip("\n") + "\n\n", ""
    page_path.write_text(f"{before}{START}\n{intro()}{text}{END}\n{after.lstrip(chr(10))}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, nargs="+", default=[1000], help="One or more sizes.")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--each", action="store_true", help="Also a build without each output, one at a time.")
    parser.add_argument("--write", action="store_true", help="Put the table in docs/performance.md.")
    args = parser.parse_args()
    texts = []
    for people in args.people:
        with tempfile.TemporaryDirectory(prefix="bench-outputs-") as folder:
            rows = measure(people, args.runs, Path(folder), args.each)
        texts.append(section(people, args.runs, rows))
    text = "\n".join(texts)
    print(intro() + text)
    if args.write:
        write(text)


if __name__ == "__main__":
    main()
