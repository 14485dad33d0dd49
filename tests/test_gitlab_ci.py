"""The GitLab pipeline (.gitlab-ci.yml): its structure (there is no GitLab linter offline),
and its jobs' scripts run for real, as the runner would, on a roadmap that validates and on
one that does not."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from tests.conftest import require, zensical_command

REPO_ROOT = Path(__file__).resolve().parent.parent
PIPELINE = REPO_ROOT / ".gitlab-ci.yml"
EXAMPLE = REPO_ROOT / "roadmap"
DEFAULT_BRANCH_ONLY = [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
RESERVED = {"workflow", "stages", "default", "variables", "include"}


@pytest.fixture(scope="module")
def pipeline() -> dict[str, Any]:
    data = yaml.safe_load(PIPELINE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def jobs(pipeline: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Real jobs (hidden `.templates` merged in, as `extends` does)."""
    result = {}
    for name, job in pipeline.items():
        if name in RESERVED or name.startswith("."):
            continue
        merged = dict(pipeline[job["extends"]]) if "extends" in job else {}
        merged.update(job)
        result[name] = merged
    return result


def test_structure(pipeline: dict[str, Any]) -> None:
    assert pipeline["stages"] == ["verifier", "construire", "publier"]
    all_jobs = jobs(pipeline)
    assert set(all_jobs) == {"valider", "resume", "resume-note", "tests", "construire", "pages"}
    for name, job in all_jobs.items():
        assert job["stage"] in pipeline["stages"], name
        assert job["script"], name
        for needed in job.get("needs", []):
            assert needed in all_jobs, (name, needed)
    for name, job in pipeline.items():
        if "extends" in job:
            assert job["extends"] in pipeline, name
    # Merge requests get one pipeline, not one per push and another for the merge request.
    rules = pipeline["workflow"]["rules"]
    assert rules[0] == {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}
    assert {"if": "$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS", "when": "never"} in rules


def test_validation_feeds_the_code_quality_widget(pipeline: dict[str, Any]) -> None:
    job = jobs(pipeline)["valider"]
    assert job["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert job["artifacts"]["when"] == "always"  # shown even when the job fails
    assert job["script"] == [
        "roadmap validate --format gitlab > gl-code-quality-report.json || true",
        "roadmap validate",
    ]


def test_build_and_pages(pipeline: dict[str, Any]) -> None:
    build, pages = jobs(pipeline)["construire"], jobs(pipeline)["pages"]
    assert build["variables"]["SITE_URL"] == "${CI_PAGES_URL}/"
    # The engine: the CI/CD variable ROADMAP_ENGINE, MkDocs unless a project sets it.
    assert pipeline["variables"]["ROADMAP_ENGINE"] == "mkdocs"
    assert "ROADMAP_ENGINE" not in build["variables"]  # the project's value must reach it
    install = "\n".join(build["before_script"])
    assert '[ "$ROADMAP_ENGINE" = zensical ]' in install and '-e ".[$extra]"' in install
    # The council-session report: WeasyPrint (the `report` extra, whatever the engine), the
    # system libraries it lays the PDF out with, and the reports already made kept.
    assert 'extra="report,zensical"; else extra="report"' in install
    for package in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
                    "fonts-dejavu-core"):  # fmt: skip
        assert package in install, package
    assert install.index("apt-get update") < install.index("apt-get install")
    caches = {tuple(cache["paths"]): cache["key"] for cache in build["cache"]}
    assert caches[(".cache/roadmap-report", ".cache/roadmap-history")] and caches[(".cache/pip",)]
    lines = [line.strip() for line in "\n".join(build["script"]).splitlines()]
    assert 'case "$ROADMAP_ENGINE" in' in lines
    assert lines[lines.index("mkdocs)") + 1] == "mkdocs build --strict --site-dir public"
    assert lines[lines.index("zensical)") + 1:lines.index("zensical)") + 4] == [
        "roadmap build --out build/zensical/docs --config-out build/zensical/mkdocs.yml",
        "(cd build/zensical && zensical build --strict -f mkdocs.yml)",
        "rm -rf public && mv build/zensical/site public",
    ]
    assert build["artifacts"]["paths"] == ["public"]
    # Merge requests are built too, to catch a broken page early; schedules are not.
    assert build["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"},
                              {"when": "on_success"}]  # fmt: skip
    assert pages["stage"] == pipeline["stages"][-1]
    assert pages["rules"][1:] == DEFAULT_BRANCH_ONLY
    assert pages["needs"] == ["construire"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["interruptible"] is False
    for name, job in jobs(pipeline).items():
        if name != "pages":
            assert job.get("rules") != DEFAULT_BRANCH_ONLY, name


def test_digest_and_tests_jobs(pipeline: dict[str, Any]) -> None:
    resume, tests = jobs(pipeline)["resume"], jobs(pipeline)["tests"]
    assert resume["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert resume["variables"]["GIT_DEPTH"] == "0"
    assert resume["artifacts"]["paths"] == ["resume-des-changements.md"]
    # GitLab accepts only letters, digits, spaces, dashes and underscores here.
    assert re.fullmatch(r"[A-Za-z0-9 _-]+", resume["artifacts"]["expose_as"])
    assert tests["image"].endswith("-bookworm")
    assert ".ci/run" in tests["script"]


def test_the_note_script_is_valid_python(pipeline: dict[str, Any]) -> None:
    block = next(line for line in jobs(pipeline)["resume-note"]["script"] if "<<'PY'" in line)
    source = block.split("<<'PY'\n", 1)[1].rsplit("\nPY\n", 1)[0]
    compile(source, "resume-note", "exec")


# --- the token never reaches a merge request's code ---------------------------------------------

TOKEN = "ROADMAP_DIGEST_TOKEN"
TRUSTED_ONLY = (
    '$CI_PIPELINE_SOURCE == "schedule" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'
    " && $ROADMAP_DIGEST_TOKEN"
)


def _mentions(value: Any, word: str) -> bool:
    return word in json.dumps(value)


def test_the_scheduled_pipeline_only_posts_the_digests(pipeline: dict[str, Any]) -> None:
    """The schedule that posts the merge requests' digests neither checks, builds nor
    publishes the site again: every job but the note's is ruled out of it, first thing."""
    never = {"if": '$CI_PIPELINE_SOURCE == "schedule"', "when": "never"}
    for name, job in jobs(pipeline).items():
        if name == "resume-note":
            assert "schedule" in job["rules"][0]["if"]
        elif name == "resume":  # merge-request pipelines only
            assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
        else:
            assert job["rules"][0] == never, name


def test_the_digest_token_is_only_in_the_default_branch_s_scheduled_job(
    pipeline: dict[str, Any],
) -> None:
    """A merge request's pipeline runs the merge request's own .gitlab-ci.yml and scripts:
    any job it may hold, reading the token, would hand it over. So the token is named only
    in a job that runs in scheduled pipelines of the default branch (where a protected
    variable is given), and that job has a single rule saying so."""
    for name in ("workflow", "default", "variables", ".outil"):
        assert not _mentions(pipeline.get(name), TOKEN), name
    users = {name for name, job in jobs(pipeline).items() if _mentions(job, TOKEN)}
    assert users == {"resume-note"}
    note = jobs(pipeline)["resume-note"]
    assert note["rules"] == [{"if": TRUSTED_ONLY}]
    # It runs the default branch's code only: nothing of a merge request is checked out or
    # installed; its commits are fetched into a ref and read by `roadmap diff`.
    script = "\n".join(note["script"])
    for forbidden in ("checkout", "git switch", "git reset", "pip install", "artifacts",
                      "resume-des-changements.md", "source ", "bash "):  # fmt: skip
        assert forbidden not in script, forbidden
    assert '["roadmap", "diff", base, head]' in script
    # The merge-request job writes the digest without any secret.
    resume = jobs(pipeline)["resume"]
    assert not _mentions(resume, TOKEN) and not _mentions(resume, "PRIVATE-TOKEN")
    assert resume["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


# --- the scripts, run as the runner runs them ---------------------------------------------------


def run_script(job: dict[str, Any], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """The job's `script`, in one bash with errexit and pipefail, as GitLab's runner does."""
    script = "set -eo pipefail\n" + "\n".join(job["script"]) + "\n"
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    return subprocess.run(["bash", "-c", script], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PATH": path, **env}, timeout=120)  # fmt: skip


def test_validation_job_reports_then_fails_on_errors(pipeline: dict[str, Any],
                                                     tmp_path: Path) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "roadmap")
    job = jobs(pipeline)["valider"]
    passed = run_script(job, tmp_path)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    warnings = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert warnings and {issue["severity"] for issue in warnings} == {"minor"}

    grc = tmp_path / "roadmap/projects/grc.yaml"
    broken = grc.read_text(encoding="utf-8").replace("status: in_progress", "status: en cours")
    grc.write_text(broken, encoding="utf-8")
    failed = run_script(job, tmp_path)
    assert failed.returncode == 1
    assert "R016" in failed.stdout  # the log, for a person
    report = json.loads((tmp_path / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    errors = [issue for issue in report if issue["severity"] == "major"]
    assert any(issue["check_name"] == "R016"
               and issue["location"]["path"] == "roadmap/projects/grc.yaml"
               for issue in errors)  # fmt: skip


def test_build_job_publishes_the_zensical_site_or_refuses_an_unknown_engine(
    pipeline: dict[str, Any], tmp_path: Path
) -> None:
    require(zensical_command() is not None, "zensical is not installed (pip install -e '.[test]')")
    for name in ("roadmap", "docs"):
        shutil.copytree(REPO_ROOT / name, tmp_path / name)
    shutil.copy(REPO_ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    job = jobs(pipeline)["construire"]
    site_url = "https://exemple.gitlab.io/fdr/"
    built = run_script(job, tmp_path, ROADMAP_ENGINE="zensical", SITE_URL=site_url)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "public" / "projets" / "grc" / "index.html").is_file()
    sitemap = (tmp_path / "public" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"{site_url}projets/grc/" in sitemap
    # The council-session report is published with the site and linked from its home page.
    assert (tmp_path / "public" / "rapports" / "rapport-2020-06-30.pdf").is_file()
    home = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert 'href="rapports/rapport-2020-06-30.pdf"' in home
    refused = run_script(job, tmp_path, ROADMAP_ENGINE="sphinx", SITE_URL=site_url)
    assert refused.returncode == 1
    assert "ROADMAP_ENGINE doit valoir mkdocs ou zensical" in refused.stderr


@pytest.fixture
def merge_request(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A repository whose last commit removes a project, and the job's variables for it."""
    repo = tmp_path / "depot"
    shutil.copytree(EXAMPLE, repo / "roadmap")
    env = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "Bureau", "GIT_AUTHOR_EMAIL": "bureau@example.org",
           "GIT_COMMITTER_NAME": "Bureau", "GIT_COMMITTER_EMAIL": "bureau@example.org",
           "ROADMAP_DIGEST_TOKEN": ""}  # fmt: skip

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                              text=True, env={**os.environ, **env}).stdout.strip()  # fmt: skip

    git("init", "--quiet", "--initial-branch=main")
    git("add", "-A")
    git("commit", "--quiet", "-m", "Feuille de route")
    env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = git("rev-parse", "HEAD")
    (repo / "roadmap/projects/open-data.yaml").unlink()
    git("commit", "--quiet", "-am", "Retrait")
    return repo, env


MergeRequest = tuple[Path, dict[str, str]]


def test_digest_job_writes_the_digest(pipeline: dict[str, Any],
                                      merge_request: MergeRequest) -> None:
    repo, env = merge_request
    completed = run_script(jobs(pipeline)["resume"], repo, **env)
    assert completed.returncode == 0, completed.stderr
    digest = (repo / "resume-des-changements.md").read_text(encoding="utf-8")
    assert "Portail des données ouvertes" in digest and "retiré" in digest


class FakeGitLab(BaseHTTPRequestHandler):
    """Just enough of GitLab's API for the note: who am I, the open merge requests and their
    commits, list, create and edit notes."""

    notes: ClassVar[list[dict[str, Any]]] = []
    calls: ClassVar[list[str]] = []
    diff_refs: ClassVar[dict[str, str]] = {}

    def _reply(self, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _body(self) -> Any:
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self) -> None:
        assert self.headers["PRIVATE-TOKEN"] == "jeton"
        self.calls.append(f"GET {self.path}")
        path = self.path.split("?")[0]
        if path == "/api/v4/user":
            self._reply({"id": 42})
        elif path == "/api/v4/projects/5/merge_requests":
            assert "state=opened" in self.path and "target_branch=main" in self.path
            self._reply([{"iid": 12}])
        elif path == "/api/v4/projects/5/merge_requests/12":
            self._reply({"iid": 12, "diff_refs": self.diff_refs})
        else:
            self._reply(self.notes)

    def do_POST(self) -> None:
        self.calls.append(f"POST {self.path}")
        self.notes.append({"id": 9, "author": {"id": 42}, "body": self._body()["body"]})
        self._reply(self.notes[-1])

    def do_PUT(self) -> None:
        self.calls.append(f"PUT {self.path}")
        note = next(n for n in self.notes if self.path.endswith(f"/notes/{n['id']}"))
        note["body"] = self._body()["body"]
        self._reply(note)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def gitlab() -> Iterator[str]:
    FakeGitLab.notes = [{"id": 3, "author": {"id": 7}, "body": "<!-- roadmap-digest -->\ncité"}]
    FakeGitLab.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGitLab)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/api/v4"
    finally:
        server.shutdown()
        server.server_close()


def test_digest_note_is_posted_once_then_updated(pipeline: dict[str, Any], gitlab: str,
                                                 merge_request: MergeRequest,
                                                 tmp_path: Path) -> None:  # fmt: skip
    """The scheduled job, in a clone of the default branch, fetches the merge request's
    commits from `origin` (GitLab keeps them under refs/merge-requests/<iid>/head) and
    posts their digest, then updates it when they change."""
    repo, env = merge_request
    base = env["CI_MERGE_REQUEST_DIFF_BASE_SHA"]

    def git(cwd: Path, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                              text=True, env={**os.environ, **env}).stdout.strip()  # fmt: skip

    origin = tmp_path / "origin.git"
    git(tmp_path, "clone", "--quiet", "--bare", str(repo), str(origin))
    git(repo, "push", "--quiet", str(origin), "HEAD:refs/merge-requests/12/head")
    git(origin, "update-ref", "refs/heads/main", base)
    clone = tmp_path / "runner"
    git(tmp_path, "clone", "--quiet", "--branch", "main", str(origin), str(clone))
    variables = {**env, "ROADMAP_DIGEST_TOKEN": "jeton", "CI_API_V4_URL": gitlab,
                 "CI_PROJECT_ID": "5", "CI_DEFAULT_BRANCH": "main"}  # fmt: skip
    FakeGitLab.diff_refs = {"base_sha": base, "head_sha": git(repo, "rev-parse", "HEAD")}
    job = jobs(pipeline)["resume-note"]
    for _ in range(2):  # a second run with the same commits writes nothing
        completed = run_script(job, clone, **variables)
        assert completed.returncode == 0, completed.stderr + completed.stdout
    assert "Portail des données ouvertes" in FakeGitLab.notes[-1]["body"]
    grc = repo / "roadmap/projects/grc.yaml"
    grc.write_text(grc.read_text(encoding="utf-8").replace("value: watch", "value: critical"),
                   encoding="utf-8")  # fmt: skip
    git(repo, "commit", "--quiet", "-am", "Météo")
    git(repo, "push", "--quiet", "--force", str(origin), "HEAD:refs/merge-requests/12/head")
    FakeGitLab.diff_refs = {"base_sha": base, "head_sha": git(repo, "rev-parse", "HEAD")}
    assert run_script(job, clone, **variables).returncode == 0  # the digest now differs

    writes = [call for call in FakeGitLab.calls if not call.startswith("GET")]
    assert writes == ["POST /api/v4/projects/5/merge_requests/12/notes",
                      "PUT /api/v4/projects/5/merge_requests/12/notes/9"]  # fmt: skip
    ours = [n for n in FakeGitLab.notes if n["author"]["id"] == 42]
    assert len(ours) == 1 and "Critique" in ours[0]["body"]
    assert FakeGitLab.notes[0]["body"].endswith("cité")  # a person's note is left alone
    # The runner's working tree is still the default branch's: nothing was checked out.
    assert git(clone, "rev-parse", "HEAD") == base
    assert (clone / "roadmap/projects/open-data.yaml").exists()
