"""Work a build hands to a forked process while it goes on, and waits for before it verifies.

The data package's spreadsheet, database and zip take seconds on a large record and share nothing with
the search index or the sitemap written meanwhile: a forked child writes them into the staging folder
(the parent's memory, pieces included, is the child's at the fork) and the build joins it before it
checks its output. A failure in the child reaches the build as the same one-line problem it would have
raised itself.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any

from tracker.problems import BuildFailed


class Background:
    """``function()`` in a forked process (or at once, when ``fork`` is False or processes cannot fork);
    ``wait`` returns once it is done and raises BuildFailed if it failed."""

    def __init__(self, name: str, function: Callable[[], None], *, fork: bool = True) -> None:
        self.name = name
        self.process: Any = None
        if not fork or "fork" not in multiprocessing.get_all_start_methods():
            function()
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(function, send), name=name)
        self.process.start()
        send.close()

    def wait(self) -> None:
        if self.process is None:
            return
        process, self.process = self.process, None
        try:
            problem = self._receive.recv() if self._receive.poll(None) else None
        except EOFError:  # the child died before it could say anything
            problem = None
        process.join()
        self._receive.close()
        if problem is not None:
            raise BuildFailed(problem)
        if process.exitcode != 0:
            raise BuildFailed(f"{self.name}: its process stopped with exit code {process.exitcode}")


def _run(function: Callable[[], None], send: Any) -> None:
    problem = None
    try:
        function()
    except BuildFailed as error:
        problem = str(error)
    except BaseException as error:  # noqa: BLE001 -- reported to the parent, which stops the build
        problem = f"internal error in a background process: {type(error).__name__}: {error}"
    send.send(problem)
    send.close()
