"""Benchmark: the search index (tracker/search.py) on synthetic records, and what a reader downloads.

Run by hand (never in the test suite):  .venv/bin/python bench/search.py [--sizes 1000 2000]

For each N it generates synthetic records (N people), builds the site, then measures, each in a child
process whose peak memory (max RSS, Pagefind's own processes included as the largest child) is read:
indexing every bundle from scratch, and indexing again after one person's document changed (the one
bundle holding it). In headless Chromium, on the built site served locally, it measures the bytes a
reader's first search fetches and a second, different query's, compressed as a host serves them
(gzip for scripts and JSON; Pagefind's index files are gzip already). Results go to
bench/search-results.json; bench/run.py puts them in docs/performance.md.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from run import ENV, PYTHON, run, synthesize  # noqa: E402

RESULTS = ROOT / "bench" / "search-results.json"
FIRST, SECOND = "hunger strike", "Petrosyan"
"""A reader's first query and a second, different one (words every synthetic record set has)."""
PRECOMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")

INDEX_SCRIPT = """
import pickle, sys, time
from pathlib import Path
from tracker import search, pieces
shared, out, previous = pickle.load(open(sys.argv[1], "rb")), Path(sys.argv[2]), sys.argv[3]
started = time.perf_counter()
if previous == "-":
    search.write_index(out, pieces.search_documents(shared), search.primary_pages({}), None)
else:
    search.updated_files(Path(previous), out, pieces.search_documents(shared))
print(time.perf_counter() - started)
"""


def documents_file(site: Path, work: Path, edited: bool) -> Path:
    """The build's pieces (from its snapshot), pickled for the child; ``edited``: one person's changed."""
    from tracker import incremental

    snapshot = incremental.load_snapshot(site)
    assert snapshot is not None, "the build left no snapshot"
    shared = snapshot.pieces
    if edited:
        person = sorted(shared.people)[len(shared.people) // 2]
        shared.people[person].search = {
            lang: html.replace("</main>", "<p>Edited for the benchmark.</p></main>")
            for lang, html in shared.people[person].search.items()
        }
    path = work / ("edited.pickle" if edited else "pieces.pickle")
    path.write_bytes(pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL))
    return path


def index_run(pieces_file: Path, out: Path, previous: Path | None) -> tuple[float, float]:
    """(indexing seconds, peak MB) of one child process."""
    with tempfile.NamedTemporaryFile("w", suffix=".py") as script:
        script.write(INDEX_SCRIPT)
        script.flush()
        command = [PYTHON, script.name, str(pieces_file), str(out), str(previous or "-")]
        result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], env=ENV, capture_output=True, text=True)
        if result.returncode:
            raise RuntimeError(result.stderr[-2000:])
    seconds = float(result.stdout.strip().splitlines()[-1])
    peak_mb = int(result.stderr.strip().splitlines()[-1]) / 1024
    return seconds, peak_mb


def compressed_size(site: Path, url_path: str) -> int:
    path = site / url_path.lstrip("/").split("?")[0]
    data = path.read_bytes()
    return len(data) if path.name.endswith(PRECOMPRESSED) else len(gzip.compress(data, 6))


def downloads(site: Path) -> tuple[int, int, int, int]:
    """(compressed bytes, requests) of a reader's first search and of a second query, in Chromium."""
    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: list[str] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page()
            page.on("requestfinished", lambda request: fetched.append(request.url.removeprefix(base)))
            page.goto(base, wait_until="networkidle")
            results = []
            for query in (FIRST, SECOND):
                before = len(fetched)
                page.keyboard.press("/")
                page.fill("#site-search-query", query)
                page.wait_for_function(
                    "q => document.querySelector('.md-search-result__meta').dataset.query === q", arg=query
                )
                page.wait_for_load_state("networkidle")
                page.wait_for_timeout(500)
                page.wait_for_load_state("networkidle")
                mine = fetched[before:]
                results += [sum(compressed_size(site, url) for url in mine), len(mine)]
            browser.close()
    finally:
        server.shutdown()
    return results[0], results[1], results[2], results[3]


def measure(people: int, work: Path) -> dict:
    records, site = work / "records", work / "site"
    synthesize(people, records)
    full_s, full_mb = run([PYTHON, "build.py", "build", "--records", str(records), "--out", str(site), "-q"])
    from tracker import search

    manifest = search.read_manifest(site)
    index_s, index_mb = index_run(documents_file(site, work, False), work / "index", None)
    edit_s, edit_mb = index_run(documents_file(site, work, True), work / "edit", site)
    first_b, first_n, second_b, second_n = downloads(site)
    result = {
        "people": people,
        "records": sum(len(list((records / kind).glob("*.json"))) for kind in ("people", "events", "sources")),
        "documents": len(search.indexed_pages(site)),
        "bundles": len(manifest),
        "full_build_s": round(full_s, 1),
        "full_build_mb": round(full_mb),
        "index_s": round(index_s, 1),
        "index_mb": round(index_mb),
        "one_edit_index_s": round(edit_s, 2),
        "one_edit_index_mb": round(edit_mb),
        "search_dir_mb": round(sum(f.stat().st_size for f in (site / search.DIR).rglob("*") if f.is_file()) / 1e6, 1),
        "first_search_kb": round(first_b / 1e3, 1),
        "first_search_requests": first_n,
        "second_search_kb": round(second_b / 1e3, 1),
        "second_search_requests": second_n,
    }
    shutil.rmtree(work)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000])
    args = parser.parse_args()
    results = []
    for people in args.sizes:
        work = Path(tempfile.mkdtemp(prefix=f"search-bench-{people}-"))
        results.append(measure(people, work))
        print(json.dumps(results[-1]), flush=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
