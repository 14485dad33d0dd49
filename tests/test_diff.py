"""`roadmap diff` on a real git repository with a scripted history.

The example roadmap is committed, then each commit makes one kind of change a project lead
makes (a status, a milestone reached, a slip, a project added or removed, a budget, a
rebaseline, news); the digest must tell each in the sentence an elected official reads.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.adapters.cli import main
from generator.figures.changes import AmountChange, MeasureChange, Summary, compare
from generator.model import Roadmap
from generator.rendering.digest import plain, render_changes
from generator.validation.validate import validate_roadmap

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "roadmap"
# A small roadmap of five projects, for the tests that need a roadmap but none of its history.
PORTFOLIO = REPO_ROOT / "tests" / "fixtures" / "portfolio"


def copy_portfolio(target: Path) -> None:
    """The portfolio fixture's roadmap (its YAML, not its site) as the folder `target`."""
    shutil.copytree(PORTFOLIO, target, ignore=shutil.ignore_patterns("docs", "mkdocs.yml"))


# Runs `roadmap diff ARGS...` in a repository: (exit code, stdout, stderr).
Diff = Callable[..., tuple[int, str, str]]

GRC = "« Plateforme de gestion de la relation usagers (GRC) »"
WIFI = "« Wi-Fi public dans les bâtiments départementaux »"

NEW_PROJECT = """\
title: Visioconférence des assemblées
axis: agents
summary: Permettre aux élus de siéger à distance lors des séances.
lead: {team: Direction des assemblées}
status: in_progress
start: 2020-05-04
end: 2020-12-18
budget:
  baseline: 90000
  lines:
    - {year: 2020, funder: departement, planned: 90000, committed: 12000}
milestones:
  - {title: Première séance à distance, due: 2020-06-22, done: 2020-06-22}
"""


def isolate_git(monkeypatch: pytest.MonkeyPatch) -> None:
    """Git without the machine's settings (signing, hooks, templates), with a known author."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for variable in ("GIT_AUTHOR", "GIT_COMMITTER"):
        monkeypatch.setenv(f"{variable}_NAME", "Bureau de la transformation")
        monkeypatch.setenv(f"{variable}_EMAIL", "transformation@example.org")
        monkeypatch.setenv(f"{variable}_DATE", "2020-07-01T09:00:00+02:00")


@pytest.fixture(autouse=True)
def _isolated_git(monkeypatch: pytest.MonkeyPatch) -> None:
    isolate_git(monkeypatch)


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                          text=True).stdout.strip()  # fmt: skip


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit(repo: Path, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "--quiet", "-m", message)
    return git(repo, "rev-parse", "HEAD")


# Each step of the scripted history: a commit message and the edit it makes.
def _status(repo: Path) -> None:
    edit(repo / "roadmap/projects/grc.yaml", "status: in_progress\n",
         "status: on_hold\n"
         "status_reason: En attente du vote du budget supplémentaire.\n")  # fmt: skip
    edit(repo / "roadmap/projects/grc.yaml", "  value: watch\n  date: 2020-06-22\n",
         "  value: critical\n  date: 2020-06-29\n")  # fmt: skip


def _reached(repo: Path) -> None:
    edit(repo / "roadmap/projects/grc.yaml", "    due: 2020-06-15\n    forecast: 2020-07-10\n",
         "    due: 2020-06-15\n    done: 2020-06-25\n")  # fmt: skip


def _slipped(repo: Path) -> None:
    edit(repo / "roadmap/projects/grc.yaml", "    forecast: 2021-01-29\n",
         "    forecast: 2021-03-15\n")  # fmt: skip


def _added(repo: Path) -> None:
    (repo / "roadmap/projects/visio-assemblees.yaml").write_text(NEW_PROJECT, encoding="utf-8")


def _removed(repo: Path) -> None:
    (repo / "roadmap/projects/open-data.yaml").unlink()


def _budget(repo: Path) -> None:
    edit(repo / "roadmap/projects/wifi-batiments.yaml",
         "      funder: departement\n      planned: 250000\n\nmilestones:",
         "      funder: departement\n      planned: 280000\n\nmilestones:")  # fmt: skip


def _rebaseline_and_news(repo: Path) -> None:
    edit(repo / "roadmap/projects/wifi-batiments.yaml", "\nmilestones:\n",
         "\nrebaselines:\n  - date: 2020-06-29\n    decision: Délibération CP-2020-06-031\n"
         "    reason: Ajout des sites d'accueil des collèges.\n    budget: 700000\n"
         "    end: 2022-09-30\n\nmilestones:\n")  # fmt: skip
    edit(repo / "roadmap/projects/grc.yaml", "updates:\n",
         "updates:\n  - date: 2020-06-29\n"
         "    text: Le comité de pilotage valide la suspension.\n")  # fmt: skip


STEPS: list[tuple[str, Callable[[Path], None]]] = [
    ("GRC suspendu, météo critique", _status),
    ("GRC : lot 1 atteint", _reached),
    ("GRC : lot 2 reporté", _slipped),
    ("Nouveau projet : visioconférence des assemblées", _added),
    ("Retrait du portail open data", _removed),
    ("Wi-Fi : crédits 2022", _budget),
    ("Wi-Fi : nouvelle référence ; GRC : actualité", _rebaseline_and_news),
]


@dataclass(frozen=True)
class History:
    repo: Path
    commits: dict[str, str]  # commit message -> commit id; "initial" for the example roadmap


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    repo = tmp_path_factory.mktemp("history") / "feuille-de-route"
    with pytest.MonkeyPatch.context() as patch:
        isolate_git(patch)
        repo.mkdir()
        git(repo, "init", "--quiet", "--initial-branch=main")
        shutil.copytree(EXAMPLE, repo / "roadmap")
        commits = {"initial": commit(repo, "Feuille de route d'exemple")}
        for message, change in STEPS:
            change(repo)
            commits[message] = commit(repo, message)
    yield History(repo, commits)


def run_diff(repo: Path, *args: str, capsys: pytest.CaptureFixture[str],
             monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.chdir(repo)
    code = main(["diff", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def diff(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Diff:
    def run(repo: Path, *args: str) -> tuple[int, str, str]:
        return run_diff(repo, *args, capsys=capsys, monkeypatch=monkeypatch)

    return run


def lines(digest: str) -> list[str]:
    """The digest's lines without list dashes, with plain spaces for the non-breaking ones
    that French typography puts inside « » and numbers."""
    return [normalise(line).removeprefix("- ") for line in digest.splitlines()]


def normalise(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# --- one kind of change per commit -------------------------------------------------------------


@pytest.mark.parametrize(("step", "expected"), [
    ("GRC suspendu, météo critique", [
        f"Le projet {GRC} passe de « En cours » à « Suspendu » : En attente du vote du budget "
        "supplémentaire.",
        f"La météo du projet {GRC} passe de « Sous surveillance » à « Critique » au 29 juin "
        "2020 : Équipe fortement mobilisée par le plan de soutien : la reprise des demandes "
        "existantes glisse à juillet et les connecteurs métiers (lot 2) à janvier 2021.",
        "**En bref :** 1 changement de statut, 1 changement de météo.",
    ]),
    ("GRC : lot 1 atteint", [
        f"Le jalon « Reprise des demandes en cours dans l'ancien outil (lot 1) » du projet {GRC} "
        "est atteint le 25 juin 2020, avec 10 jours de retard sur la date prévue (15 juin 2020).",
    ]),
    ("GRC : lot 2 reporté", [
        f"Le jalon « Connecteurs avec les logiciels métiers (lot 2) » du projet {GRC} glisse de "
        "45 jours (prévu le 29 janvier 2021, désormais attendu le 15 mars 2021). Explication : "
        "Les développements du lot 2 ont été suspendus d'avril à juin pour mettre en service la "
        "téléprocédure du plan de soutien ; nouvelle date arrêtée avec le titulaire le 18 juin "
        "2020.",
        "**En bref :** 1 jalon qui glisse.",
    ]),
    ("Nouveau projet : visioconférence des assemblées", [
        "Nouveau projet « Visioconférence des assemblées » (porteur : Direction des assemblées ; "
        "statut : « En cours ») : Permettre aux élus de siéger à distance lors des séances. "
        "Budget approuvé : 90 000 €. Fin prévue le 18 décembre 2020.",
        # The totals are the public site's: the internal projects are left out.
        "**Ensemble des projets publiés** (sans les projets internes, comme le site public) : "
        "crédits prévus portés de 13 468 000 € à 13 558 000 € (+90 000 €, soit +0,7 %) ; "
        "montant engagé porté de 3 756 600 € à 3 768 600 € (+12 000 €, soit +0,3 %).",
    ]),
    ("Retrait du portail open data", [
        "Le projet « Portail des données ouvertes » est retiré de la feuille de route : sa page "
        "disparaîtra du site.",
        "Le projet « Portail des données ouvertes » est supprimé : pour garder la trace d'un "
        "projet arrêté, préférez le statut « cancelled » avec sa raison (status_reason).",
    ]),
    ("Wi-Fi : crédits 2022", [
        f"Projet {WIFI} : crédits prévus portés de 650 000 € à 680 000 € (+30 000 €, soit "
        "+4,6 %).",
        "**En bref :** crédits prévus : +30 000 € (+0,2 %).",
    ]),
    ("Wi-Fi : nouvelle référence ; GRC : actualité", [
        f"Projet {WIFI}, le 29 juin 2020 — Délibération CP-2020-06-031 : Ajout des sites "
        "d'accueil des collèges. Nouveau budget approuvé : 700 000 € (auparavant 650 000 €, "
        "+50 000 €, soit +7,7 %). Nouvelle fin prévue : 30 septembre 2022 (auparavant le "
        "30 juin 2022).",
        f"La fin du projet {WIFI} glisse de 92 jours (prévue le 30 juin 2022, désormais attendue "
        "le 30 septembre 2022).",
        f"Projet {GRC}, 29 juin 2020 : Le comité de pilotage valide la suspension.",
    ]),
])  # fmt: skip
def test_each_change_is_told_in_plain_french(history: History, diff: Diff,
                                             step: str, expected: list[str]) -> None:  # fmt: skip
    code, out, err = diff(history.repo, f"{history.commits[step]}~1", history.commits[step])
    assert (code, err) == (0, "")
    for sentence in expected:
        assert sentence in lines(out)


def test_the_whole_history_in_one_digest(history: History,
                                         diff: Diff) -> None:  # fmt: skip
    code, out, _ = diff(history.repo, history.commits["initial"], "main")
    assert code == 0
    assert lines(out)[:5] == [
        "## Évolution de la feuille de route",
        "",
        f"Version de base : **{history.commits['initial'][:7]}** ; version proposée : "
        f"**main ({history.commits[STEPS[-1][0]][:7]})**, données au 30 juin 2020.",
        "",
        "**En bref :** 1 projet ajouté, 1 projet retiré, 1 changement de statut, 1 changement de "
        "météo, 1 jalon atteint, 1 jalon qui glisse, 1 révision de la référence, 1 actualité, "
        "crédits prévus : −140 000 € (−1 %), 1 point d'attention.",
    ]
    headings = [line for line in lines(out) if line.startswith("### ")]
    assert headings == ["### Points d'attention pour la relecture",
                        "### Projets ajoutés ou retirés", "### Statut et météo",
                        "### Jalons et calendrier", "### Budget", "### Révisions de la référence",
                        "### Actualités"]  # fmt: skip


def test_nothing_changed(history: History, diff: Diff) -> None:
    code, out, _ = diff(history.repo, "main", "main")
    assert code == 0
    assert lines(out)[-1] == "Aucune donnée de la feuille de route ne change."


def test_git_is_only_read(history: History, diff: Diff) -> None:
    """Old versions are read from git's objects: no checkout, no stash, the tree is untouched."""
    before = (git(history.repo, "rev-parse", "HEAD"), git(history.repo, "status", "--porcelain"),
              git(history.repo, "stash", "list"))  # fmt: skip
    diff(history.repo, history.commits["initial"], "HEAD~3")
    after = (git(history.repo, "rev-parse", "HEAD"), git(history.repo, "status", "--porcelain"),
             git(history.repo, "stash", "list"))  # fmt: skip
    assert before == after


# --- defaults: the merge-base with the default branch, against the working tree ---------------


@pytest.fixture
def clone(history: History, tmp_path: Path) -> Path:
    """A contributor's clone (origin/HEAD names main), on a branch of their own."""
    target = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", str(history.repo), str(target))
    git(target, "switch", "--quiet", "-c", "grc-juillet")
    return target


def test_default_base_and_working_tree(clone: Path, history: History,
                                       diff: Diff) -> None:  # fmt: skip
    edit(clone / "roadmap/projects/grc.yaml", "status: on_hold\n", "status: in_progress\n")
    commit(clone, "GRC : reprise")
    # main moves on meanwhile: its own changes must not appear in this branch's digest
    git(history.repo, "tag", "unrelated", "main")
    edit(clone / "roadmap/projects/wifi-batiments.yaml", "status: planned\n", "status: on_hold\n"
         "status_reason: Report décidé en attendant la réponse du FEDER.\n")  # fmt: skip

    code, out, _ = diff(clone)
    assert code == 0
    merge_base = history.commits[STEPS[-1][0]][:7]
    assert f"Version de base : **origin/main ({merge_base})** ; version proposée : **copie de " \
        "travail**, données au 30 juin 2020." in lines(out)  # fmt: skip
    assert f"Le projet {GRC} passe de « Suspendu » à « En cours »." in lines(out)
    assert f"Le projet {WIFI} passe de « Prévu » à « Suspendu » : Report décidé en attendant la " \
        "réponse du FEDER." in lines(out)  # fmt: skip


def test_default_base_without_remote_uses_main(history: History, tmp_path: Path,
                                               diff: Diff) -> None:  # fmt: skip
    repo = tmp_path / "local"
    shutil.copytree(history.repo, repo)
    git(repo, "switch", "--quiet", "-c", "travail")
    (repo / "roadmap/projects/visio-assemblees.yaml").unlink()
    code, out, _ = diff(repo)
    assert code == 0
    assert "Le projet « Visioconférence des assemblées » est retiré de la feuille de route : sa " \
        "page disparaîtra du site." in lines(out)  # fmt: skip
    assert f"**main ({history.commits[STEPS[-1][0]][:7]})**" in out


# --- versions that do not validate, revisions that do not exist -------------------------------


def test_invalid_proposal_is_reported_with_its_errors(clone: Path, diff: Diff) -> None:
    edit(clone / "roadmap/projects/grc.yaml", "status: on_hold\n", "status: en cours\n")
    code, out, err = diff(clone, "main")
    assert (code, err) == (1, "")
    assert "⚠️ **La version proposée (copie de travail) ne passe pas la validation** " \
        "(1 erreur) : elle ne peut pas être publiée en l'état. Le détail des changements " \
        "s'affichera une fois ces erreurs corrigées." in lines(out)  # fmt: skip
    line = next(i for i, text in enumerate((clone / "roadmap/projects/grc.yaml").read_text(
        encoding="utf-8").splitlines(), 1) if text.startswith("status:"))  # fmt: skip
    assert f"roadmap/projects/grc.yaml:{line}:9 R016 : « en cours » n'est pas une valeur " \
        "possible pour « status ». Valeurs possibles : planned, in_progress, done, on_hold, " \
        "cancelled. Vouliez-vous dire « in_progress » ?" in lines(out)  # fmt: skip
    assert "### " not in out


def test_invalid_base_is_reported(clone: Path, diff: Diff) -> None:
    edit(clone / "roadmap/projects/grc.yaml", "status: on_hold\n", "status: en cours\n")
    broken = commit(clone, "Erreur de saisie")
    edit(clone / "roadmap/projects/grc.yaml", "status: en cours\n", "status: on_hold\n")
    fixed = commit(clone, "Correction")
    code, out, _ = diff(clone, broken, fixed)
    assert code == 1
    assert f"⚠️ **La version de base ({broken[:7]}) ne passe pas la validation** (1 erreur)." \
        in lines(out)  # fmt: skip
    assert "La version proposée est valide ; le détail des changements ne peut pas être établi " \
        "tant que la version de base ne l'est pas." in lines(out)  # fmt: skip


@pytest.mark.parametrize(("revision", "message"), [
    ("v9.9", "La révision « v9.9 » est introuvable dans ce dépôt."),
    ("-x", "« -x » n'est pas une révision git valide."),
])  # fmt: skip
def test_unknown_revision_is_a_usage_error(history: History, revision: str, message: str,
                                           diff: Diff) -> None:  # fmt: skip
    code, out, err = diff(history.repo, "--", revision)
    assert (code, out) == (2, "")
    assert err.startswith(f"roadmap diff : {message}")
    assert "Traceback" not in err


def test_outside_a_repository_is_a_usage_error(tmp_path: Path,
                                               diff: Diff) -> None:  # fmt: skip
    copy_portfolio(tmp_path / "roadmap")
    code, out, err = diff(tmp_path)
    assert (code, out) == (2, "")
    assert err == (f"roadmap diff : « {tmp_path} » n'est pas dans un dépôt git : « roadmap diff » "
                   "compare des versions enregistrées dans git.\n")  # fmt: skip


def test_no_roadmap_at_the_base(tmp_path: Path, diff: Diff) -> None:
    repo = tmp_path / "nouveau"
    repo.mkdir()
    git(repo, "init", "--quiet", "--initial-branch=main")
    (repo / "README.md").write_text("# Feuille de route\n", encoding="utf-8")
    first = commit(repo, "Dépôt vide")
    copy_portfolio(repo / "roadmap")
    code, out, _ = diff(repo, first)
    assert code == 0
    assert "La version de base ne contenait pas encore de feuille de route : tout est nouveau." \
        in lines(out)  # fmt: skip
    # The fixture's five project files, its internal project (audit) included, axis by axis
    # (services, then outils); each told by its lead's team, its approved budget (the latest
    # rebaseline's, else the baseline: portail 550 000) and the end it announces (its
    # forecast, else its current planned end: portail 29 April 2022; socle 31 May 2021, its
    # planned end, not its actual end).
    new = [line for line in lines(out) if line.startswith("Nouveau projet ")]
    assert new == [
        "Nouveau projet « Bornes d'accueil » (porteur : Accueil ; statut : « Abandonné ») : Des "
        "bornes dans les mairies. Budget approuvé : 50 000 €. Fin prévue le 30 septembre 2021.",
        "Nouveau projet « Portail des démarches » (porteur : Direction du numérique ; statut : "
        "« En cours ») : Toutes les démarches de l'agglomération en ligne. Budget approuvé : "
        "550 000 €. Fin prévue le 29 avril 2022.",
        "Nouveau projet « Archivage électronique » (porteur : Archives ; statut : « Suspendu ») : "
        "Conserver les documents numériques. Budget approuvé : 200 000 €. Fin prévue le "
        "30 juin 2022.",
        "Nouveau projet « Audit de sécurité confidentiel » (porteur : Sécurité ; statut : « En "
        "cours ») : Ne pas publier. Budget approuvé : 90 000 €. Fin prévue le 31 octobre 2021.",
        "Nouveau projet « Socle d'identité » (porteur : Direction du numérique ; statut : "
        "« Terminé ») : Un compte unique pour les agents. Budget approuvé : 300 000 €. Fin "
        "prévue le 31 mai 2021.",
    ]


def test_roadmap_in_another_folder(tmp_path: Path,
                                   diff: Diff) -> None:  # fmt: skip
    repo = tmp_path / "depot"
    (repo / "donnees").mkdir(parents=True)
    git(repo, "init", "--quiet", "--initial-branch=main")
    copy_portfolio(repo / "donnees" / "feuille")
    first = commit(repo, "Feuille de route")
    (repo / "donnees/feuille/projects/archives.yaml").unlink()
    code, out, _ = diff(repo / "donnees", first, "--roadmap", "feuille")
    assert code == 0
    assert "Le projet « Archivage électronique » est retiré de la feuille de route : sa page " \
        "disparaîtra du site." in lines(out)  # fmt: skip


# --- the roadmap's language, and what reviewers must look at twice -----------------------------


def test_english_roadmap(clone: Path, diff: Diff) -> None:
    edit(clone / "roadmap/roadmap.yaml", "language: fr\n", "language: en\n")
    commit(clone, "English")
    edit(clone / "roadmap/projects/grc.yaml", "    forecast: 2021-03-15\n",
         "    forecast: 2021-04-30\n")  # fmt: skip
    code, out, _ = diff(clone, "HEAD")
    assert code == 0
    assert lines(out)[0] == "## How the roadmap changes"
    assert "The milestone “Connecteurs avec les logiciels métiers (lot 2)” of the project " \
        "“Plateforme de gestion de la relation usagers (GRC)” slips by 46 days (planned for " \
        "15 March 2021, now expected on 30 April 2021). Explanation: Les développements du lot 2 " \
        "ont été suspendus d'avril à juin pour mettre en service la téléprocédure du plan de " \
        "soutien ; nouvelle date arrêtée avec le titulaire le 18 juin 2020." \
        in lines(out)  # fmt: skip


def test_rewritten_history_is_pointed_out() -> None:
    """Editing the first baseline, a rebaseline or a milestone's planned date hides drift."""
    roadmap = validate_roadmap(EXAMPLE).roadmap
    assert roadmap is not None
    grc = next(p for p in roadmap.projects if p.id == "grc")
    assert grc.budget is not None
    first, *others = grc.milestones
    edited = grc.model_copy(update={
        "budget": grc.budget.model_copy(update={"baseline": 1350000.0}),
        "rebaselines": (),
        "milestones": (first.model_copy(update={"due": first.due.replace(day=31)}), *others),
    })  # fmt: skip
    new = roadmap.model_copy(update={
        "projects": tuple(edited if p.id == "grc" else p for p in roadmap.projects),
        "thresholds": roadmap.thresholds.model_copy(update={"schedule_slip_days": 60}),
    })  # fmt: skip
    text = lines(render_changes(compare(roadmap, new)))
    assert f"Le budget initial du projet {GRC} est réécrit (de 1 100 000 € à 1 350 000 €) : " \
        "il ne doit jamais changer ; un nouveau budget approuvé s'inscrit dans « rebaselines », " \
        "avec la décision qui l'autorise." in text  # fmt: skip
    assert f"L'historique des révisions de la référence du projet {GRC} est modifié : les " \
        "révisions passées ne doivent être ni corrigées ni supprimées, seulement complétées." \
        in text  # fmt: skip
    assert "La date prévue du jalon « Attribution du marché et lancement du paramétrage » du " \
        f"projet {GRC} est réécrite (du 15 mars 2020 au 31 mars 2020) : pour annoncer un retard, " \
        "renseignez « forecast » et gardez « due »." in text  # fmt: skip
    assert "Seuil : le glissement toléré sans explication passe de 30 jours à 60 jours." in text
    assert "Des seuils d'alerte sont relevés : moins d'écarts devront être expliqués." in text
    assert text[0] == "**En bref :** 4 points d'attention."


def test_user_text_cannot_inject_markdown() -> None:
    assert plain("Lot *2* <b>livré</b>\n[lien](x) | #3, in_progress") == \
        r"Lot \*2\* \<b\>livré\</b\> \[lien\](x) \| \#" + "\u2060" + "3, in_progress"  # fmt: skip


# --- each language speaks only its own words ---------------------------------------------------

# Keys whose words are distinctive enough that they must never show in the other language.
# ("Budget" is the same word in both, so its heading is not among them.) The example roadmap's
# own text is French, so these must not be phrases a project lead would write.
DISTINCTIVE_KEYS = ["in_short", "section.status", "section.milestones", "section.notes",
                    "project.removed", "project.status", "milestone.slipped",
                    "budget.planned.raised", "budget.committed.lowered", "note.project_removed",
                    "count.slipped", "count.days"]  # fmt: skip


def catalogue_fragments(language: str, key: str) -> list[str]:
    """The fixed words of `key` in the `digest` catalogue of `language`: its text (every plural
    form) cut at the placeholders, with the pieces too short to tell a language apart left out."""
    path = REPO_ROOT / "generator" / "locale" / language / "LC_MESSAGES" / "digest.po"
    with path.open("rb") as source:
        catalogue = read_po(source, locale=language, domain="digest")
    message = catalogue.get(key)
    assert message is not None, f"{key} missing from the {language} catalogue"
    strings = message.string
    if isinstance(strings, (tuple, list)):
        forms = [str(form) for form in strings]
    else:
        forms = [str(strings or "")]
    return [piece for form in forms for piece in re.split(r"\{[a-z_]+\}", form)
            if len(piece.strip()) >= 3]  # fmt: skip


def edited_example(language: str) -> tuple[Roadmap, Roadmap]:
    """The example roadmap in `language`, and a version of it where a project is removed and
    the GRC is suspended, slips by two days and moves its 2020 credits."""
    roadmap = validate_roadmap(EXAMPLE).roadmap
    assert roadmap is not None
    old = roadmap.model_copy(update={"language": language})
    grc = next(p for p in old.projects if p.id == "grc")
    first, second, third, fourth, *others = grc.milestones
    assert grc.budget is not None and fourth.forecast is not None
    line, *lines = grc.budget.lines
    edited = grc.model_copy(update={
        "status": "on_hold",
        "milestones": (first, second, third,
                       fourth.model_copy(update={"forecast": fourth.forecast.replace(day=31)}),
                       *others),
        "budget": grc.budget.model_copy(update={"lines": (
            line.model_copy(update={"planned": 450000.0, "committed": 300000.0}), *lines)}),
    })  # fmt: skip
    new = old.model_copy(update={"projects": tuple(
        edited if p.id == "grc" else p for p in old.projects if p.id != "open-data")})  # fmt: skip
    return old, new


def digest_in(language: str) -> str:
    return render_changes(compare(*edited_example(language)))


def test_the_figures_of_a_change() -> None:
    """Counts, budget changes and slips are figures, computed before any word is written."""
    changes = compare(*edited_example("fr"))
    # open-data planned 260 000 €; the GRC's 2020 line goes from 420 000 € to 450 000 €.
    assert changes.summary == Summary(
        counts=(("removed", 1), ("status", 1), ("slipped", 1)),
        # The published projects' credits, as the public site totals them (13,468,000 €).
        planned_total=AmountChange(13_468_000, 13_238_000),
        notes=1,
    )
    grc = next(p for p in changes.projects if p.id == "grc")
    assert grc.budget == (MeasureChange("planned", AmountChange(1_350_000, 1_380_000)),
                          MeasureChange("committed", AmountChange(570_000, 490_000)))  # fmt: skip
    assert [(m.kind, m.days) for m in grc.milestones] == [("slipped", 2)]
    assert grc.budget[0].amount.percent == pytest.approx(100 * 30_000 / 1_350_000)
    assert grc.budget[1].amount.raised is False
    assert AmountChange(0, 5_000).percent is None


@pytest.mark.parametrize(("language", "other"), [("en", "fr"), ("fr", "en")])
def test_a_digest_speaks_only_its_roadmaps_language(language: str, other: str) -> None:
    digest = digest_in(language)
    for key in DISTINCTIVE_KEYS:
        if key.startswith("count."):
            continue  # which plural form shows depends on the count
        assert all(piece in digest for piece in catalogue_fragments(language, key)), key
    for key in DISTINCTIVE_KEYS:
        for piece in catalogue_fragments(other, key):
            assert piece not in digest, f"{other} words of {key} in a {language} digest: {piece!r}"
