"""The validator on the example and on targeted roadmaps: rules, messages, output formats."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.adapters.cli import main
from generator.rendering.diagnostics import hint_text, message_text
from generator.validation.validate import validate_roadmap

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def make_roadmap(tmp_path: Path, projects: dict[str, str], roadmap: str | None = None) -> Path:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    if roadmap is not None:
        (folder / "roadmap.yaml").write_text(textwrap.dedent(roadmap), encoding="utf-8")
    for name, text in projects.items():
        (folder / "projects" / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def codes(folder: Path) -> list[str]:
    return [d.code for d in validate_roadmap(folder).diagnostics]


def test_the_example_roadmap_is_valid() -> None:
    result = validate_roadmap(ROOT / "roadmap")
    assert result.errors == [], result.errors
    assert result.roadmap is not None
    assert len(result.roadmap.projects) == 22
    assert len(result.roadmap.axes) == 6
    assert result.roadmap.envelope == 15_000_000
    statuses = {p.status for p in result.roadmap.projects}
    assert statuses == {"planned", "in_progress", "done", "on_hold", "cancelled"}
    # stale health ratings are warnings, as intended in the example
    assert "R073" in [d.code for d in result.warnings]


def test_the_example_uses_every_field_of_the_format() -> None:
    from generator.model import ProjectFile, RoadmapFile

    roadmap = validate_roadmap(ROOT / "roadmap").roadmap
    assert roadmap is not None
    used = {name for name in RoadmapFile.model_fields if name in roadmap.model_fields_set}
    assert used == set(RoadmapFile.model_fields) - {"projects"}
    project_fields = set()
    for project in roadmap.projects:
        project_fields |= project.model_fields_set
    assert set(ProjectFile.model_fields) <= project_fields


def test_valid_roadmap_exits_zero_with_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(ROOT / "roadmap")]) == 0
    assert "La feuille de route est valide" in capsys.readouterr().out


def test_usage_error_exits_two() -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["validate", "--format", "xml"])
    assert exit_info.value.code == 2


def test_missing_roadmap_is_a_positioned_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path)]) == 1
    assert "R009" in capsys.readouterr().out


def test_unknown_key_suggests_the_field_meant(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "p": """\
        title: P
        axis: usagers
        lead: {team: DSI}
        status: planned
        milestones:
          - {title: Choix, echeance: 2021-01-01}
        """
        },
    )
    [problem] = [d for d in validate_roadmap(folder).diagnostics if d.code == "R011"]
    assert "echeance" in message_text(problem, "fr")
    assert "Vouliez-vous dire « due » ?" in hint_text(problem, "fr")
    assert (problem.line, problem.column) == (6, 20)


def test_unknown_axis_suggests_the_closest_id(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path, {"p": "title: P\naxis: agent\nlead: {team: DSI}\nstatus: planned\n"}
    )
    [problem] = [d for d in validate_roadmap(folder).diagnostics if d.code == "R030"]
    assert "« agents »" in hint_text(problem, "fr")


def test_amount_written_as_text_gets_the_right_form(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "p": """\
        title: P
        axis: usagers
        lead: {team: DSI}
        status: planned
        budget:
          lines:
            - {year: 2021, funder: etat, planned: "1,2 M€"}
            - {year: 2022, funder: etat, planned: 400 000 €}
        """
        },
    )
    hints = [hint_text(d, "fr") for d in validate_roadmap(folder).diagnostics if d.code == "R012"]
    assert len(hints) == 2
    assert "1200000" in hints[0]
    assert "400000" in hints[1]


def test_french_status_word_suggests_the_keyword(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path, {"p": "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: terminé\n"}
    )
    [problem] = [d for d in validate_roadmap(folder).diagnostics if d.code == "R016"]
    assert "« done »" in hint_text(problem, "fr")
    assert "planned, in_progress, done, on_hold, cancelled" in hint_text(problem, "fr")


def test_yaml_words_yes_and_no_stay_text(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "p": "title: Non\naxis: usagers\nlead: {team: 'on'}\nstatus: planned\n"
            "tags: [no, yes, oui]\n"
        },
    )
    result = validate_roadmap(folder)
    assert result.errors == []
    assert result.roadmap is not None
    project = next(p for p in result.roadmap.projects if p.id == "p")
    assert project.title == "Non"
    assert project.tags == ("no", "yes", "oui")


def test_dependency_cycle_is_reported_once(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "a": "title: A\naxis: usagers\nlead: {team: DSI}\nstatus: planned\ndepends_on: [b]\n",
            "b": "title: B\naxis: usagers\nlead: {team: DSI}\nstatus: planned\ndepends_on: [c]\n",
            "c": "title: C\naxis: usagers\nlead: {team: DSI}\nstatus: planned\ndepends_on: [a]\n",
        },
    )
    problems = [d for d in validate_roadmap(folder).diagnostics if d.code == "R033"]
    assert len(problems) == 1
    assert "a → b → c → a" in message_text(problems[0], "fr")


def test_explained_variances_are_accepted(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "p": """\
        title: P
        axis: usagers
        lead: {team: DSI}
        status: in_progress
        start: 2020-01-01
        end: 2021-01-01
        forecast_end: 2021-06-01
        schedule_explanation: Recette décalée.
        budget:
          baseline: 100
          lines: [{year: 2021, funder: etat, planned: 200}]
          explanation: Périmètre étendu.
        milestones:
          - {title: Recette, due: 2020-03-01, explanation: Confinement.}
        """
        },
    )
    assert [c for c in codes(folder) if c.startswith("R06")] == []


def test_rebaseline_moves_the_reference(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "p": """\
        title: P
        axis: usagers
        lead: {team: DSI}
        status: in_progress
        start: 2020-01-01
        end: 2021-01-01
        forecast_end: 2021-06-01
        budget:
          baseline: 100
          lines: [{year: 2021, funder: etat, planned: 150}]
        rebaselines:
          - {date: 2020-05-01, decision: CP-2020-05-1, reason: Extension, budget: 150,
             end: 2021-06-01}
        """
        },
    )
    assert [c for c in codes(folder) if c.startswith("R06")] == []


def test_envelope_warning(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "big": """\
        title: Gros projet
        axis: agents
        lead: {team: DSI}
        status: planned
        budget: {baseline: 900000, lines: [{year: 2021, funder: etat, planned: 900000}]}
        """
        },
    )
    result = validate_roadmap(folder)
    assert result.errors == []
    assert "R072" in [d.code for d in result.warnings]


def test_messages_follow_the_roadmap_language(tmp_path: Path) -> None:
    roadmap = (FIXTURES / "minimal" / "roadmap.yaml").read_text(encoding="utf-8") + "language: en\n"
    folder = make_roadmap(
        tmp_path,
        {"p": "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: finished\n"},
        roadmap=roadmap,
    )
    result = validate_roadmap(folder)
    [problem] = [d for d in result.diagnostics if d.code == "R016"]
    assert result.language == "en"
    assert message_text(problem, result.language) == (
        "'finished' is not a possible value for 'status'."
    )
    assert hint_text(problem, result.language).startswith("Possible values:")


def test_internal_projects_can_be_left_out(tmp_path: Path) -> None:
    folder = make_roadmap(
        tmp_path,
        {
            "secret": "title: S\naxis: agents\nlead: {team: DSI}\nstatus: planned\n"
            "visibility: internal\n"
        },
    )
    everything = validate_roadmap(folder).roadmap
    public = validate_roadmap(folder, include_internal=False).roadmap
    assert everything is not None and public is not None
    assert "secret" in [p.id for p in everything.projects]
    assert "secret" not in [p.id for p in public.projects]


BROKEN_DATE = "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: planned\nstart: 2020-13-01\n"


def test_github_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_roadmap(tmp_path, {"p": BROKEN_DATE})
    assert main(["validate", str(folder), "--format", "github"]) == 1
    [line] = [x for x in capsys.readouterr().out.splitlines() if x.startswith("::error")]
    assert line.startswith("::error file=")
    assert "p.yaml,line=5,col=8,title=R023::" in line


def test_gitlab_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_roadmap(tmp_path, {"p": BROKEN_DATE})
    assert main(["validate", str(folder), "--format", "gitlab"]) == 1
    [issue] = json.loads(capsys.readouterr().out)
    assert issue["check_name"] == "R023"
    assert issue["severity"] == "major"
    assert issue["location"]["lines"]["begin"] == 5
    assert issue["location"]["path"].endswith("projects/p.yaml")
    assert len(issue["fingerprint"]) == 64


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_roadmap(tmp_path, {"p": BROKEN_DATE})
    assert main(["validate", str(folder), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["valid"] is False
    assert payload["errors"] == 1
    assert payload["diagnostics"][0]["code"] == "R023"
    assert payload["diagnostics"][0]["path"] == "start"  # the machine path, apart from the words


def test_text_format_quotes_the_line_with_a_caret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_roadmap(tmp_path, {"p": BROKEN_DATE})
    main(["validate", str(folder)])
    out = capsys.readouterr().out
    assert "    5 | start: 2020-13-01\n" in out
    assert "      |        ^\n" in out
    assert "\x1b[" not in out  # no colour when not on a terminal


def test_text_report_neutralises_terminal_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_roadmap(
        tmp_path, {"p": "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: \"\x1b[2Jx\"\n"}
    )
    assert main(["validate", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert "\ufffd[2Jx" in out


@pytest.mark.parametrize(
    ("name", "fragment", "should_be"),
    [
        ("portail.yml", "« .yaml » (en minuscules)", "projects/portail.yaml"),
        ("PORTAIL.YAML", "« .yaml » (en minuscules)", "projects/PORTAIL.yaml"),
        ("archives/portail.yaml", "sous-dossier", "projects/portail.yaml"),
        (".portail.yaml", "fichier caché", "projects/portail.yaml"),
    ],
)
def test_a_project_file_that_is_not_read_is_reported(
    tmp_path: Path, name: str, fragment: str, should_be: str
) -> None:
    folder = make_roadmap(tmp_path, {})
    target = folder / "projects" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("title: P\n", encoding="utf-8")

    result = validate_roadmap(folder)

    [skipped] = [d for d in result.diagnostics if d.code == "R024"]
    assert skipped.file.endswith(name) and skipped.is_error
    assert fragment in message_text(skipped, "fr")
    assert should_be in hint_text(skipped, "fr")


def test_files_that_are_not_projects_are_left_alone(tmp_path: Path) -> None:
    folder = make_roadmap(tmp_path, {})
    (folder / "projects" / "README.md").write_text("notes\n", encoding="utf-8")
    (folder / "projects" / ".gitkeep").write_text("", encoding="utf-8")
    assert not [d for d in validate_roadmap(folder).diagnostics if d.code == "R024"]


GOOD = "title: Bon\naxis: usagers\nlead: {team: DSI}\nstatus: planned\n"
WARNED = (
    "title: Averti\naxis: usagers\nlead: {team: DSI}\nstatus: in_progress\n"
    "start: 2020-01-01\nend: 2021-01-01\nhealth: {value: good, date: 2019-01-01}\n"
)


def test_validating_one_file_lists_only_its_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_roadmap(tmp_path, {"mine": GOOD, "other": BROKEN_DATE, "warned": WARNED})

    # Checked in the context of its roadmap: no complaint about a missing roadmap.yaml.
    assert main(["validate", str(folder / "projects" / "mine.yaml")]) == 0
    output = capsys.readouterr().out
    assert "other.yaml" not in output and "R009" not in output
    assert "1 erreur(s) et 1 avertissement(s)" in output.splitlines()[0]

    assert main(["validate", str(folder / "projects" / "other.yaml"), "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert {d["file"].rsplit("/", 1)[-1] for d in payload["diagnostics"]} == {"other.yaml"}
    assert payload["other_files"] == {"errors": 0, "warnings": 1}


def test_warnings_of_other_files_are_listed_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = make_roadmap(tmp_path, {"mine": GOOD, "warned": WARNED})
    main(["validate", str(folder / "projects" / "mine.yaml"), "--warnings"])
    assert "warned.yaml" in capsys.readouterr().out


def test_changed_from_lists_the_changed_files_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import subprocess

    folder = make_roadmap(tmp_path, {"old": BROKEN_DATE})
    for command in (
        ["init", "-q"],
        ["add", "-A"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"],
    ):
        subprocess.run(["git", *command], cwd=tmp_path, check=True)
    (folder / "projects" / "new.yaml").write_text(
        GOOD.replace("status: planned", "status: finished"), encoding="utf-8"
    )

    assert main(["validate", str(folder), "--changed-from", "HEAD", "--format", "json"]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert {d["file"].rsplit("/", 1)[-1] for d in payload["diagnostics"]} == {"new.yaml"}
    assert payload["other_files"]["errors"] == 1
    assert main(["validate", str(folder), "--changed-from", "no-such-ref"]) == 2


@pytest.mark.parametrize(
    ("fixture", "usage", "english_left"),
    [("minimal", "utilisation :", "show this help"), ("minimal-en", "usage:", "afficher")],
)
def test_help_speaks_the_roadmaps_language(
    fixture: str, usage: str, english_left: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = FIXTURES / fixture
    with pytest.raises(SystemExit):
        main(["validate", str(folder), "--help"])
    output = capsys.readouterr().out
    assert output.startswith(usage)
    assert english_left not in output
    with pytest.raises(SystemExit):
        main(["validate", str(folder), "--format", "xml"])
    error = capsys.readouterr().err
    assert "invalid choice" not in error and "xml" in error


def test_explain_prints_a_codes_page(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "r023", "--language", "fr"]) == 0
    output = capsys.readouterr().out
    assert output.startswith("R023 — Date qui n'existe pas")
    assert "    end: 2021-06-31" in output and "    end: 2021-06-30" in output
    assert main(["explain", "R999"]) == 2
