"""External link check: is every source still online? Non-blocking by design.

Sources disappear (sites close, articles move, pages get taken down), so this reports dead links
and where to look for an archived copy, and leaves the decision to an editor: it returns results and
never raises, and a dead link never fails the build. It only reads response headers; it never fetches
an archive.
"""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from tracker.validate import Records

USER_AGENT = (
    "Mozilla/5.0 (compatible; armenian-prisoners-record-linkcheck/1.0; "
    "+https://armenian-prisoners.github.io/record/about/)"
)
ARCHIVE_LOOKUP = "https://web.archive.org/web/*/"
RETRY_WITH_GET = {400, 403, 404, 405, 406, 429, 500, 501, 502, 503}
"""Statuses some servers give HEAD only: ask again with GET before calling a link dead."""
MAYBE_BLOCKED = {401, 403, 429, 451}
UNREACHABLE = {"timed out", "the host name does not resolve", "connection refused"}


@dataclass(frozen=True)
class Result:
    """What one source's URL answered."""

    source: str
    url: str
    file: str
    """The source's record file, as problems name it."""
    status: int | None = None
    """The HTTP status, after redirects; None when no answer came."""
    error: str | None = None
    """Why no answer came (timeout, DNS, TLS, refused), when it did not."""
    final_url: str | None = None
    """Where redirects led, when elsewhere."""
    archive_url: str | None = None
    """The record's own archived copy, when it has one."""

    @property
    def dead(self) -> bool:
        return self.error is not None or self.status is None or self.status >= 400

    @property
    def suggestion(self) -> str:
        """Where an editor can look for a copy to cite instead (a lookup address; nothing is fetched)."""
        if self.archive_url:
            return f"the record already has an archived copy: {self.archive_url}"
        return f"look for an archived copy at {ARCHIVE_LOOKUP}{self.url} and add it as archive_url"

    @property
    def problem(self) -> str:
        if self.error is not None:
            return f"no answer: {self.error}"
        text = f"HTTP {self.status}"
        if self.status in MAYBE_BLOCKED:
            text += " (the site may refuse automated requests: open it in a browser before replacing it)"
        return text


class _KeepHead(urllib.request.HTTPRedirectHandler):
    """Follow redirects, keeping a HEAD a HEAD (urllib would turn it into a GET)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and req.get_method() == "HEAD":
            new.method = "HEAD"
        return new


def _request(url: str, method: str, timeout: float) -> tuple[int, str]:
    """(status, final URL) for one request; an HTTP error status is an answer, not an exception."""
    opener = urllib.request.build_opener(_KeepHead())
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.geturl()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.geturl() or url


def _describe(error: BaseException) -> str:
    """Why a request got no answer, in a few words."""
    if isinstance(error, urllib.error.URLError) and not isinstance(error, urllib.error.HTTPError):
        if not isinstance(error.reason, BaseException):
            return str(error.reason)
        error = error.reason
    if isinstance(error, TimeoutError):
        return "timed out"
    if isinstance(error, socket.gaierror):
        return "the host name does not resolve"
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, ssl.SSLError):
        return f"TLS error: {error}"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__


def check_url(url: str, timeout: float = 10) -> tuple[int | None, str | None, str | None]:
    """(status, error, final URL when redirected elsewhere) for one URL; never raises.

    HEAD first (no body is sent); GET when HEAD is refused or fails, since some servers answer only GET.
    """
    status: int | None = None
    final: str | None = None
    error: str | None = None
    for method in ("HEAD", "GET"):
        try:
            status, final = _request(url, method, timeout)
            error = None
        except Exception as exception:  # noqa: BLE001 - one odd URL must never stop the check
            status, final, error = None, None, _describe(exception)
            if error in UNREACHABLE:
                break  # a host that cannot be reached for HEAD cannot be reached for GET either
        if error is None and status not in RETRY_WITH_GET:
            break
    return status, error, final if final and final != url else None


def check_external(records: Records, timeout: float = 10, workers: int = 8) -> list[Result]:
    """Check every source's URL (each distinct URL once, in parallel); one Result per source, by id.

    Returns results for every source, reachable or not; never raises.
    """
    sources = sorted(records.sources.values(), key=lambda s: s.id)
    urls = sorted({s.url for s in sources})
    answers: dict[str, tuple[int | None, str | None, str | None]] = {}
    if urls:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(urls)))) as pool:
            answers = dict(zip(urls, pool.map(lambda url: check_url(url, timeout), urls), strict=True))
    return [
        Result(
            source=s.id,
            url=s.url,
            file=records.files.get(("sources", s.id), f"records/sources/{s.id}.json"),
            status=answers[s.url][0],
            error=answers[s.url][1],
            final_url=answers[s.url][2],
            archive_url=s.archive_url,
        )
        for s in sources
    ]


def format_report(results: Iterable[Result]) -> str:
    """For editors: each dead link with its file and a suggestion, then redirected links, then a summary."""
    results = list(results)
    dead = [r for r in results if r.dead]
    moved = [r for r in results if not r.dead and r.final_url]
    lines = []
    for r in dead:
        lines.append(f"{r.file}: url: {r.url}: {r.problem}")
        lines.append(f"    {r.suggestion}")
    for r in moved:
        lines.append(f"{r.file}: url: {r.url}: redirects to {r.final_url} (works; consider citing that address)")
    summary = f"{len(results)} source(s) checked: {len(results) - len(dead)} reachable, {len(dead)} dead"
    if moved:
        summary += f", {len(moved)} redirected"
    if dead:
        summary += " (dead links never fail the build: an editor decides what to cite instead)"
    lines.append(summary + ".")
    if results and all(r.status is None for r in results):
        lines.append("No source answered at all: check this machine's network connection before trusting this report.")
    return "\n".join(lines)
