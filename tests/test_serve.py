"""`serve` rebuilds on a change (not on the reads every build makes), and shows a failed build in the browser."""

import json
import shutil
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, VALID_RECORDS
from watchdog.events import FileClosedNoWriteEvent, FileModifiedEvent, FileOpenedEvent

from tracker.serve import BuildState, _Changed, with_banner


def test_reads_do_not_trigger_a_rebuild_but_a_change_does() -> None:
    handler = _Changed()
    handler.on_any_event(FileOpenedEvent("records/people/a.json"))
    handler.on_any_event(FileClosedNoWriteEvent("records/people/a.json"))
    assert not handler.pending.is_set()
    handler.on_any_event(FileModifiedEvent("records/people/a.json.swp"))
    assert not handler.pending.is_set()
    handler.on_any_event(FileModifiedEvent("records/people/a.json"))
    assert handler.pending.is_set()


# The banner in a browser ---------------------------------------------------------------------------

BANNER = "#serve-build-failed"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def running_serve(records: Path, out: Path) -> Iterator[str]:
    """`build.py serve` in its own process (as an editor runs it); yields the base URL once it serves."""
    port = _free_port()
    command = [sys.executable, "build.py", "serve", "--records", str(records), "--out", str(out), "--port", str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        for line in process.stderr:
            if line.startswith("serving http://"):
                break
        else:
            pytest.fail(f"serve exited with {process.wait()} before serving")
        threading.Thread(target=process.stderr.read, daemon=True).start()  # keep the pipe drained
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.mark.browser
def test_a_failed_build_shows_a_banner_on_every_page_until_the_next_good_build(
    chromium: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    records = tmp_path / "records"
    shutil.copytree(VALID_RECORDS, records)
    event_file = records / "events" / "2024-05-01-official-count.json"
    good = event_file.read_text(encoding="utf-8")
    broken = json.dumps({**json.loads(good), "type": "count"}, indent=2)
    with running_serve(records, tmp_path / "site") as url:
        context = chromium.new_context()
        page, other = context.new_page(), context.new_page()
        try:
            page.goto(url + "events/2024-05-01-official-count/")
            other.goto(url)
            assert page.locator(BANNER).count() == 0, "a good build shows no banner"

            event_file.write_text(broken, encoding="utf-8")
            for shown in (page, other):  # both reload themselves when the rebuild fails
                banner = shown.locator(BANNER)
                banner.wait_for(state="visible", timeout=30_000)
                assert 'type: "count" is not one of' in banner.inner_text()
                assert 'did you mean "official-count"?' in banner.inner_text()
            page.screenshot(path=str(artifacts_dir / "serve-banner.png"))
            third = context.new_page()  # a page opened meanwhile has it too
            third.goto(url + "people/")
            assert third.locator(BANNER).count() == 1

            event_file.write_text(good, encoding="utf-8")
            page.locator(BANNER).wait_for(state="detached", timeout=30_000)
            other.locator(BANNER).wait_for(state="detached", timeout=30_000)
            assert page.locator("h1").first.inner_text(), "the page itself is back"
        finally:
            context.close()


def test_the_banner_escapes_the_problem_text() -> None:
    state = BuildState()
    assert state.banner() == "", "no banner before any failure"
    state.finished(['records/events/x.json: title: "<script>alert(1)</script>" is wrong [bad]'])
    page = with_banner("<html><head></head><body class='x'><p>page</p></body></html>", state.banner())
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert page.index('id="serve-build-failed"') > page.index("<body class='x'>")
    state.finished([])
    assert state.banner() == "", "a good build removes it"
