"""Hardening against the attacks a human-rights site draws: workflows audited by zizmor, actions pinned
to commits, least-privilege jobs; hash-locked Python packages; a published SHA256SUMS that a local
build of the same commit reproduces; security headers that agree with every page's policy; and a way
to report privately."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import ROOT, VALID_RECORDS, QuietHandler, Watched, local_server, search

from tracker import checksums, csp
from tracker.pipeline import build

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
PIN = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<ref>\S+)(?:\s+#\s*(?P<version>\S+))?\s*$")
NAME = re.compile(r"[-_.]+")


def zizmor(*paths: Path) -> subprocess.CompletedProcess[str]:
    """zizmor's offline audits (the dev requirements pin it), in its default persona."""
    command = [str(BIN / "zizmor"), "--offline", "--no-progress", "--format", "plain", *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def workflow(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def steps_of(job: dict) -> list[dict]:
    return job.get("steps", [])


# 1. Workflows -------------------------------------------------------------------------------------


def test_zizmor_finds_nothing_in_the_workflows_or_dependabot_config() -> None:
    result = zizmor(GITHUB)
    assert result.returncode == 0, f"zizmor found problems:\n{result.stdout}\n{result.stderr}"
    assert "No findings" in result.stdout + result.stderr


BAD_WORKFLOW = """\
name: Deploy, as it once was
on: push
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make site
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - uses: actions/deploy-pages@v4
"""


def test_zizmor_fires_on_movable_tags_broad_permissions_and_a_kept_token(tmp_path: Path) -> None:
    bad = tmp_path / "deploy.yml"
    bad.write_text(BAD_WORKFLOW, encoding="utf-8")
    result = zizmor(bad)
    assert result.returncode != 0
    for audit in ("unpinned-uses", "excessive-permissions", "artipacked"):
        assert f"[{audit}]" in result.stdout, f"zizmor no longer reports {audit}:\n{result.stdout}"


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment() -> None:
    pinned = 0
    for path in WORKFLOWS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "uses:" not in line:
                continue
            match = PIN.match(line)
            where = f"{path.name}:{number}: {line.strip()}"
            assert match, f"{where}: not a `uses: owner/action@sha # version` line"
            assert re.fullmatch(r"[0-9a-f]{40}", match["ref"]), f"{where}: not pinned to a full commit SHA"
            assert match["version"] and re.fullmatch(r"v\d+\.\d+\.\d+", match["version"]), f"{where}: no release"
            pinned += 1
    assert pinned >= 8


def test_each_job_asks_only_for_what_it_needs() -> None:
    writers = []
    for path in WORKFLOWS:
        data = workflow(path)
        assert data["permissions"] == {}, f"{path.name}: permissions belong to each job, not the workflow"
        for name, job in data["jobs"].items():
            permissions = job.get("permissions")
            assert isinstance(permissions, dict), f"{path.name}: job {name} does not say what it needs"
            assert set(permissions.values()) <= {"read", "write"}
            if "write" in permissions.values():
                writers.append((path.name, name, permissions))
    assert writers == [("deploy.yml", "deploy", {"pages": "write", "id-token": "write"})]
    deploy = workflow(GITHUB / "workflows" / "deploy.yml")["jobs"]["deploy"]
    assert all("run" not in step for step in steps_of(deploy)), "the job that can write to Pages runs none of our code"


def test_no_checkout_keeps_the_token() -> None:
    checkouts = [
        (path.name, step)
        for path in WORKFLOWS
        for job in workflow(path)["jobs"].values()
        for step in steps_of(job)
        if step.get("uses", "").startswith("actions/checkout@")
    ]
    assert len(checkouts) >= 3
    for name, step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, f"{name}: a checkout keeps the token"


def test_deploy_uses_no_dependency_cache() -> None:
    """A cache written by any branch's run could otherwise reach what main publishes."""
    text = (GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "actions/cache@" not in text and "cache:" not in text


def test_dependabot_proposes_updates_to_actions_and_python_pins() -> None:
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    updates = {entry["package-ecosystem"]: entry for entry in config["updates"]}
    assert set(updates) == {"github-actions", "pip"}
    for entry in updates.values():
        assert entry["directory"] == "/" and entry["schedule"]["interval"]


# 2. Hash-pinned Python dependencies ---------------------------------------------------------------


def normalise(name: str) -> str:
    return NAME.sub("-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """``name==version`` lines of a requirements or constraints file (``-r`` lines followed, not ``-c``)."""
    found: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found.update(pins(path.parent / line.split(maxsplit=1)[1]))
        elif "==" in line:
            name, version = line.split("==", 1)
            found[normalise(name.split("[", 1)[0])] = version.split(";")[0].strip()  # pagefind[bin]: pagefind
    return found


def locked(text: str) -> dict[str, tuple[str, int]]:
    """A lock's packages: name -> (version, how many hashes)."""
    entries: dict[str, tuple[str, int]] = {}
    for block in re.split(r"\n(?=[A-Za-z0-9])", text):
        match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", block)
        if match:
            entries[normalise(match[1])] = (match[2], len(re.findall(r"--hash=sha256:[0-9a-f]{64}", block)))
    return entries


def lock_problems(lock_text: str, requirements: Path, constraints: Path) -> list[str]:
    """Why a lock does not match its requirements file and the constraints (empty when it does)."""
    entries, wanted, pinned = locked(lock_text), pins(requirements), pins(constraints)
    problems = [f"{name} has no hash" for name, (_, hashes) in entries.items() if not hashes]
    problems += [f"{name} is not pinned in {constraints.name}" for name in entries if name not in pinned]
    problems += [
        f"{name} is locked at {version}, pinned at {pinned[name]}"
        for name, (version, _) in entries.items()
        if name in pinned and pinned[name] != version
    ]
    problems += [f"{name} is required but not locked" for name in wanted if name not in entries]
    return problems


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [("requirements.lock", "requirements.txt"), ("requirements-dev.lock", "requirements-dev.txt")],
)
def test_each_lock_hashes_exactly_the_pinned_versions(lock: str, requirements: str) -> None:
    text = (ROOT / lock).read_text(encoding="utf-8")
    assert "--hash=sha256:" in text
    problems = lock_problems(text, ROOT / requirements, ROOT / "constraints.txt")
    assert not problems, f"{lock} is out of date ({'; '.join(problems)}): run `make lock`"


def test_a_stale_lock_is_noticed(tmp_path: Path) -> None:
    (tmp_path / "constraints.txt").write_text("alpha==1.0\nbeta==2.0\n", encoding="utf-8")
    (tmp_path / "requirements.txt").write_text("-c constraints.txt\nalpha==1.0\nbeta==2.0\n", encoding="utf-8")
    lock = "alpha==0.9 \\\n    --hash=sha256:" + "a" * 64 + "\ngamma==3.0\n"
    problems = lock_problems(lock, tmp_path / "requirements.txt", tmp_path / "constraints.txt")
    assert problems == [
        "gamma has no hash",
        "gamma is not pinned in constraints.txt",
        "alpha is locked at 0.9, pinned at 1.0",
        "beta is required but not locked",
    ]


def test_the_build_lock_is_part_of_the_test_lock() -> None:
    build_lock = locked((ROOT / "requirements.lock").read_text(encoding="utf-8"))
    test_lock = locked((ROOT / "requirements-dev.lock").read_text(encoding="utf-8"))
    assert {name: entry[0] for name, entry in build_lock.items()} == {
        name: test_lock[name][0] for name in build_lock
    }, "the deployed build must use the versions the tests ran with"


def test_make_installs_from_a_lock_with_require_hashes(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    for extra, lock in (([], "requirements-dev.lock"), (["LOCK=requirements.lock"], "requirements.lock")):
        dry = subprocess.run(
            ["make", "-n", "-B", f"VENV={venv}", *extra, f"{venv}/.installed"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
        )
        installs = [line for line in dry.stdout.splitlines() if "pip install" in line]
        assert installs and all("--require-hashes" in line and f"-r {lock}" in line for line in installs), dry.stdout
    for path in [*WORKFLOWS, ROOT / ".ci" / "run"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            assert "pip install" not in line or "--require-hashes" in line, f"{path.name}: {line.strip()}"
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("make test")


# 3. SHA256SUMS ------------------------------------------------------------------------------------


def mismatches(site: Path) -> list[str]:
    """Files of a built site that SHA256SUMS does not list with their current digest, or lists but lacks."""
    listed = checksums.read(site)
    present = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()} - {checksums.NAME}
    problems = [f"{name}: not listed" for name in sorted(present - listed.keys())]
    problems += [f"{name}: listed but missing" for name in sorted(listed.keys() - present)]
    problems += [
        f"{name}: changed"
        for name in sorted(present & listed.keys())
        if checksums.digest_of(site / name) != listed[name]
    ]
    return problems


def test_sha256sums_lists_every_published_file_with_its_digest(built_site: Path) -> None:
    lines = (built_site / checksums.NAME).read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100
    assert all(re.fullmatch(r"[0-9a-f]{64}  [^\s].*", line) for line in lines)
    assert [line.split("  ", 1)[1] for line in lines] == sorted(line.split("  ", 1)[1] for line in lines)
    assert not mismatches(built_site)
    assert not [p for p in built_site.rglob(".*")], "hosts leave hidden files out: none may be published"


def test_sha256sum_check_accepts_it_and_notices_a_changed_page(built_site: Path, tmp_path: Path) -> None:
    sha256sum = shutil.which("sha256sum")
    if sha256sum is None:
        pytest.skip("coreutils' sha256sum is not installed")
    copy = shutil.copytree(built_site, tmp_path / "site")
    check = [sha256sum, "--check", "--strict", "--quiet", checksums.NAME]
    assert subprocess.run(check, cwd=copy, capture_output=True, check=False).returncode == 0
    page = copy / "about" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</h1>", " (forged)</h1>", 1), encoding="utf-8")
    result = subprocess.run(check, cwd=copy, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "about/index.html: FAILED" in result.stdout
    assert mismatches(copy) == ["about/index.html: changed"]


def local_build(out: Path, **env: str) -> Path:
    """`build.py build` of the repository's records, as a reader would run it, in its own process."""
    command = [sys.executable, "build.py", "build", "--no-reuse", "--out", str(out)]
    inherited = {key: value for key, value in os.environ.items() if key != "SOURCE_DATE_EPOCH"}
    subprocess.run(command, cwd=ROOT, env={**inherited, **env}, capture_output=True, check=True)
    return out


@pytest.mark.slow
def test_a_local_build_of_the_same_commit_gives_the_same_sha256sums(tmp_path: Path) -> None:
    """What the deploy publishes against what a reader builds: another folder, time zone, locale,
    umask and hash seed must not change a byte."""
    one = local_build(tmp_path / "deployed", TZ="UTC", LC_ALL="C.UTF-8", PYTHONHASHSEED="1")
    previous = os.umask(0o077)
    try:
        two = local_build(tmp_path / "elsewhere" / "out", TZ="Pacific/Kiritimati", LC_ALL="C", PYTHONHASHSEED="2")
    finally:
        os.umask(previous)
    assert not mismatches(one) and not mismatches(two)
    assert (one / checksums.NAME).read_bytes() == (two / checksums.NAME).read_bytes()


def test_a_site_without_sha256sums_gets_a_full_build_that_writes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # outside git, else every build is a new day
    records = shutil.copytree(VALID_RECORDS, tmp_path / "records")
    site = tmp_path / "site"
    build(records, site)
    (site / checksums.NAME).unlink()
    person = next((records / "people").glob("*.json"))
    person.write_text(person.read_text(encoding="utf-8").replace('"summary": "', '"summary": "Edited. ', 1), "utf-8")
    messages: list[str] = []
    build(records, site, progress=messages.append)
    assert any("no SHA256SUMS" in message for message in messages), messages
    assert (site / checksums.NAME).is_file() and not mismatches(site)


# 4. Security headers ------------------------------------------------------------------------------


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def headers_file(site: Path) -> dict[str, str]:
    lines = (site / csp.HEADERS_FILE).read_text(encoding="utf-8").splitlines()
    assert "/*" in lines, "the headers apply to every path"
    return dict(line.strip().split(": ", 1) for line in lines if line.startswith("  "))


def readme_nginx() -> dict[str, str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```nginx\n(.*?)```", readme, re.DOTALL)
    assert block, "the README has no nginx snippet"
    return dict(re.findall(r'^add_header (\S+) "([^"]*)" always;$', block[1], re.MULTILINE))


def meta_policies(site: Path) -> dict[str, str]:
    found = {}
    for page in site.rglob("*.html"):
        match = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page.read_text("utf-8"))
        found[page.relative_to(site).as_posix()] = match[1] if match else ""
    return found


def test_headers_file_nginx_snippet_and_every_meta_policy_agree(built_site: Path) -> None:
    headers = headers_file(built_site)
    nginx = readme_nginx()
    printed = "\n".join(f'add_header {name} "{value}" always;' for name, value in headers.items())
    assert nginx == headers, f"the README's nginx lines differ from _headers; they should read:\n{printed}"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"] and headers["X-Frame-Options"] == "DENY"

    header = directives(headers["Content-Security-Policy"])
    assert header.pop("frame-ancestors") == ["'none'"]
    pages = meta_policies(built_site)
    assert len(pages) > 50 and all(pages.values()), [page for page, policy in pages.items() if not policy]
    scripts: set[str] = set()
    for page, policy in pages.items():
        meta = directives(policy)
        assert meta.keys() == header.keys(), page
        assert all(meta[name] == header[name] for name in meta if name != "script-src"), page
        assert set(meta["script-src"]) <= set(header["script-src"]), f"the header would block a script of {page}"
        scripts |= set(meta["script-src"])
    assert scripts == set(header["script-src"]), "the header allows only scripts some page runs"


class HostHandler(QuietHandler):
    """A static host that sends the site's _headers with every response, as Netlify would."""

    headers_to_send: ClassVar[dict[str, str]] = {}

    def end_headers(self) -> None:
        for name, value in self.headers_to_send.items():
            self.send_header(name, value)
        super().end_headers()


@pytest.mark.browser
def test_pages_work_under_the_header_policy_and_refuse_framing(built_site: Path, watched: Watched) -> None:
    host = type("Host", (HostHandler,), {"headers_to_send": headers_file(built_site)})
    page = watched.page
    violations: list[str] = []
    page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
    with (
        local_server(functools.partial(host, directory=str(built_site))) as url,
        local_server(functools.partial(QuietHandler, directory=str(built_site))) as plain,
    ):
        for path in ("", "people/", "timeline/", "about/", "security/", "hy/", "hy/security/"):
            response = page.goto(url + path, wait_until="networkidle")
            assert response is not None and response.status == 200, path
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
            assert page.locator("h1").first.is_visible(), path
        hrefs = search(page, "vulnerability")  # search runs in a web worker, which the policy must allow
        assert any("/security/" in href for href in hrefs), hrefs
        assert not watched.errors() and not violations, watched.errors() + violations

        # Another site (a blank page, without the site's policy) frames the page from both servers:
        # served without the headers it shows, with them it does not.
        framing = page.context.new_page()
        framing.set_content(
            f'<iframe id="plain" src="{plain}about/"></iframe><iframe id="host" src="{url}about/"></iframe>'
        )
        heading = {"has_text": "About this record"}
        framing.frame_locator("#plain").locator("h1", **heading).wait_for(state="visible")
        assert framing.frame_locator("#host").locator("h1", **heading).count() == 0, "another site could frame the page"


# 5. Reporting -------------------------------------------------------------------------------------


def test_security_policy_says_how_to_report_privately_what_follows_and_what_is_supported() -> None:
    policy = " ".join((ROOT / "SECURITY.md").read_text(encoding="utf-8").split())
    for heading in ("## How to report privately", "## What happens next", "## Supported versions"):
        assert heading in policy
    assert "Report a vulnerability" in policy and "forged" in policy


def test_the_about_pages_link_to_the_published_security_policy(built_site: Path) -> None:
    assert (ROOT / "docs" / "security.md").read_text(encoding="utf-8") == (ROOT / "SECURITY.md").read_text("utf-8")
    for about, prefix in (("about.md", ""), ("hy/about.md", "hy/")):
        assert "](../security/)" in (ROOT / "docs" / about).read_text(encoding="utf-8"), about
        html = (built_site / prefix / "about" / "index.html").read_text(encoding="utf-8")
        assert 'href="../security/"' in html, f"/{prefix}about/ does not link to the security policy"
        published = " ".join((built_site / prefix / "security" / "index.html").read_text("utf-8").split())
        assert "<strong>Report a vulnerability</strong>" in published
