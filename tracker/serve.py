"""Local preview: serve the built site and rebuild (atomically) whenever an input changes.

While the last rebuild failed, every page is served with a banner listing the problems (the output
itself is never touched: it stays the last good build), and a small script reloads the page when a
rebuild finishes, so the banner appears and disappears without the editor doing anything.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
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


STATE_PATH = "/__serve__/state.json"
SCRIPT_PATH = "/__serve__/reload.js"
BANNER_ID = "serve-build-failed"
# Same-origin script (the pages' security policy allows 'self'): reload when a rebuild finished.
RELOAD_SCRIPT = f"""(() => {{
  let seen = null;
  const poll = () => fetch("{STATE_PATH}", {{cache: "no-store"}}).then(r => r.json()).then(state => {{
    if (seen !== null && state.builds !== seen) location.reload();
    seen = state.builds;
  }}).catch(() => {{}});
  poll();
  setInterval(poll, 700);
}})();
"""


class BuildState:
    """How the last build went: ``builds`` counts finished builds; ``problems`` is empty after a good one."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.builds = 0
        self.problems: list[str] = []

    def finished(self, problems: list[str]) -> None:
        with self.lock:
            self.builds += 1
            self.problems = problems

    def banner(self) -> str:
        """The failure banner (empty after a good build); inline styles, which the pages' policy allows."""
        with self.lock:
            problems = list(self.problems)
        if not problems:
            return ""
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in problems[:50])
        more = f"<li>… and {len(problems) - 50} more (see the terminal)</li>" if len(problems) > 50 else ""
        return (
            f'<div id="{BANNER_ID}" role="alert" style="position:sticky;top:0;z-index:1000;background:#b71c1c;'
            'color:#fff;padding:0.8em 1.2em;font:14px/1.4 system-ui,sans-serif;max-height:40vh;overflow:auto">'
            "<strong>The last build failed: this is the previous build.</strong> Fix these and save; the page "
            f'reloads by itself.<ul style="margin:0.4em 0 0;padding-left:1.2em">{items}{more}</ul></div>'
        )


def _rebuild(records_dir: Path, out_dir: Path, echo: Callable[[str], None], state: BuildState | None = None) -> None:
    started = time.perf_counter()
    problems: list[str] = []
    try:
        build(records_dir, out_dir)
    except InvalidRecords as error:
        problems = [problem.line() for problem in error.problems]
        for line in problems:
            echo(line)
        echo(f"{len(error.problems)} problem(s); still serving the previous build")
    except TrackerError as error:
        problems = [f"error: {error}"]
        echo(f"error: {error}; still serving the previous build")
    else:
        echo(f"rebuilt in {time.perf_counter() - started:.1f}s")
    if state is not None:
        state.finished(problems)


def with_banner(page: str, banner: str) -> str:
    """The page with the reload script in its head and the banner first in its body."""
    script = f'<script src="{SCRIPT_PATH}"></script>'
    page = page.replace("</head>", f"{script}</head>", 1)
    if banner:
        at = page.find("<body")
        end = page.find(">", at) + 1 if at != -1 else 0
        page = page[:end] + banner + page[end:]
    return page


def serve(records_dir: Path, out_dir: Path, port: int, echo: Callable[[str], None]) -> None:
    state = BuildState()
    _rebuild(records_dir, out_dir, echo, state)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:  # serve whatever out_dir is now (it is swapped on rebuild)
            self.directory = str(out_dir.resolve())
            return super().translate_path(path)

        def do_GET(self) -> None:
            route = self.path.split("?", 1)[0].split("#", 1)[0]
            if route == STATE_PATH:
                with state.lock:
                    body = json.dumps({"builds": state.builds, "failed": bool(state.problems)})
                return self._send(body.encode(), "application/json")
            if route == SCRIPT_PATH:
                return self._send(RELOAD_SCRIPT.encode(), "text/javascript")
            target = Path(self.translate_path(self.path))
            if route.endswith("/") and target.is_dir():
                target = target / "index.html"
            if route.endswith((".html", "/")) and target.is_file():
                page = with_banner(target.read_text(encoding="utf-8"), state.banner())
                return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            if route == "/" and state.banner():  # no good build yet: a page with only the banner
                page = with_banner("<!doctype html><html><head></head><body></body></html>", state.banner())
                return self._send(page.encode("utf-8"), "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, content_type: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

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
                _rebuild(records_dir, out_dir, echo, state)
    except KeyboardInterrupt:
        echo("stopped")
    finally:
        observer.stop()
        server.shutdown()
