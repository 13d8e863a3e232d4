"""Content-Security-Policy for every page: only the site's own scripts and styles, nothing third-party.

The policy goes in a <meta> tag (static hosting cannot set headers). The theme's few inline
scripts are allowed by their sha256 hashes, computed from each page as built, so any other inline
script (say, one smuggled in through a record) would be refused by the browser.

Hosts that can set headers get the same policy as a header, with what a <meta> policy cannot say
(``frame-ancestors``) and a few more headers: the build writes them as ``_headers`` (Netlify and
Cloudflare Pages read it), and the README gives the same lines for nginx. The header allows every
inline script any page has; a browser enforces both policies, so each page still runs only its own.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json")
"""Script elements holding data, which browsers never run and CSP does not govern."""
FIXED = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)


HEADER_ONLY = "frame-ancestors 'none'"
"""Browsers ignore it in a <meta> policy: no other site may show a page in a frame (and dress it up)."""
HEADERS_FILE = "_headers"
OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
}
"""The headers beside the policy: no content sniffing, no referrer sent to the sources a reader opens
(a reader's interest in a prisoner is nobody else's business), no device access, no framing in old browsers."""


def script_hashes(html: str) -> set[str]:
    """The CSP source (``'sha256-…'``) of every inline script the page runs."""
    hashes = set()
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or any(kind in attrs for kind in DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
        hashes.add(f"'sha256-{digest}'")
    return hashes


WASM = "'wasm-unsafe-eval'"
"""Lets the search (Pagefind) compile its WebAssembly: nothing else, no eval of JavaScript."""


def _policy(hashes: set[str]) -> str:
    scripts = " ".join(["'self'", WASM, *sorted(hashes)])
    return f"{FIXED}; script-src {scripts}"


def policy(html: str) -> str:
    return _policy(script_hashes(html))


def apply(html: str) -> str:
    """The page with its policy as the first element of <head> (before any script it governs)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", f"<head>\n{tag}", 1)


def apply_to_folder(site_dir: Path) -> set[str]:
    """Add the policy to every HTML page the theme built; returns the inline scripts' hashes it allowed."""
    allowed: set[str] = set()
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        allowed |= script_hashes(html)
        path.write_text(apply(html), encoding="utf-8")
    return allowed


def headers(hashes: set[str]) -> dict[str, str]:
    """The HTTP headers for every page of a site whose pages run the inline scripts with these hashes."""
    return {"Content-Security-Policy": f"{_policy(hashes)}; {HEADER_ONLY}", **OTHER_HEADERS}


def write_headers_file(site_dir: Path, hashes: set[str]) -> None:
    """``_headers`` in the site root, in the format of Netlify and Cloudflare Pages."""
    lines = [f"  {name}: {value}\n" for name, value in headers(hashes).items()]
    text = "# Security headers for every page (Netlify, Cloudflare Pages; nginx: see the README)\n/*\n"
    (site_dir / HEADERS_FILE).write_text(text + "".join(lines), encoding="utf-8")
