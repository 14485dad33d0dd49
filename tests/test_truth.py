"""Figures that never mislead: every count is one defined set, computed by hand here.

tests/fixtures/truth-stopped holds a cancelled and a suspended project with pending
milestones, a late milestone forecast far ahead, milestones due on the reporting date
(2022-06-30) and on the 90th day after it, a finished project that overspent, a rebaseline,
a budget given for one year of three, and amounts never reported. tests/fixtures/truth-empty
has no milestone at all and no committed or spent amount.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.figures.derive import Figures, derive_figures
from generator.pipeline import SiteOptions, generate_site
from generator.validation.validate import validate_roadmap

FIXTURES = Path(__file__).parent / "fixtures"
NBSP, NNBSP = "\u00a0", "\u202f"
D = dt.date


def figures_of(name: str) -> Figures:
    result = validate_roadmap(FIXTURES / name)
    assert result.roadmap is not None and not result.errors
    return derive_figures(result.roadmap)


@pytest.fixture(scope="module")
def stopped() -> Figures:
    return figures_of("truth-stopped")


@pytest.fixture(scope="module")
def stopped_pages() -> dict[str, str]:
    return generate_site(FIXTURES / "truth-stopped", SiteOptions()).pages


@pytest.fixture(scope="module")
def empty_pages() -> dict[str, str]:
    return generate_site(FIXTURES / "truth-empty", SiteOptions()).pages


# --- milestones: one defined set each ----------------------------------------------------------


def test_milestone_groups_are_defined_sets_that_add_up(stopped: Figures) -> None:
    groups = {g.key: [(m.project.id, m.milestone.title) for m in g.milestones]
              for g in stopped.groups.milestones}  # fmt: skip
    # Late: due before 2022-06-30, not reached, project running: "Lot 1" (2022-05-29) and
    # "Formation" (2022-06-20), by the date expected (2022-06-30 for "Formation", which has no
    # forecast; 2022-11-30 for "Lot 1"). The cancelled project's "Maquettes" is not late.
    assert groups["late"] == [("encours", "Formation"), ("encours", "Lot 1 en production")]
    # Coming: due from 2022-06-30 to 2022-09-28 (90 days), not late, project running:
    # "Recette" (due that very day) and "Lot 2" (the 90th day). Neither the late "Lot 1"
    # (forecast 2022-11-30) nor the suspended or cancelled projects' ones.
    assert groups["due_soon"] == [("encours", "Recette"), ("encours", "Lot 2")]
    assert groups["later"] == [("encours", "Lot 3")]  # 2022-09-29: the 91st day
    assert sorted(groups["reached"]) == [
        ("annule", "Étude"), ("encours", "Lancement"), ("suspendu", "Marché notifié"),
        ("termine", "Remise des ordinateurs")]  # fmt: skip
    # Dropped: the pending milestones of the cancelled (2) and suspended (1) projects.
    assert groups["dropped"] == [("annule", "Maquettes"), ("annule", "Publication"),
                                 ("suspendu", "Premier site raccordé")]  # fmt: skip
    # 2 + 2 + 1 + 4 + 3 = the 12 milestones, each in one group.
    counts = stopped.groups.counts
    assert (counts.milestones_late, counts.milestones_due_soon, counts.milestones_later,
            counts.milestones_reached, counts.milestones_dropped, counts.milestones) == (
        2, 2, 1, 4, 3, 12)  # fmt: skip
    assert sum(len(keys) for keys in groups.values()) == counts.milestones
    assert stopped.groups.due_soon_count == len(stopped.due_soon) == 2


def test_a_stopped_project_has_no_on_time_marks(stopped: Figures) -> None:
    for project_id in ("annule", "suspendu"):
        states = {m.state for m in stopped.project(project_id).milestones}
        assert states <= {"reached", "dropped"}
        assert stopped.project(project_id).next_milestone is None
    # A dropped milestone stays at its last announced date (not moved to the reporting date).
    maquettes = next(m for m in stopped.project("annule").milestones
                     if m.milestone.title == "Maquettes")  # fmt: skip
    assert (maquettes.expected, maquettes.slip_days) == (D(2022, 3, 1), 0)
    # The charts count milestones by the same states: no on-time marker for them either.
    annule = stopped.charts.projects["annule"].milestones
    assert (annule.count("on_time"), annule.count("dropped"), annule.count("reached")) == (0, 2, 1)


def test_a_cancelled_project_has_no_progress_figure(stopped: Figures) -> None:
    annule = stopped.project("annule")
    # Its explicit 40 % is not shown, nor counted in the average.
    assert (annule.progress.percent, annule.progress.rule) == (None, "cancelled")
    assert (annule.progress.reached, annule.progress.total) == (1, 3)
    assert annule not in stopped.overall.progress_included


def test_lateness_is_facts_due_forecast_and_days(stopped: Figures) -> None:
    lot1 = next(m for m in stopped.project("encours").milestones
                if m.milestone.title == "Lot 1 en production")  # fmt: skip
    # Due 2022-05-29: 32 days before 2022-06-30; forecast 2022-11-30: 185 days after due.
    assert (lot1.state, lot1.overdue_days, lot1.forecast_slip_days) == ("late", 32, 185)
    item = next(a for a in stopped.attention if a.milestone == lot1.milestone)
    assert item.days == 32  # the days already elapsed, not the forecast's 185


def test_lateness_reads_as_facts_on_the_home_page(stopped_pages: dict[str, str]) -> None:
    home = stopped_pages["index.md"]
    assert ("Jalon « Lot 1 en production » prévu le 29 mai 2022, non atteint au 30 juin 2022, "
            "soit 32 jours après la date prévue. Nouvelle date annoncée : 30 novembre 2022, "
            "soit 185 jours après la date prévue.") in home  # fmt: skip
    assert ("Jalon « Formation » prévu le 20 juin 2022, non atteint au 30 juin 2022, soit 10 "
            "jours après la date prévue. Aucune nouvelle date n&#39;est annoncée.") in home
    assert "en retard de 185 jours" not in home


def test_the_milestones_page_shows_the_dropped_state(stopped_pages: dict[str, str]) -> None:
    page = stopped_pages["jalons.md"]
    headings = [line for line in page.split("\n") if line.startswith("## ")]
    assert headings == ["## En retard (2)", "## Dans les 90 prochains jours (2)",
                        "## Plus tard (1)", "## Atteints (4)",
                        "## Interrompus \\(projet suspendu ou abandonné\\) (3)"]  # fmt: skip
    dropped = page.split("## Interrompus")[1]
    assert "Publication" in dropped and "rm-milestone--on_time" not in dropped
    assert "sans objet" in dropped  # no slip in days for a milestone that will not come
    project = stopped_pages["projets/annule.md"]
    assert "rm-milestone--dropped" in project and "rm-milestone--on_time" not in project
    assert "Projet abandonné : pas d&#39;avancement calculé (1 jalon atteint sur 3)." in project
    assert "rm-progress__value" not in project.split("## Calendrier")[0]
    # No slip for a cancelled project: the rows are left out, not "non renseigné" twice.
    assert "Écart sur" not in project


# --- budgets: absent is not zero, like with like --------------------------------------------------


def test_amounts_never_reported_are_not_zero(stopped: Figures) -> None:
    budget = stopped.overall.budget
    # planned: encours 300,000 + termine 380,000 + rebase 1,230,000 + partiel 200,000.
    assert budget.planned == 2_110_000
    # committed: termine 410,000 + rebase 200,000; spent: 406,000 + 100,000. encours and
    # partiel report neither: 2 projects lack each.
    assert (budget.known_committed, budget.known_spent) == (610_000, 506_000)
    assert (stopped.overall.committed_missing, stopped.overall.spent_missing) == (2, 2)
    encours = stopped.project("encours").budget
    assert (encours.known_committed, encours.known_spent) == (None, None)
    assert (encours.consumption_pct, encours.commitment_pct) == (None, None)


def test_a_one_year_budget_is_not_compared_with_a_whole_life_one(stopped: Figures) -> None:
    partiel = stopped.project("partiel")
    # 2022-2024, lines for 2022 only: 200,000 against 500,000 would read -60 %.
    assert partiel.budget_years_missing == (2023, 2024)
    assert partiel.budget_variance_pct is None
    # encours covers 2022 and 2023, its whole life: 300,000 against 300,000.
    assert stopped.project("encours").budget_variance_pct == 0


def test_a_finished_overspent_project_shows_its_real_variance(
    stopped: Figures, stopped_pages: dict[str, str]
) -> None:
    termine = stopped.project("termine")
    # Spent 406,000 against 380,000 approved: +6.84 %, not the planned credits' +0 %.
    assert termine.budget_variance_pct == pytest.approx(100 * 26_000 / 380_000)
    assert termine.overrun_pct == pytest.approx(100 * 26_000 / 380_000)
    items = [(a.kind, a.project.id) for a in stopped.attention]
    assert ("budget_variance", "termine") in items
    assert f"+6,8{NBSP}%" in stopped_pages["budget.md"].split("termine")[1].split("</tr>")[0]


def test_empty_sections_are_left_out(empty_pages: dict[str, str]) -> None:
    home = empty_pages["index.md"]
    # No milestone at all: no milestone card, no "0 reached" in green nor "0 late" in red.
    assert 'rm-stat__label">Jalons' not in home
    assert "Aucun jalon n&#39;est renseigné." in empty_pages["jalons.md"]
    assert "## En retard" not in empty_pages["jalons.md"]
    # Nothing committed or spent was ever reported: "non renseigné", never "0 €".
    assert f">0{NBSP}€<" not in home
    assert (f"Sur 100{NBSP}k€ de crédits prévus, aucun montant mandaté n&#39;est encore "
            "renseigné.") in home
    committed = home.split("Engagé</a>")[1].split("</li>")[0]
    assert "non renseigné" in committed
    project = empty_pages["projets/seul.md"]
    assert "Élu référent" not in project  # a sponsor never given: the row is left out
    assert "Engagé</a>" in project  # the glossary's link, the page's first "engagé"
    assert "</dt><dd>non renseigné</dd>" in project


# --- the verdict ----------------------------------------------------------------------------------


def test_the_verdict_figures(stopped: Figures) -> None:
    v = stopped.verdict
    # 2022-01-01 -> 2022-06-30: 180 of 729 days.
    assert v.period_elapsed_pct == pytest.approx(100 * 180 / 729)
    assert v.paid_pct == pytest.approx(100 * 506_000 / 2_110_000)
    # Expected by 2022-06-30: reached Étude (on time), Lancement (on time), Remise (on time,
    # the very day), Marché notifié (19 days late); late Lot 1 and Formation. "Recette", due
    # that day and not reached, is not late yet; dropped ones are not expected any more.
    assert v.milestones is not None
    assert (v.milestones.due, v.milestones.reached_on_time, v.milestones.reached_late,
            v.milestones.late) == (6, 3, 1, 2)  # fmt: skip
    assert v.milestones.late == stopped.groups.counts.milestones_late
    # encours is critical; "Formation" is late with no explanation; rebase is stale.
    assert (v.critical, v.unexplained, v.stale) == (1, 1, 1)
    r = v.rebaselines
    assert r is not None
    assert (r.count, r.projects, r.last) == (1, 1, D(2022, 5, 15))
    assert (r.first_budgets, r.approved_budgets, r.longest_delay_days) == (
        1_000_000, 1_230_000, 181)  # fmt: skip
    assert r.budget_change_pct == pytest.approx(23)


def test_the_home_page_opens_with_the_verdict_then_the_context(
    stopped_pages: dict[str, str]
) -> None:
    home = stopped_pages["index.md"]
    verdict = home.split('<section class="rm-verdict"')[1].split("</section>")[0]
    sentences = verdict.count("<li>")
    assert 3 <= sentences <= 5
    assert (f"Au 30 juin 2022, 25{NBSP}% de la période de la feuille de route est écoulée et "
            f"24{NBSP}% des crédits prévus ont été mandatés (payés).") in verdict
    assert ("Sur 6 jalons attendus au 30 juin 2022, atteints à temps : 3 ; atteints avec "
            "retard : 1 ; pas encore atteints : 2.") in verdict
    assert ("Appellent une décision : 1 projet en météo critique, 1 écart sans explication "
            "et 1 météo à mettre à jour.") in verdict
    assert "1 changement de référence approuvé (1 projet), le dernier le 15 mai 2022" in verdict
    assert f"(+23{NBSP}%)" in verdict and "181 jours" in verdict
    # The verdict comes before every detail.
    assert home.index("rm-verdict") < home.index("## Budget") < home.index("## Projets")


def test_every_overrun_and_rebaseline_is_an_attention_item(stopped: Figures) -> None:
    kinds = [(a.kind, a.project.id) for a in stopped.attention]
    assert ("rebaseline", "rebase") in kinds
    assert ("budget_variance", "termine") in kinds  # finished, still listed
    # A stopped project's pending milestones are not late milestones.
    assert not [k for k in kinds if k[0] == "late_milestone" and k[1] in ("annule", "suspendu")]
    rebaseline = next(a for a in stopped.attention if a.kind == "rebaseline")
    assert (rebaseline.pct, rebaseline.days) == (pytest.approx(23), 181)


def test_the_verdict_says_when_nothing_was_paid(empty_pages: dict[str, str]) -> None:
    home = empty_pages["index.md"]
    verdict = home.split('<section class="rm-verdict"')[1].split("</section>")[0]
    assert "aucun paiement n&#39;est encore renseigné" in verdict
    assert "jalons attendus" not in verdict  # no milestone: no milestone sentence
    assert "Aucun changement de référence" in verdict
