"""Reader reports and review: the issue forms and pull-request template are valid, every record page
links to the correction form with its own address, and private requests are sent elsewhere."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from conftest import ROOT

from tracker import corrections, paths

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
PR_TEMPLATE = ROOT / ".github" / "pull_request_template.md"
PRIVATE_REPORT_URL = f"{corrections.repository_url()}/security/advisories/new"
"""GitHub's private report form ("Report a vulnerability"), which only the maintainers can read."""
ELEMENT_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}
ID_RE = re.compile(r"^[A-Za-z0-9_-]+$")
ATTRIBUTES = {
    "markdown": {"value"},
    "textarea": {"label", "description", "placeholder", "value", "render"},
    "input": {"label", "description", "placeholder", "value"},
    "dropdown": {"label", "description", "multiple", "options", "default"},
    "checkboxes": {"label", "description", "options"},
}


def form_problems(form: Any) -> list[str]:
    """What GitHub's issue-form syntax rejects (docs.github.com, "Syntax for issue forms")."""
    problems = []
    if not isinstance(form, dict):
        return ["not a mapping"]
    problems += [f"missing {key}" for key in ("name", "description", "body") if not form.get(key)]
    problems += [
        f"unknown key {key}"
        for key in form
        if key not in {"name", "description", "title", "labels", "assignees", "projects", "type", "body"}
    ]
    ids: list[str] = []
    for index, element in enumerate(form.get("body") or []):
        kind = element.get("type")
        attributes = element.get("attributes") or {}
        if kind not in ELEMENT_TYPES:
            problems.append(f"body[{index}]: unknown type {kind!r}")
            continue
        problems += [f"body[{index}]: unknown attribute {key}" for key in attributes if key not in ATTRIBUTES[kind]]
        required = "value" if kind == "markdown" else "label"
        if not isinstance(attributes.get(required), str) or not attributes[required].strip():
            problems.append(f"body[{index}]: missing attributes.{required}")
        if kind == "markdown" and ("id" in element or "validations" in element):
            problems.append(f"body[{index}]: markdown takes no id or validations")
        if "id" in element:
            if not ID_RE.match(str(element["id"])):
                problems.append(f"body[{index}]: bad id {element['id']!r}")
            ids.append(str(element["id"]))
    if len(ids) != len(set(ids)):
        problems.append("ids are not unique")
    if not any(element.get("type") != "markdown" for element in form.get("body") or []):
        problems.append("no input element")
    return problems


@pytest.fixture(scope="module")
def forms() -> dict[str, Any]:
    return {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(FORMS.glob("*.yml"))}


def test_the_issue_forms_are_valid(forms: dict[str, Any]) -> None:
    assert {corrections.CORRECTION_FORM, corrections.NEW_REPORT_FORM} <= set(forms)
    for name, form in forms.items():
        if name != "config.yml":
            assert form_problems(form) == [], name


def test_the_form_checker_catches_a_broken_form(forms: dict[str, Any]) -> None:
    broken = dict(forms[corrections.CORRECTION_FORM])
    broken["body"] = [*broken["body"], {"type": "textbox", "attributes": {}}, dict(broken["body"][1])]
    problems = form_problems(broken)
    assert any("unknown type" in p for p in problems) and "ids are not unique" in problems


def test_every_form_sends_private_requests_elsewhere_at_its_top(forms: dict[str, Any]) -> None:
    for name in (corrections.CORRECTION_FORM, corrections.NEW_REPORT_FORM):
        first = forms[name]["body"][0]
        assert first["type"] == "markdown", f"{name} opens with the notice"
        notice = first["attributes"]["value"]
        assert "public" in notice and "safety" in notice and "Report a vulnerability" in notice
        assert paths.configured_site_url() + "about/#corrections" in notice


def test_the_correction_form_takes_the_page_and_the_source(forms: dict[str, Any]) -> None:
    fields = {element.get("id"): element for element in forms[corrections.CORRECTION_FORM]["body"]}
    assert fields[corrections.PAGE_FIELD]["type"] == "input", "the page field the links fill in"
    assert {"wrong", "source"} <= set(fields)
    report = {element.get("id") for element in forms[corrections.NEW_REPORT_FORM]["body"]}
    assert {"happened", "link"} <= report


def test_blank_issues_are_off_and_the_private_channel_is_linked(forms: dict[str, Any]) -> None:
    config = forms["config.yml"]
    assert config["blank_issues_enabled"] is False
    assert [link["url"] for link in config["contact_links"]] == [PRIVATE_REPORT_URL]
    assert all(link["name"] and link["about"] for link in config["contact_links"])


def test_the_about_pages_name_the_private_channel() -> None:
    for about in (paths.DOCS / "about.md", paths.DOCS / "hy" / "about.md"):
        text = " ".join(about.read_text(encoding="utf-8").split())  # as rendered: line breaks are spaces
        assert "{#corrections}" in text, f"{about}: the anchor the pages link to"
        assert PRIVATE_REPORT_URL in text and "Report a vulnerability" in text


def test_the_pull_request_template_is_the_truth_rule_checklist() -> None:
    text = PR_TEMPLATE.read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, flags=re.MULTILINE)
    assert len(boxes) >= 6
    checklist = " ".join(boxes)
    for rule in ("cited public source", "whose account", "disagree", "guessed", "relative", "FILL IN"):
        assert rule in checklist, rule


# The links on the built pages ----------------------------------------------------------------------


class CorrectionLinks(HTMLParser):
    """The href of every link with class "correction" (or inside a paragraph with that class)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self._inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "p" and "correction" in classes:
            self._inside += 1
        elif tag == "a" and ("correction" in classes or self._inside) and "/issues/new?" in (values.get("href") or ""):
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p" and self._inside:
            self._inside -= 1


def correction_links(page: Path) -> list[dict[str, str]]:
    parser = CorrectionLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    links = []
    for href in parser.links:
        parts = urlsplit(href)
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == corrections.repository_url() + "/issues/new"
        links.append({key: values[0] for key, values in parse_qs(parts.query).items()})
    return links


@pytest.mark.parametrize("prefix", ["", "hy/"])
def test_every_record_page_links_to_the_correction_form_with_its_address(built_site: Path, prefix: str) -> None:
    pages = sorted((built_site / prefix / "people").glob("*/index.html"))
    pages += sorted((built_site / prefix / "events").glob("*/index.html"))
    assert len(pages) > 5
    for page in pages:
        folder = page.parent.relative_to(built_site).as_posix()
        links = correction_links(page)
        assert len(links) == 1, f"{folder}: {len(links)} correction links"
        (link,) = links
        assert link["template"] == corrections.CORRECTION_FORM
        assert link[corrections.PAGE_FIELD] == f"{paths.configured_site_url()}{folder}/"
        assert link["title"].startswith("Correction: ") and len(link["title"]) > len("Correction: ")
        html = page.read_text(encoding="utf-8")
        assert 'href="../../about/#corrections"' in html, f"{folder}: the private channel is one click away"


@pytest.mark.parametrize("prefix", ["", "hy/"])
def test_every_source_entry_links_to_the_correction_form(built_site: Path, prefix: str) -> None:
    page = built_site / prefix / "sources" / "index.html"
    ids = re.findall(r'<li id="([a-z0-9-]+)">', page.read_text(encoding="utf-8"))
    links = correction_links(page)
    assert ids and len(links) == len(ids)
    assert [link[corrections.PAGE_FIELD] for link in links] == [
        f"{paths.configured_site_url()}{prefix}sources/#{source_id}" for source_id in ids
    ]
