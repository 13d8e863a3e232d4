"""The context of the /data/ page (templates/data.html): downloads, licence, citation, dictionary, changelog."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from tracker import data_words_hy, dates, paths
from tracker.i18n import HY, HY_LABELS
from tracker.package_tables import Column, Table, read_only_tables, singular, xsd_pattern

EDTF = xsd_pattern(dates.PATTERN)
ITEM_RE = re.compile(r"^- (.*)$")
RELEASE_RE = re.compile(r"^##\s+\[?(?P<version>\d+\.\d+\.\d+)\]?\s+[—–-]+\s+(?P<date>\d{4}-\d{2}-\d{2})\s*$")
CODE_NAMES = (
    "records.schema.json",
    "records.json",
    "sources",
    "position",
    "held_now",
    "sentences",
    "timeline",
    "metadata.json",
    "record.db",
    "record.xlsx",
    # A spreadsheet's menus and fields, named as its (English) interface shows them:
    "Data › From Text/CSV",
    "File origin",
    "65001: Unicode (UTF-8)",
    "Character set",
    "Unicode (UTF-8)",
    "File › Import",
)
"""Code names the Armenian wording of the page's text keeps as they are, shown as code."""
DATASETTE_METADATA = "metadata.json"
DATASETTE_ABOUT = (
    "Titles, descriptions, licence and row labels of record.db for Datasette: "
    "datasette record.db --metadata metadata.json."
)
TYPE_WORDS = {
    "string": "text",
    "integer": "whole number",
    "boolean": "true or false",
    "date": "date (YYYY-MM-DD)",
    "number": "number",
}


SIZE_UNITS = {"en": ("bytes", "byte", ("kB", "MB", "GB")), "hy": ("բայթ", "բայթ", ("կԲ", "ՄԲ", "ԳԲ"))}


def human_size(size: int, lang: str = "en") -> str:
    """1234 -> '1.2 kB' (SI units, as browsers and file managers show them)."""
    many, one, units = SIZE_UNITS[lang]
    if size < 1000:
        return f"{size} {many}" if size != 1 else f"1 {one}"
    value = float(size)
    for unit in units:
        value /= 1000
        if value < 1000 or unit == units[-1]:
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


def _download(
    sizes: Mapping[str, int],
    name: str,
    title: str,
    description: str,
    description_hy: str | None = None,
    title_hy: str | None = None,
) -> dict[str, Any]:
    size = sizes.get(name)
    return {
        "href": name,
        "name": name,
        "title": title,
        "title_hy": title_hy,
        "description": description,
        "description_hy": coded(description_hy),
        "bytes": size,
        "size": human_size(size) if size is not None else "",
        "size_hy": human_size(size, "hy") if size is not None else "",
    }


CONSTRAINT_WORDS = {
    "en": {
        "edtf": "a date as written: 2023, 2023-07, 2023-07-29, ~2023 (about), 2023-07? (uncertain) or a range "
        "such as 2025-12-24/2025-12-25",
        "pattern": "matches {pattern}",
        "range": "from {low} to {high}",
        "minimum": "{low} or more",
        "maximum": "{high} or less",
        "length": "at most {length} characters",
    },
    "hy": data_words_hy.CONSTRAINT_WORDS,
}
"""What a column's constraints allow, in each language's words."""


def _constraints(field: dict[str, Any], lang: str = "en") -> list[str]:
    """What values a column allows, worded in one language."""
    words, notes = CONSTRAINT_WORDS[lang], []
    constraints = field.get("constraints", {})
    if constraints.get("pattern") == EDTF:
        notes.append(words["edtf"])
    elif "pattern" in constraints:
        notes.append(words["pattern"].format(pattern=constraints["pattern"]))
    low, high = constraints.get("minimum"), constraints.get("maximum")
    if low is not None and high is not None:
        notes.append(words["range"].format(low=low, high=high))
    elif low is not None:
        notes.append(words["minimum"].format(low=low))
    elif high is not None:
        notes.append(words["maximum"].format(high=high))
    if "maxLength" in constraints:
        notes.append(words["length"].format(length=constraints["maxLength"]))
    return notes


def coded(text: str | None) -> Markup | None:
    """Armenian dictionary text with its `names` shown as code (None stays None: not translated)."""
    if text is None:
        return None
    parts = str(escape(text)).split("`")
    return Markup("".join(f"<code>{part}</code>" if index % 2 else part for index, part in enumerate(parts)))


def code_names(text: str, *names: str) -> Markup:
    """Translated text with the given code names (a table, a field, a file) shown as code."""
    html = str(escape(text))
    for name in sorted(names, key=len, reverse=True):
        html = re.sub(rf"(?<![\w./>-]){re.escape(name)}(?![\w/<])", f"<code>{name}</code>", html)
    return Markup(html)


def _key_target(tables: Mapping[str, Table], table: Table, column: Column) -> tuple[str, str]:
    """(the ancestor table a key column points at, and its key there: id or position)."""
    parent = table.parent
    while parent is not None and singular(parent) != column.name:
        parent = tables[parent].parent
    if parent is None:
        raise LookupError(f'data dictionary: key column "{table.name}.{column.name}" names no parent table')
    return parent, "id" if tables[parent].primary_key == ["id"] else "position"


def armenian_column(tables: Mapping[str, Table], table: Table, column: Column) -> str | None:
    """The column's description in Armenian (data_words_hy), or None when it has none yet."""
    if column.role == "key":
        return data_words_hy.DERIVED["key"](*_key_target(tables, table, column), "")
    if column.role == "position":
        return data_words_hy.DERIVED["position"](table.parent or "", table.list_field or "", "")
    if column.role in {"earliest", "latest"}:
        return data_words_hy.DERIVED[column.role]("", "", column.name.rsplit("_", 1)[0])
    return data_words_hy.COLUMNS.get((table.name, column.name))


def armenian_labels(column: Column | None) -> dict[str, str]:
    """A categorical column's values -> their Armenian labels (the vocabulary's, per vocabulary)."""
    if column is None:
        return {}
    if column.role == "kind":
        return data_words_hy.NAME_KINDS
    return HY_LABELS.get(column.vocabulary, {}) if column.vocabulary else {}


def dictionary(descriptor: dict[str, Any]) -> list[dict[str, Any]]:
    """Each table and each of its fields, as the data dictionary lists them; ``*_hy`` keys hold the
    Armenian of the descriptions (None where there is none yet: the page then shows the English)."""
    models = {table.name: table for table in read_only_tables()}
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
        model = models.get(resource["name"])
        columns = {column.name: column for column in model.columns} if model else {}
        fields = [
            {
                "name": field["name"],
                "type": field["type"],
                "type_words": TYPE_WORDS.get(field["type"], field["type"]),
                "type_words_hy": coded(data_words_hy.TYPE_WORDS.get(field["type"])),
                "description": field.get("description", ""),
                "required": bool(field.get("constraints", {}).get("required")),
                "categories": _categories(field, columns.get(field["name"])),
                "constraints": _constraints(field),
                "constraints_hy": [coded(note) for note in _constraints(field, "hy")],
                "description_hy": coded(
                    armenian_column(models, model, columns[field["name"]])
                    if model and field["name"] in columns
                    else None
                ),
            }
            for field in schema["fields"]
        ]
        result.append(
            {
                "name": resource["name"],
                "path": resource["path"].rsplit("/", 1)[-1],
                "title": resource.get("title", resource["name"]),
                "description": resource.get("description", ""),
                "description_hy": coded(data_words_hy.TABLES.get(resource["name"])),
                "primary_key": ", ".join(schema.get("primaryKey", [])),
                "foreign_keys": links,
                "fields": fields,
            }
        )
    return result


def _categories(field: dict[str, Any], column: Column | None) -> list[dict[str, Any]]:
    labels = armenian_labels(column)
    return [{**category, "label_hy": labels.get(category["value"])} for category in field.get("categories", [])]


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
        title, description = resource.get("title", resource["name"]), resource["description"]
        table = resource["name"]
        downloads.append(
            _download(
                sizes,
                name,
                title,
                description,
                data_words_hy.TABLES.get(table, data_words_hy.FILES.get(table)),
                data_words_hy.TITLES.get(table, data_words_hy.FILE_TITLES.get(table)),
            )
        )
    downloads.append(_download(sizes, schema_name, "JSON Schema of records.json", "Generated from the record models."))
    downloads.append(
        _download(
            sizes,
            DATASETTE_METADATA,
            "Datasette metadata",
            DATASETTE_ABOUT,
            data_words_hy.FILES["datasette-metadata"],
            data_words_hy.FILE_TITLES["datasette-metadata"],
        )
    )
    licence = descriptor["licenses"][0]
    return {
        "title": descriptor["title"],
        "description": descriptor["description"],
        "description_hy": code_names(HY[descriptor["description"]], *CODE_NAMES)
        if descriptor["description"] in HY
        else None,
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
