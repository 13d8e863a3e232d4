"""Benchmark: this project's build against a stock mkdocs-material build of the same pages.

Run by hand (never in the test suite):  .venv/bin/python bench/run.py [--sizes 100 1000 10000]

For each N it generates synthetic records (N people, about 5N events), then measures, in the same
run on the same machine: our full build, our rebuild after editing one person (three times, a different
person each time; the median is reported), and a stock
mkdocs-material build of the same person and event pages as Markdown with a sections-only nav.
It also measures two floors: each finished site copied with ``cp -r`` (what the file system alone
costs to write it), and our build run once more with nothing edited (what any rebuild costs first).
Each build runs in a child process so its peak memory (max RSS) can be read. Stock builds first, and
no build follows the deletion of a large folder (the copies come last, and every size's folders are
deleted at the end of the run): on this machine's file system the writes that follow a large deletion
are much slower, which would slow whichever build came next. Results are written to
bench/results.json and, as a table with ratios, to docs/performance.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
REBUILDS = 3
"""Rebuilds measured after editing one person, each a different one; the median is reported."""
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1790000000", "PYTHONPATH": str(ROOT)}


def run(command: list[str], cwd: Path = ROOT) -> tuple[float, float]:
    """(seconds, peak MB) of one command, its children included (GNU time's maximum resident set)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", rss.name, *command],
            cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        peak_kb = int(rss.read().strip().splitlines()[-1])
    return seconds, peak_kb / 1024


def files_in(path: Path) -> list[Path]:
    """Every file under ``path`` (walked once: at 10,000 people a site holds over 300,000)."""
    return [file for file in path.rglob("*") if file.is_file()]


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 6))


def copy_seconds(site: Path, copy: Path) -> float:
    """Seconds to copy a built site with ``cp -r`` (no computing: what the file system alone costs to
    write that many files and folders here), after ``sync``, so no earlier write is still being flushed.
    The copy stays until the run's end (see the module's docstring)."""
    subprocess.run(["sync"], check=True)
    return run(["cp", "-r", str(site), str(copy)])[0]


def first_search_bytes(site: Path) -> int:
    """Compressed bytes a reader of the stock site fetches for a first search: the index, the worker and
    lunr's files (ours, Pagefind's, is measured in the browser: bench/search.py downloads)."""
    index = site / "search" / "search_index.json"
    config = json.loads(index.read_text(encoding="utf-8"))["config"]
    scripts = list((site / "assets" / "javascripts" / "workers").glob("search.*.min.js"))
    lunr = site / "assets" / "javascripts" / "lunr" / "min"
    if len(config["lang"]) > 1 or config["lang"] != ["en"]:
        scripts += [lunr / "lunr.stemmer.support.min.js", lunr / "lunr.multi.min.js"]
        scripts += [lunr / f"lunr.{lang}.min.js" for lang in config["lang"] if lang != "en"]
    return gz(index) + sum(gz(script) for script in scripts if script.is_file())


def stock_docs(records: Path, docs: Path) -> int:
    """The same people and events as plain Markdown pages, for stock mkdocs-material.

    Twice, like our site (English at the root, Armenian under hy/), so both build as many pages."""
    count = 0
    for kind in ("people", "events", "hy/people", "hy/events"):
        (docs / kind).mkdir(parents=True)
        (docs / kind / "index.md").write_text(f"# {kind.title()}\n", encoding="utf-8")
        for path in sorted((records / kind.removeprefix("hy/")).glob("*.json")):
            record = json.loads(path.read_text(encoding="utf-8"))
            title = record.get("name") or record.get("title")
            lines = [f"# {title}", "", record["summary"], ""]
            for key, value in sorted(record.items()):
                if key not in {"summary", "name", "title"}:
                    lines.append(f"- **{key}**: {json.dumps(value, ensure_ascii=False)}")
            (docs / kind / path.name.replace(".json", ".md")).write_text("\n".join(lines) + "\n", encoding="utf-8")
            count += 1
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    return count


def stock_config(work: Path) -> Path:
    config = work / "mkdocs.yml"
    config.write_text(
        "site_name: stock\nsite_url: https://example.org/\ndocs_dir: docs\nsite_dir: site\n"
        "theme:\n  name: material\n  font: false\nplugins:\n  - search\n"
        "nav:\n  - Home: index.md\n  - People: people/index.md\n  - Events: events/index.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n",
        encoding="utf-8",
    )
    return config


def edit_one_person(records: Path, which: int) -> None:
    """Add a sentence to one person's summary (the ``which``-th of a few spread over the record)."""
    people = sorted((records / "people").glob("*.json"))
    path = people[(len(people) * (which + 1)) // 4]
    record = json.loads(path.read_text(encoding="utf-8"))
    record["summary"] += f" Edited for the rebuild benchmark ({which + 1})."
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def synthesize(people: int, records: Path) -> None:
    """Synthetic records for ``people`` people (the same seed in every benchmark)."""
    subprocess.run(
        [PYTHON, "build.py", "synth", "--people", str(people), "--out", str(records), "--seed", "7"],
        cwd=ROOT, env=ENV, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip


def measure(people: int, work: Path) -> dict:
    records, site = work / "records", work / "site"
    synthesize(people, records)
    # Stock first, then ours, and every copy last: on this file system a build that follows the deletion
    # of a large folder (a copy's) writes much more slowly, so neither build follows one.
    stock = work / "stock"
    stock_pages = stock_docs(records, stock / "docs")
    config = stock_config(stock)
    stock_s, stock_mb = run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(config)], cwd=stock)
    build = [PYTHON, "build.py", "build", "--records", str(records), "--out", str(site), "-q"]
    full, full_mb = run(build)
    rebuilds = []
    for which in range(REBUILDS):
        edit_one_person(records, which)
        rebuilds.append(run(build)[0])
    rebuild = sorted(rebuilds)[len(rebuilds) // 2]
    unchanged = run(build)[0]  # nothing edited: what any rebuild costs before it does anything
    person = sorted((site / "people").glob("*/index.html"))[0]
    site_files = files_in(site)
    result = {
        "people": people,
        "events": len(list((records / "events").glob("*.json"))),
        "full_s": round(full, 2),
        "peak_mb": round(full_mb),
        "rebuild_s": round(rebuild, 2),
        "rebuilds_s": [round(seconds, 2) for seconds in rebuilds],
        "unchanged_s": round(unchanged, 2),
        "site_mb": round(sum(file.stat().st_size for file in site_files) / 1e6, 1),
        "files": len(site_files),
        "person_page_kb": round(person.stat().st_size / 1e3, 1),
    }
    from search import downloads  # bench/search.py: Pagefind's fetches, in Chromium

    first, _requests, second, _more = downloads(site)
    result.update(first_search_kb=round(first / 1e3, 1), second_search_kb=round(second / 1e3, 1))
    result.update(
        stock_pages=stock_pages,
        stock_s=round(stock_s, 2),
        stock_peak_mb=round(stock_mb),
        stock_search_kb=round(first_search_bytes(stock / "site") / 1e3, 1),
        stock_files=len(files_in(stock / "site")),
        copy_s=round(copy_seconds(site, work / "copy"), 2),
        stock_copy_s=round(copy_seconds(stock / "site", work / "stock-copy"), 2),
    )
    return result


HEADINGS = [
    "People", "Events", "Our full build", "Stock mkdocs-material", "Ratio (ours / stock)",
    "Rebuild after one edit (median of 3)", "Rebuild / full", "Peak memory (ours / stock)", "Site size", "Person page",
    "First search download, gzip (ours / stock)",
]  # fmt: skip


def html_table(caption: str, headings: list[str], rows: list[list[str]]) -> str:
    """An HTML table with a caption and scoped headers (unlike a Markdown one); each row's first cell
    heads it."""
    head = "".join(f'<th scope="col">{heading}</th>' for heading in headings)
    body = [
        f'<tr><th scope="row">{cells[0]}</th>' + "".join(f"<td>{c}</td>" for c in cells[1:]) + "</tr>" for cells in rows
    ]
    return (
        f"<table>\n<caption>{caption}</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n"
    )


def table(results: list[dict]) -> str:
    """The build measurements as an HTML table, and the growth ratio."""
    rows = []
    for r in results:
        cells = [
            f"{r['people']:,}", f"{r['events']:,}", f"{r['full_s']} s", f"{r['stock_s']} s",
            f"{r['full_s'] / r['stock_s']:.2f}", f"{r['rebuild_s']} s", f"{r['rebuild_s'] / r['full_s']:.1%}",
            f"{r['peak_mb']} / {r['stock_peak_mb']} MB", f"{r['site_mb']} MB", f"{r['person_page_kb']} KB",
            f"{r['first_search_kb']} / {r['stock_search_kb']} KB",
        ]  # fmt: skip
        rows.append(cells)
    text = html_table("Build measurements on synthetic records, ours beside stock mkdocs-material", HEADINGS, rows)
    by_people = {r["people"]: r for r in results}
    if 1000 in by_people and 10000 in by_people:
        text += (
            f"\nFrom 1,000 to 10,000 people our full build grew {by_people[10000]['full_s'] / by_people[1000]['full_s']:.1f}×"
            f" (stock: {by_people[10000]['stock_s'] / by_people[1000]['stock_s']:.1f}×).\n"
        )
    return text


FLOOR_HEADINGS = [
    "People", "Files (ours / stock)", "Stock build", "Copying stock's site", "Copying our site",
    "Our copy / stock build", "Build with nothing edited", "It / our full build",
]  # fmt: skip


def floor_table(results: list[dict]) -> str:
    """What no build can go below on this machine: writing its files, and starting with nothing to do."""
    rows = []
    for r in results:
        if "copy_s" not in r:
            continue  # measured before the bench copied sites
        cells = [
            f"{r['people']:,}", f"{r['files']:,} / {r['stock_files']:,}", f"{r['stock_s']} s", f"{r['stock_copy_s']} s",
            f"{r['copy_s']} s", f"{r['copy_s'] / r['stock_s']:.2f}", f"{r['unchanged_s']} s",
            f"{r['unchanged_s'] / r['full_s']:.1%}",
        ]  # fmt: skip
        rows.append(cells)
    caption = "What the file system and a start cost, in the same run: each built site copied with cp -r, and a build with no edit"
    return html_table(caption, FLOOR_HEADINGS, rows) if rows else ""


OTHER_SECTIONS = "<!-- record documents and releases"
"""Where the sections of other benchmarks begin in docs/performance.md."""


SEARCH_HEADINGS = [
    "People", "Records", "Search documents", "Bundles", "Full build (same run)", "Index from scratch", "Its peak memory",
    "Index after one edit", "Its peak memory", "First search (requests)", "Second query (requests)",
]  # fmt: skip


def search_table(results: list[dict]) -> str:
    """The search rows (bench/search.py): indexing, and what a reader downloads."""
    rows = []
    for r in results:
        cells = [
            f"{r['people']:,}", f"{r['records']:,}", f"{r['documents']:,}", str(r["bundles"]),
            f"{r['full_build_s']} s", f"{r['index_s']} s",
            f"{r['index_mb']} MB", f"{r['one_edit_index_s']} s", f"{r['one_edit_index_mb']} MB",
            f"{r['first_search_kb']} KB ({r['first_search_requests']})",
            f"{r['second_search_kb']} KB ({r['second_search_requests']})",
        ]  # fmt: skip
        rows.append(cells)
    caption = "Search index (Pagefind, in bundles) on synthetic records, and a reader's downloads (gzip)"
    return html_table(caption, SEARCH_HEADINGS, rows)


def write_page(results: list[dict]) -> None:
    machine = f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"
    page = (
        "# Performance\n\nMeasured by `python bench/run.py` on synthetic records (never the real ones), "
        f"on {machine}, with our build and a stock mkdocs-material build of the same person and event pages "
        "(Markdown, sections-only nav, Material's search; in both languages, as many pages as ours) run side "
        "by side in the same run. Times are wall "
        "clock on a shared machine: compare the ratios, not the seconds.\n\n"
        "A rebuild is `python build.py build` run again after one person's summary was edited (three "
        "times, a different person each; the median is shown). It takes the same path as the full build "
        "(tracker/pipeline.py): it computes again only the record units that read the edited file (the "
        "person's page and rows, and the pages that show the person), assembles the shared outputs whose "
        "pieces changed, and renames the files that changed over the old ones; its output is "
        "byte-identical to a clean build's (tests/test_incremental.py checks this for every kind of edit, "
        "uncommitted, committed, and after a code change). Its time includes starting Python, loading the "
        "build cache, checking every record file's date and size and every link between records, "
        "indexing again the search bundle that holds the edited record, and regenerating the data package "
        "(every table and records.json, the spreadsheet and the database, then the zip; on a large record "
        "a forked process writes the package while the search is indexed, and the spreadsheet in a "
        "process of its own; files that came out the same are left alone).\n\n" + table(results)
    )
    if floor := floor_table(results):
        page += (
            "\n## What no build goes below here\n\nThe same run also copied each finished site with `cp -r`"
            " (no computing at all: only the file system writing that many files and folders) and ran our"
            " build once more with nothing edited (starting Python, loading the cache, checking every record"
            " file and link, then stopping). A full build cannot be quicker than writing its own files, nor a"
            " rebuild quicker than a build with nothing to do.\n\n" + floor
        )
    searched = ROOT / "bench" / "search-results.json"
    if searched.is_file():
        page += (
            "\n## Search\n\nMeasured by `python bench/search.py`: the index of every person, event and source"
            " document in both languages, written in bundles (tracker/search.py: up to about 4,000 people, or"
            " 1,000 events or sources, each), from scratch and after one person's document changed (one bundle"
            " indexed again). The table below was measured with 1,000 people a bundle, so its 2,000-people row"
            " has one people's bundle more than a build makes now. Peak memory includes Pagefind's own process."
            " A reader's downloads are measured in Chromium: the first search (Pagefind's script and WebAssembly, each bundle's metadata and the"
            " index chunks the query needs, the results' excerpts, the filters) and a second, different query.\n\n"
            + search_table(json.loads(searched.read_text(encoding="utf-8")))
        )
        if results and "second_search_kb" not in results[0]:
            page += (
                "\nThe first table was measured before the search moved to Pagefind: its first-search column"
                " is the download of Material's lunr index; `python bench/run.py` measures it again.\n"
            )
    path = ROOT / "docs" / "performance.md"
    old = path.read_text(encoding="utf-8") if path.is_file() else ""
    kept = old.find(OTHER_SECTIONS)  # sections other benchmarks write (bench/record_files.py) stay
    page += "\n" + old[kept:] if kept >= 0 else ""
    path.write_text(page, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--page-only", action="store_true", help="Rewrite docs/performance.md from bench/results.json.")
    args = parser.parse_args()
    if args.page_only:
        write_page(json.loads((ROOT / "bench" / "results.json").read_text(encoding="utf-8")))
        return
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:  # deleted once every size is measured
        for people in args.sizes:
            print(f"N = {people} ...", file=sys.stderr, flush=True)
            results.append(measure(people, Path(folder) / str(people)))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    write_page(results)
    print(table(results))


if __name__ == "__main__":
    main()
