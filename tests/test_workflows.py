"""The GitHub Actions workflows: valid YAML, the pull-request workflow runs .ci/run's test command,
and main deploys to GitHub Pages with the official actions, publishing only a build identical to the
tested one. Their supply-chain hardening is tested in test_security.py."""

from __future__ import annotations

import shlex
from typing import Any

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict[str, Any]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(workflow, dict), f"{name} is not a YAML mapping"
    return workflow


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    """The `on:` block (YAML 1.1 reads the bare key `on` as True)."""
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict), f"`on` should be a mapping, got {on!r}"
    return on


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict[str, Any]) -> list[str]:
    """Actions used, without their version: "actions/deploy-pages"."""
    return [step["uses"].split("@")[0] for step in steps(workflow) if "uses" in step]


def run_lines(workflow: dict[str, Any]) -> list[str]:
    return [line.strip() for step in steps(workflow) for line in str(step.get("run", "")).splitlines()]


def ci_test_command() -> str:
    """The last command .ci/run runs: the README's test command."""
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()]
    commands = [line for line in lines if line and not line.startswith("#") and line not in ("fi", "set -euo pipefail")]
    return commands[-1]


@pytest.mark.parametrize("name", ["ci.yml", "deploy.yml"])
def test_workflow_is_well_formed(name: str) -> None:
    workflow = load(name)
    assert workflow.get("name")
    assert workflow["jobs"], f"{name} has no jobs"
    for job_name, job in workflow["jobs"].items():
        assert job.get("runs-on"), f"{name}: job {job_name} has no runs-on"
        assert job.get("steps"), f"{name}: job {job_name} has no steps"
        for step in job["steps"]:
            assert ("uses" in step) != ("run" in step), f"{name}: {job_name}: a step needs exactly one of uses/run"
            if "uses" in step:
                assert "@" in step["uses"], f"{name}: {step['uses']} is not pinned to a version"


def test_pull_requests_run_the_same_tests_as_ci_run() -> None:
    workflow = load("ci.yml")
    on = triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches-ignore"] == ["main"], "pushes to other branches run the checks too"

    command = ci_test_command()
    assert command == "make test", f".ci/run's test command changed to {command!r}: check README and ci.yml"
    lines = run_lines(workflow)
    assert command in lines, f"ci.yml does not run {command!r}: {lines}"
    assert "install -y -qq chromium" in " ".join(lines) or "install -y chromium" in " ".join(lines)
    assert any(shlex.split(line)[-1:] == ["check"] and "build.py" in line for line in lines if line)
    assert "make site" in lines
    assert "actions/checkout" in uses(workflow)
    uploads = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert any(s["with"]["path"] == "site" for s in uploads), "the built site is kept as an artifact"

    job = workflow["jobs"]["test"]
    assert "3.11" in job["container"]["image"], "Python 3.11, as the README says"
    assert str(job["env"]["CI"]).lower() == "true", "browser tests must fail, not skip, without Chromium"
    order = [line for line in lines if line in ("make test", "make site") or "chromium" in line]
    assert order.index("make test") > next(i for i, line in enumerate(order) if "chromium" in line)


def test_main_deploys_to_github_pages_only_what_it_tested() -> None:
    workflow = load("deploy.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    assert workflow["concurrency"]["group"]
    assert workflow["concurrency"]["cancel-in-progress"] is False, "never cancel a deployment half-way"

    jobs = workflow["jobs"]
    test, build, deploy = jobs["test"], jobs["build"], jobs["deploy"]
    assert (build["needs"], deploy["needs"]) == ("test", "build"), "test, then build, then deploy"
    assert ci_test_command() in [line for step in test["steps"] for line in str(step.get("run", "")).splitlines()]
    tested_lines = [line.strip() for step in test["steps"] for line in str(step.get("run", "")).splitlines()]
    assert any("build.py check" in line for line in tested_lines) and "make site" in tested_lines
    kept = next(s for s in test["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert kept["with"]["path"] == "site/SHA256SUMS", "the tested build's checksums go to the build job"

    build_lines = [line.strip() for step in build["steps"] for line in str(step.get("run", "")).splitlines()]
    assert "make site LOCK=requirements.lock" in build_lines, "the deployed build installs build dependencies only"
    fetched = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/download-artifact@"))
    assert fetched["with"]["name"] == kept["with"]["name"]
    compare = f"diff {fetched['with']['path']}/SHA256SUMS site/SHA256SUMS"
    assert compare in build_lines, "the build job publishes only a site identical to the tested build"
    order = [s.get("uses", s.get("run", "")).split("@")[0] for s in build["steps"]]
    assert order.index("actions/upload-pages-artifact") > next(i for i, s in enumerate(order) if compare in s)
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    for job in (test, build):
        assert "3.11" in job["container"]["image"], "Python 3.11, as the README says"
    assert test["container"]["image"] == build["container"]["image"], "both builds in the same environment"

    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    assert [s.get("uses", "").split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
