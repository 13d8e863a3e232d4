"""The context of the /data/ page (templates/data.html): downloads, licence, citation, dictionary, changelog."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tracker import dates, paths
from tracker.package_tables import xsd_pattern

EDTF = xsd_pattern(dates.PATTERN)
ITEM_RE = re.compile(r"^- (.*)$")
RELEASE_RE = re.compile(r"^##\s+\[?(?P<version>\d+\.\d+\.\d+)\]?\s+[—–-]+\s+(?P<date>\d{4}-\d{2}-\d{2})\s*$")
TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "boolean": "true or false",
    "date": "date (YYYY-MM-DD)",
    "number": "number",
}


def human_size(size: int) -> str:
    """1234 -> '1.2 kB' (SI units, as browsers and file managers show them)."""
    if size < 1000:
        return f"{size} bytes" if size != 1 else "1 byte"
    value = float(size)
    for unit in ("kB", "MB", "GB"):
        value /= 1000
        if value < 1000 or unit == "GB":
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _download(sizes: Mapping[str, int], name: str, title: str, description: str) -> dict[str, Any]:
    size = sizes.get(name)
    return {
        "href": name,
        "name": name,
        "title": title,
        "description": description,
        "bytes": size,
        "size": human_size(size) if size is not None else "",
    }


def _constraints(field: dict[str, Any]) -> list[str]:
    notes = []
    constraints = field.get("constraints", {})
    if constraints.get("pattern") == EDTF:
        notes.append(
            "a date as written: 2023, 2023-07, 2023-07-29, ~2023 (about), 2023-07? (uncertain) or a range such as 2025-12-24/2025-12-25"
        )
    elif "pattern" in constraints:
        notes.append(f"matches {constraints['pattern']}")
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        notes.append(f"from {low} to {high}")
    elif low is not None:
        notes.append(f"{low} or more")
    elif high is not None:
        notes.append(f"{high} or less")
    if "maxLength" in constraints:
        notes.append(f"at most {constraints['maxLength']} characters")
    return notes


def dictionary(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """Each table and each of its fields, as the data dictionary lists them."""
    result = []
    for resource in descriptor["resources"]:
        schema = resource.get("schema")
        if not isinstance(schema, dict):
            continue
        links = [
            {
                "fields": ", ".join(key["fields"]),
                "resource": key["reference"]["resource"],
                "to": ", ".join(key["reference"]["fields"]),
            }
            for key in schema.get("foreignKeys", [])
        ]
        fields = [
            {
                "name": field["name"],
                "type": field["type"],
                "type_words": TYPE_WORDS.get(field["type"], field["type"]),
                "description": field.get("description", ""),
                "required": bool(field.get("constraints", {}).get("required")),
                "categories": field.get("categories", []),
                "constraints": _constraints(field),
            }
            for field in schema["fields"]
        ]
        result.append(
            {
                "name": resource["name"],
                "path": resource["path"].rsplit("/", 1)[-1],
                "title": resource.get("title", resource["name"]),
                "description": resource.get("description", ""),
                "primary_key": ", ".join(schema.get("primaryKey", [])),
                "foreign_keys": links,
                "fields": fields,
            }
        )
    return result


def changelog(path: Path = paths.CHANGELOG) -> dict[str, Any]:
    """The data changelog: its text and its releases (version, date, list of changes)."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    releases: list[dict[str, Any]] = []
    for line in text.splitlines():
        heading = RELEASE_RE.match(line)
        if heading:
            releases.append({"version": heading["version"], "date": heading["date"], "changes": []})
        elif releases and (item := ITEM_RE.match(line)):
            releases[-1]["changes"].append(item[1].strip())
        elif releases and releases[-1]["changes"] and line.startswith("  ") and line.strip():
            releases[-1]["changes"][-1] += " " + line.strip()
    return {"text": text, "releases": releases}


def page_context(
    descriptor: dict[str, Any], sizes: Mapping[str, int], *, zip_name: str, schema_name: str
) -> dict[str, Any]:
    """See tracker.package.data_page_context."""
    data_url = f"{descriptor['homepage']}data/"
    version = descriptor["version"]
    downloads = [
        _download(sizes, zip_name, "Everything", "All the files below in one zip archive."),
        _download(sizes, "datapackage.json", "Data package descriptor", "Tables, fields, licence and version."),
    ]
    for resource in descriptor["resources"]:
        name = resource["path"].rsplit("/", 1)[-1]
        downloads.append(_download(sizes, name, resource.get("title", resource["name"]), resource["description"]))
    downloads.append(_download(sizes, schema_name, "JSON Schema of records.json", "Generated from the record models."))
    licence = descriptor["licenses"][0]
    return {
        "title": descriptor["title"],
        "description": descriptor["description"],
        "version": version,
        "created": descriptor.get("created"),
        "data_url": data_url,
        "package_url": f"{data_url}datapackage.json",
        "homepage": descriptor["homepage"],
        "downloads": downloads,
        "licence": licence,
        "tables": dictionary(descriptor),
        "changelog": changelog(),
    }
