"""What issue 16's record documents and releases add to a build, on synthetic records.

For each size: a full build (``reuse=False``) of synthetic records with one kept release beside them,
timing the record documents (tracker/record_json.write_all) and the releases' publication
(tracker/releases.publish) inside it; then one person's summary edited and the incremental rebuild,
timing the documents it rewrites (record_json.changed_files). Prints a Markdown table; with ``--write``
puts it in docs/performance.md between its markers.

    python bench/record_files.py --sizes 1000 10000 --write
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker import pipeline, record_json, releases  # noqa: E402
from tracker.synth import synthesize  # noqa: E402

START = "<!-- record documents and releases: written by bench/record_files.py -->"
END = "<!-- end of record documents and releases -->"


def timed(spent: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - start

    return wrapper


def measure(people: int, work: Path) -> dict[str, Any]:
    records = work / "records"
    synthesize(people, records, seed=1)
    os.environ["SOURCE_DATE_EPOCH"] = "1714521600"
    releases.release(
        pipeline.check_records(records),
        releases.folder_for(records),
        changelog=work / "CHANGELOG.md",
        citation=None,
        epoch=1714521600,
    )
    spent: dict[str, float] = {}
    originals = (record_json.write_all, releases.publish, record_json.changed_files)
    record_json.write_all = timed(spent, "documents", record_json.write_all)
    releases.publish = timed(spent, "releases", releases.publish)
    record_json.changed_files = timed(spent, "rebuild_documents", record_json.changed_files)
    try:
        start = time.perf_counter()
        pipeline.build(records, work / "site", reuse=False)
        full = time.perf_counter() - start
        person = sorted((records / "people").glob("*.json"))[people // 2]
        data = json.loads(person.read_text(encoding="utf-8"))
        data["summary"] += " Edited for the benchmark."
        person.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        start = time.perf_counter()
        result = pipeline.build(records, work / "site")
        rebuild = time.perf_counter() - start
    finally:
        record_json.write_all, releases.publish, record_json.changed_files = originals
    size = sum(path.stat().st_size for kind in record_json.KINDS for path in (work / "site" / kind).glob("*.json"))
    return {
        "people": people,
        "documents": sum(1 for kind in record_json.KINDS for _ in (work / "site" / kind).glob("*.json")),
        "documents_mb": round(size / 1e6, 1),
        "full_s": round(full, 2),
        "documents_s": round(spent["documents"], 2),
        "releases_s": round(spent["releases"], 2),
        "rebuild_s": round(rebuild, 2),
        "rebuild_incremental": result.incremental,
        "rebuild_documents_s": round(spent.get("rebuild_documents", 0.0), 3),
    }


def table(results: list[dict[str, Any]]) -> str:
    rows = "\n".join(
        f'<tr><th scope="row">{r["people"]:,}</th><td>{r["documents"]:,} ({r["documents_mb"]} MB)</td>'
        f"<td>{r['full_s']:.1f} s</td><td>{r['documents_s']:.2f} s + {r['releases_s']:.2f} s "
        f"({100 * (r['documents_s'] + r['releases_s']) / r['full_s']:.1f}%)</td>"
        f"<td>{r['rebuild_s']:.2f} s{'' if r['rebuild_incremental'] else ' (full)'}</td>"
        f"<td>{1000 * r['rebuild_documents_s']:.0f} ms</td></tr>"
        for r in results
    )
    return (
        "## Record documents and releases\n\n"
        "Measured by `python bench/record_files.py` on synthetic records with one kept release beside them, "
        f"on {os.cpu_count()} cores: the time a full build spends writing every record's JSON document "
        "(`/people/<id>.json`, …) and publishing the kept releases, and what the documents add to a rebuild "
        "after one person's summary was edited (that person's document and their events'; the records index "
        "is written again only when a record is added).\n\n"
        "<table>\n<caption>Record documents and releases in a build</caption>\n"
        '<thead><tr><th scope="col">People</th><th scope="col">Documents</th><th scope="col">Full build</th>'
        '<th scope="col">Documents + releases (share of the full build)</th><th scope="col">Rebuild after one edit</th>'
        '<th scope="col">Documents in that rebuild</th></tr></thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
    )


def write(section: str) -> None:
    page_path = ROOT / "docs" / "performance.md"
    page = page_path.read_text(encoding="utf-8")
    if START in page:
        before, _, rest = page.partition(START)
        _, _, after = rest.partition(END)
    else:
        before, after = page.rstrip("\n") + "\n\n", ""
    page_path.write_text(f"{before}{START}\n{section}{END}\n{after.lstrip(chr(10))}", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--write", action="store_true", help="Put the table in docs/performance.md.")
    args = parser.parse_args()
    results = []
    for people in args.sizes:
        with tempfile.TemporaryDirectory(prefix=f"bench-records-{people}-") as folder:
            results.append(measure(people, Path(folder)))
            print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    section = table(results)
    if args.write:
        write(section)
    print(section)


if __name__ == "__main__":
    main()
