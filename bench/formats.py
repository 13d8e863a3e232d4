"""Benchmark: what record.xlsx and record.db add to a full build.

Run by hand (never in the test suite):  .venv/bin/python bench/formats.py [--people 1000] [--runs 3]

Generates synthetic (clearly fake) records, then times full builds (``--no-reuse``) in child processes,
alternating: the real build, and the same build with the spreadsheet and database writers replaced by
stubs that write empty files (so the zip, the hashes and everything else still run). It also times the
two writers alone on the built package's tables. Medians are printed, with the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script: the tracker package sits beside bench/
STUBBED = """
import sys
from tracker import package_sqlite, package_xlsx
package_xlsx.write_xlsx = lambda tables, path, **_: path.write_bytes(b"")
package_sqlite.write_sqlite = lambda tables, path: path.write_bytes(b"")
from tracker.cli import main
sys.argv = ["build.py", *sys.argv[1:]]
main()
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def writers_alone(site: Path) -> tuple[float, float]:
    """(seconds for record.xlsx, seconds for record.db) written again from the built package's tables."""
    import datetime as dt
    import json

    from tracker import package_read, package_sqlite, package_xlsx

    data = site / "data"
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    tables = package_read.package_tables(descriptor, data)
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        package_xlsx.write_xlsx(tables, Path(scratch) / "x.xlsx", created=dt.datetime(2026, 1, 1), properties={})
        middle = time.perf_counter()
        package_sqlite.write_sqlite(tables, Path(scratch) / "x.db")
        return middle - started, time.perf_counter() - middle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        records, site = Path(work) / "records", Path(work) / "site"
        subprocess.run(
            [sys.executable, "build.py", "synth", "--people", str(args.people), "--out", str(records)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        build = ["build.py", "build", "--records", str(records), "--out", str(site), "--no-reuse", "--quiet"]
        with_files, without = [], []
        for _ in range(args.runs):
            without.append(timed([sys.executable, "-c", STUBBED, *build[1:]]))
            with_files.append(timed([sys.executable, *build]))
        full, bare = statistics.median(with_files), statistics.median(without)
        print(f"{args.people} people, {args.runs} full builds each (median):", flush=True)
        print(f"  with record.xlsx and record.db: {full:.1f} s   without: {bare:.1f} s   ratio {full / bare:.3f}")
        xlsx, db = writers_alone(site)
        sizes = {name: (site / "data" / name).stat().st_size for name in ("record.xlsx", "record.db", "people.csv")}
    print(f"  the writers alone: record.xlsx {xlsx:.2f} s, record.db {db:.2f} s")
    print("  sizes: " + ", ".join(f"{name} {size / 1e6:.1f} MB" for name, size in sizes.items()))


if __name__ == "__main__":
    main()
