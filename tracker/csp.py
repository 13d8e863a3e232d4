"""Content-Security-Policy for every page: only the site's own scripts and styles, nothing third-party.

The policy goes in a <meta> tag (static hosting cannot set headers). The theme's few inline
scripts are allowed by their sha256 hashes, computed from each page as built, so any other inline
script (say, one smuggled in through a record) would be refused by the browser.
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


def policy(html: str) -> str:
    hashes = []
    for match in INLINE_SCRIPT.finditer(html):
        attrs = match["attrs"]
        if "src=" in attrs or any(kind in attrs for kind in DATA_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(match["body"].encode("utf-8")).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    scripts = " ".join(["'self'", *sorted(set(hashes))])
    return f"{FIXED}; script-src {scripts}"


def apply(html: str) -> str:
    """The page with its policy as the first element of <head> (before any script it governs)."""
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace("<head>", f"<head>\n{tag}", 1)


def apply_to_folder(site_dir: Path) -> int:
    """Add the policy to every HTML page the theme built; returns how many."""
    count = 0
    for path in site_dir.rglob("*.html"):
        path.write_text(apply(path.read_text(encoding="utf-8")), encoding="utf-8")
        count += 1
    return count
