"""The history read from git: situations, the cache, and each awkward case of real history."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from generator.figures.history import choose_situations, derive_history
from generator.reading import revisions
from generator.reading.loader import load_text
from generator.validation import versions
from generator.validation.validate import validate_roadmap
from generator.validation.versions import HistoryCache, SectionCache, read_history
from tests.history_repo import commit, git, init, write_situation


def _current(folder: Path):  # type: ignore[no-untyped-def]
    result = validate_roadmap(folder)
    assert result.roadmap is not None, result.errors
    return result.roadmap


@pytest.fixture
def three_situations(tmp_path: Path) -> Path:
    folder = init(tmp_path / "repo")
    write_situation(folder, "2020-03-31", {"socle": {}})
    commit(tmp_path / "repo")
    write_situation(folder, "2020-06-30", {"socle": {"health": "watch", "forecast": "2020-10-31"},
                                          "portail": {}})  # fmt: skip
    commit(tmp_path / "repo")
    write_situation(folder, "2020-09-30", {"socle": {"health": "critical",
                                                     "forecast": "2020-12-15"}})  # fmt: skip
    commit(tmp_path / "repo")
    return folder


def test_each_commit_is_a_version_read_oldest_first(three_situations: Path) -> None:
    history = read_history(three_situations)
    assert history.available and not history.shallow
    assert [v.roadmap.as_of for v in history.versions if v.roadmap] == [
        dt.date(2020, 3, 31), dt.date(2020, 6, 30), dt.date(2020, 9, 30)]  # fmt: skip
    assert [p.id for p in history.versions[1].roadmap.projects] == ["portail", "socle"]  # type: ignore[union-attr]


def test_one_git_log_and_one_cat_file_process(three_situations: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def popen(args, *a, **k):  # type: ignore[no-untyped-def]
        started.append(list(args))
        return real_popen(args, *a, **k)

    monkeypatch.setattr(revisions.subprocess, "Popen", popen)
    read_history(three_situations)
    assert sum("log" in args for args in started) == 1
    assert sum("cat-file" in args for args in started) == 1
    assert not any("ls-tree" in args or "show" in args for args in started)


def test_a_rebuild_without_a_new_commit_reads_no_file(
    three_situations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = HistoryCache()
    first = read_history(three_situations, cache=cache)
    opened: list[list[str]] = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(revisions.subprocess, "Popen",
                        lambda *a, **k: opened.append(a[0]) or real_popen(*a, **k))  # fmt: skip
    second = read_history(three_situations, cache=cache)
    assert not [args for args in opened if "cat-file" in args]  # every commit is known
    assert second.versions == first.versions


def test_a_new_commit_reads_only_its_new_files(three_situations: Path) -> None:
    cache = HistoryCache()
    read_history(three_situations, cache=cache)
    known = set(cache.projects)
    newer = {"socle": {"health": "good", "forecast": "2020-12-15"}}
    write_situation(three_situations, "2020-12-31", newer)
    commit(three_situations.parent)
    history = read_history(three_situations, cache=cache)
    assert len(history.versions) == 4
    assert len(set(cache.projects) - known) == 1  # only socle's new version was read


def test_the_same_as_of_twice_keeps_the_last_commit(tmp_path: Path) -> None:
    folder = init(tmp_path / "repo")
    write_situation(folder, "2020-03-31", {"socle": {"health": "good"}})
    commit(tmp_path / "repo")
    write_situation(folder, "2020-03-31", {"socle": {"health": "critical"}})
    last = commit(tmp_path / "repo")
    write_situation(folder, "2020-06-30", {"socle": {}})
    commit(tmp_path / "repo")
    situations, _, _ = choose_situations(read_history(folder), _current(folder))
    assert [s.as_of for s in situations] == [dt.date(2020, 3, 31), dt.date(2020, 6, 30)]
    assert situations[0].commit == last
    assert situations[0].roadmap.projects[0].health.value == "critical"  # type: ignore[union-attr]


def test_an_as_of_going_backwards_corrects_the_older_situation_and_is_noted(
        tmp_path: Path) -> None:  # fmt: skip
    folder = init(tmp_path / "repo")
    write_situation(folder, "2020-06-30", {"socle": {}})
    commit(tmp_path / "repo")
    write_situation(folder, "2020-03-31", {"socle": {"health": "watch"}})
    backwards = commit(tmp_path / "repo")
    write_situation(folder, "2020-09-30", {"socle": {}})
    commit(tmp_path / "repo")
    situations, notes, _ = choose_situations(read_history(folder), _current(folder))
    assert [s.as_of.isoformat() for s in situations] == ["2020-03-31", "2020-06-30", "2020-09-30"]
    assert [(n.kind, n.commit) for n in notes] == [("as_of_backwards", backwards)]


def test_a_file_invalid_in_an_old_commit_is_skipped_with_a_note(tmp_path: Path) -> None:
    folder = init(tmp_path / "repo")
    write_situation(folder, "2020-03-31", {"socle": {}, "portail": {}})
    (folder / "projects" / "portail.yaml").write_text("title: [unclosed\n", "utf-8")
    broken = commit(tmp_path / "repo")
    write_situation(folder, "2020-06-30", {"socle": {}, "portail": {}})
    commit(tmp_path / "repo")
    history = read_history(folder)
    assert history.versions[0].skipped == ("roadmap/projects/portail.yaml",)
    assert [p.id for p in history.versions[0].roadmap.projects] == ["socle"]  # type: ignore[union-attr]
    derived = derive_history(history, _current(folder))
    assert [(n.kind, n.commit, n.subject) for n in derived.notes] == [
        ("skipped_file", broken, "roadmap/projects/portail.yaml")
    ]
    assert len(derived.projects["portail"].points) == 1  # only the valid situation


def test_an_unreadable_roadmap_file_leaves_that_commit_out(tmp_path: Path) -> None:
    folder = init(tmp_path / "repo")
    write_situation(folder, "2020-03-31", {"socle": {}})
    (folder / "roadmap.yaml").write_text("title: x\nunknown_field: 1\n", "utf-8")
    commit(tmp_path / "repo")
    write_situation(folder, "2020-06-30", {"socle": {}})
    commit(tmp_path / "repo")
    derived = derive_history(read_history(folder), _current(folder))
    assert [s.as_of.isoformat() for s in derived.situations] == ["2020-06-30"]
    assert [n.kind for n in derived.notes] == ["unreadable_roadmap"]


def test_a_renamed_project_file_keeps_its_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = init(repo)
    write_situation(folder, "2020-03-31", {"grc": {"title": "Relation usagers"}})
    commit(repo)
    git(repo, "mv", "roadmap/projects/grc.yaml", "roadmap/projects/relation-usagers.yaml")
    (folder / "roadmap.yaml").write_text(
        (folder / "roadmap.yaml").read_text("utf-8").replace("2020-03-31", "2020-06-30"), "utf-8"
    )
    commit(repo)
    derived = derive_history(read_history(folder), _current(folder))
    trajectory = derived.projects["relation-usagers"]
    assert [p.as_of.isoformat() for p in trajectory.points] == ["2020-03-31", "2020-06-30"]
    assert derived.latest is not None
    assert [p.kind for p in derived.latest.changes.projects] == []  # not "removed" + "added"
    assert [(n.kind, n.subject, n.after) for n in derived.notes] == [
        ("renamed", "grc", "relation-usagers")
    ]


def test_merge_commits_count_and_the_merged_branch_intermediate_states_do_not(
        tmp_path: Path) -> None:  # fmt: skip
    repo = tmp_path / "repo"
    folder = init(repo)
    write_situation(folder, "2020-03-31", {"socle": {}})
    commit(repo)
    git(repo, "checkout", "-q", "-b", "work")
    write_situation(folder, "2020-05-15", {"socle": {"health": "watch"}})  # a draft
    commit(repo)
    write_situation(folder, "2020-06-30", {"socle": {"health": "critical"}})
    commit(repo)
    git(repo, "checkout", "-q", "main")
    (repo / "README").write_text("x", "utf-8")
    commit(repo)
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "work")
    merge = git(repo, "rev-parse", "HEAD")
    situations, _, _ = choose_situations(read_history(folder), _current(folder))
    assert [s.as_of.isoformat() for s in situations] == ["2020-03-31", "2020-06-30"]
    history = read_history(folder)
    assert history.versions[-1].commit == merge


def test_amended_history_shows_what_the_branch_holds_now(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = init(repo)
    write_situation(folder, "2020-03-31", {"socle": {}})
    commit(repo)
    write_situation(folder, "2020-06-30", {"socle": {"health": "watch"}})
    commit(repo)
    cache = HistoryCache()
    read_history(folder, cache=cache)
    write_situation(folder, "2020-06-30", {"socle": {"health": "critical"}})
    git(repo, "commit", "-q", "-a", "--amend", "-m", "amended")
    history = read_history(folder, cache=cache)
    assert len(history.versions) == 2
    assert history.versions[-1].roadmap.projects[0].health.value == "critical"  # type: ignore[union-attr]


def test_internal_projects_stay_out_of_the_public_history(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = init(repo)
    write_situation(folder, "2020-03-31", {"socle": {}, "secret": {}})
    path = folder / "projects" / "secret.yaml"
    path.write_text(path.read_text("utf-8") + "visibility: internal\n", "utf-8")
    commit(repo)
    public = read_history(folder, include_internal=False)
    assert [p.id for p in public.versions[0].roadmap.projects] == ["socle"]  # type: ignore[union-attr]


def test_outside_git_there_is_no_history_and_no_failure(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    write_situation(init_folder(folder), "2020-03-31", {"socle": {}})
    history = read_history(folder)
    assert not history.available
    derived = derive_history(history, _current(folder))
    assert [n.kind for n in derived.notes] == ["not_a_repository"]
    assert len(derived.situations) == 1 and not derived.has_past


def init_folder(folder: Path) -> Path:
    (folder / "projects").mkdir(parents=True)
    return folder


def test_a_shallow_clone_is_detected(three_situations: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{three_situations.parent}", str(clone))
    history = read_history(clone / "roadmap")
    assert history.shallow
    assert len(history.versions) == 1
    derived = derive_history(history, _current(clone / "roadmap"))
    assert [n.kind for n in derived.notes] == ["shallow"]


def test_a_new_process_reuses_what_an_earlier_build_read(
    three_situations: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = read_history(three_situations)  # writes the cache beside the repository
    repo = three_situations.parent
    assert (repo / ".cache" / "roadmap-history" / ".gitignore").is_file()
    assert git(repo, "status", "--porcelain") == ""  # the cache is never committed
    opened: list[list[str]] = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(
        revisions.subprocess,
        "Popen",
        lambda *a, **k: opened.append(a[0]) or real_popen(*a, **k),
    )
    second = read_history(three_situations, cache=HistoryCache())  # as a new process would
    assert not [args for args in opened if "cat-file" in args]
    assert [v.roadmap for v in second.versions] == [v.roadmap for v in first.versions]


def test_an_unreadable_disk_cache_is_no_cache(three_situations: Path) -> None:
    first = read_history(three_situations)
    for path in (three_situations.parent / ".cache" / "roadmap-history").glob("*.pickle"):
        path.write_bytes(b"not a pickle")
    second = read_history(three_situations, cache=HistoryCache())
    assert [v.roadmap for v in second.versions] == [v.roadmap for v in first.versions]


@pytest.mark.parametrize("text", [
    "title: A\nmilestones:\n- {title: x, due: 2020-01-01}\n- title: y\n  due: 2020-02-01\n",
    "# a comment\ntitle: A\n\n# another\ndescription: |\n  one\n\n  two\nstatus: on_hold\n",
    "title: A\r\nstatus: planned\r\n",
    "title: A\ntags: [a,\nb]\n",  # a flow list going on at column 0
    "title: \"A\nstatus: planned\"\n",  # a quoted title going on at column 0
    "title: &name A\nsummary: *name\n",  # an alias from one section to another
    "title: A\ntitle: B\n",  # a duplicate key
    "---\ntitle: A\n",
    "- title: A\n",
    "title: A\nsummary: a long\ntext going on\n",  # refused whole, refused split
    "title: no\nstart: 2020-01-01\nweight: 1.5\n",  # YAML 1.2 scalars, as the loader reads them
    "title: A\ndescription: |\n  no final line break",
    "title: A\ndescription: |+\n  kept\n\n",
])
def test_a_file_read_by_sections_reads_as_the_whole_file(text: str) -> None:
    """Reading a file section by section (each section once, whatever file version holds
    it) gives the whole file's mapping, or gives up and leaves the file to be read whole."""
    source, problems = load_text(text.encode(), "projects/a.yaml")
    whole = None if problems else source.data
    sections = SectionCache()
    split = sections.load(text.encode(), "projects/a.yaml")
    assert split is None or split == whole
    again = sections.load(text.encode(), "projects/b.yaml")  # from what was read already
    assert again == split


def test_a_file_unchanged_but_for_one_section_reads_only_that_section() -> None:
    sections = SectionCache()
    first = "title: A\nstatus: planned\nhealth: {value: good, date: 2020-01-01}\n"
    assert sections.load(first.encode(), "projects/a.yaml") is not None
    read: list[str] = []
    real = versions.load_text
    try:
        versions.load_text = lambda text, *a, **k: read.append(text) or real(text, *a, **k)  # type: ignore[assignment]
        second = sections.load(first.replace("good", "watch").encode(), "projects/a.yaml")
    finally:
        versions.load_text = real  # type: ignore[assignment]
    assert second is not None and second["health"] == {"value": "watch",
                                                       "date": dt.date(2020, 1, 1)}  # fmt: skip
    assert read == ["health: {value: watch, date: 2020-01-01}\n"]


def test_a_version_read_in_full_borrows_the_unchanged_projects_being_built(
        three_situations: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    current = _current(three_situations)
    history = read_history(three_situations, current=current)
    newest = history.versions[-1].roadmap  # the working tree holds the same files
    assert newest is not None
    assert [p is q for p, q in zip(newest.projects, current.projects, strict=True)] == [True]
    older = history.versions[0].roadmap  # socle changed since: read from git
    assert older is not None and older.projects[0] is not current.projects[0]
    assert older.projects[0].health is not None and older.projects[0].health.value == "good"


def test_a_version_checked_again_only_where_it_changed_is_the_whole_file_checked() -> None:
    """The sections unchanged since a version already checked are taken as it validated them;
    what a version changed is checked by the model as if the whole file were read."""
    march = PROJECT_FILE.format(health="good", due="2020-09-30")
    june = PROJECT_FILE.format(health="watch", due="2020-10-31")
    wrong = PROJECT_FILE.format(health="sunny", due="2020-10-31")  # a health value refused
    sections = SectionCache()
    read = [versions._read_project(text.encode(), "projects/socle.yaml", sections)
            for text in (march, june, wrong)]  # fmt: skip
    whole = [versions._read_project(text.encode(), "projects/socle.yaml")
             for text in (march, june, wrong)]  # fmt: skip
    assert read == whole
    assert read[0] is not None and read[1] is not None and read[1].health is not None
    assert read[1].health.value == "watch" and read[1].milestones[1].due == dt.date(2020, 10, 31)
    assert read[0] is not None and read[1].budget is read[0].budget  # the same, unchanged
    assert read[2] is None


PROJECT_FILE = """\
title: Socle
axis: usagers
lead: {{team: DSI}}
status: in_progress
start: 2020-01-01
end: 2021-12-31
health: {{value: {health}, date: 2020-06-30}}
budget:
  lines:
    - {{year: 2020, planned: 100000, committed: 500, spent: 20}}
milestones:
  - {{title: Lancement, due: 2020-02-01, done: 2020-02-10}}
  - {{title: Recette, due: {due}}}
"""
