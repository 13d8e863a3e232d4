"""Local preview: serve the built site and rebuild (atomically) whenever an input changes."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from tracker import paths
from tracker.pipeline import build
from tracker.problems import InvalidRecords, TrackerError

CHANGES = {"created", "modified", "deleted", "moved"}


class _Changed(FileSystemEventHandler):
    def __init__(self) -> None:
        self.pending = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        # Only changes: watchdog also reports files being opened and read, which every build does.
        if event.event_type in CHANGES and not str(event.src_path).endswith(("~", ".swp")):
            self.pending.set()


def _rebuild(records_dir: Path, out_dir: Path, echo: Callable[[str], None]) -> None:
    started = time.perf_counter()
    try:
        build(records_dir, out_dir)
    except InvalidRecords as error:
        for problem in error.problems:
            echo(problem.line())
        echo(f"{len(error.problems)} problem(s); still serving the previous build")
    except TrackerError as error:
        echo(f"error: {error}; still serving the previous build")
    else:
        echo(f"rebuilt in {time.perf_counter() - started:.1f}s")


def serve(records_dir: Path, out_dir: Path, port: int, echo: Callable[[str], None]) -> None:
    _rebuild(records_dir, out_dir, echo)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:  # serve whatever out_dir is now (it is swapped on rebuild)
            self.directory = str(out_dir.resolve())
            return super().translate_path(path)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(out_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    handler = _Changed()
    observer = Observer()
    for folder in (records_dir, paths.TEMPLATES, paths.DOCS):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    echo(f"serving http://127.0.0.1:{port}/ (Ctrl+C to stop); watching records, templates and docs")
    try:
        while True:
            if handler.pending.wait(timeout=0.5):
                time.sleep(0.3)  # let an editor's save settle
                handler.pending.clear()
                _rebuild(records_dir, out_dir, echo)
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        observer.stop()
        server.shutdown()
