"""The catalogue of problems the validator reports: one stable code per rule.

Each rule has a severity and a wrong and a right example (YAML, shown as data by the
documentation page of codes, `roadmap codes`). Its title, message and fix hint are words:
they live in the `diagnostics` catalogue, under `<code>.title`, `<code>.message` and
`<code>.hint`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Literal["error", "warning"]
    wrong: str
    right: str
    # A warning that keeps the public edition from being published: a strict build
    # (`mkdocs build --strict`, `roadmap build --strict`) fails on it, another build warns.
    blocks_publication: bool = False


_ALL = [
    Rule(
        "R001",
        "error",
        "(un fichier enregistré en Latin-1 : « Été » devient un octet invalide)",
        "(le même fichier enregistré en UTF-8)",
    ),
    Rule("R002", "error", "summary: Objectif : 40 démarches", 'summary: "Objectif : 40 démarches"'),
    Rule(
        "R003",
        "error",
        "lead:\n\tteam: Direction du numérique",
        "lead:\n  team: Direction du numérique",
    ),
    Rule(
        "R004",
        "error",
        "# (rien)",
        "title: Plateforme GRC\naxis: usagers\nstatus: planned\nlead: {team: Direction du numérique}",
    ),
    Rule("R005", "error", "title: !!python/object:os.system echo", "title: Plateforme GRC"),
    Rule("R006", "error", "status: in_progress\nstatus: done", "status: done"),
    Rule(
        "R007",
        "error",
        "a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]",
        "tags: [téléservices, relation usager]",
    ),
    Rule(
        "R008", "error", "(un fichier de 50 Mo)", "(un fichier par projet, de quelques kilo-octets)"
    ),
    Rule("R009", "error", "roadmap validate docs/", "roadmap validate roadmap/"),
    Rule(
        "R010",
        "error",
        "milestones:\n  - title: Choix de la solution",
        "milestones:\n  - title: Choix de la solution\n    due: 2020-03-31",
    ),
    Rule(
        "R011",
        "error",
        "milestones:\n  - title: Choix de la solution\n    date: 2020-03-31",
        "milestones:\n  - title: Choix de la solution\n    due: 2020-03-31",
    ),
    Rule("R012", "error", 'planned: "1,2 M€"', "planned: 1200000"),
    Rule("R013", "error", "due: 31/03/2021", "due: 2021-03-31"),
    Rule("R014", "error", "title: 2021", 'title: "2021"'),
    Rule("R015", "error", "lead: Direction du numérique", "lead:\n  team: Direction du numérique"),
    Rule("R016", "error", "status: en cours", "status: in_progress"),
    Rule("R017", "error", "progress: 140", "progress: 40"),
    Rule("R018", "error", "axis: Usagers & Démarches", "axis: usagers"),
    Rule(
        "R019", "error", "url: javascript:alert(1)", "url: https://www.example.org/deliberation.pdf"
    ),
    Rule("R020", "error", 'title: ""', "title: Plateforme GRC"),
    Rule(
        "R021", "error", "axes: []", "axes:\n  - id: usagers\n    title: Simplifier les démarches"
    ),
    Rule("R022", "error", "(20 000 fichiers dans projects/)", "(un fichier par projet réel)"),
    Rule("R023", "error", "end: 2021-06-31", "end: 2021-06-30"),
    Rule("R024", "error", "projects/portail.yml", "projects/portail.yaml"),
    Rule("R025", "error", "lead:\n  team: À compléter", "lead:\n  team: Direction de l'enfance"),
    Rule(
        "R027",
        "error",
        'title: "Portail\\u202e des agents"',
        "title: Portail des agents",
    ),
    Rule(
        "R028",
        "error",
        "url: https://www.departement.fr@exemple.com/deliberation.pdf",
        "url: https://www.departement.fr/deliberation.pdf",
    ),
    Rule(
        "R029",
        "error",
        "title: Plateforme GRC : un guichet unique pour suivre toutes les demandes… (400 caractères)",
        "title: Plateforme GRC\ndescription: Un guichet unique pour suivre toutes les demandes…",
    ),
    Rule("R030", "error", "axis: usager", "axis: usagers"),
    Rule("R031", "error", "funder: etat", "funder: etat-dsil"),
    Rule("R032", "error", "depends_on: [socle-identité]", "depends_on: [socle-identite]"),
    Rule(
        "R033",
        "error",
        "# crm.yaml\ndepends_on: [portail]\n# portail.yaml\ndepends_on: [crm]",
        "# crm.yaml\ndepends_on: [portail]\n# portail.yaml\ndepends_on: []",
    ),
    Rule(
        "R034",
        "error",
        "indicators:\n  - id: demarches\n    ...\n  - id: demarches",
        "indicators:\n  - id: demarches\n    ...\n  - id: demarches-mobile",
    ),
    Rule(
        "R035",
        "error",
        "lines:\n  - year: 2020\n    planned: 400000",
        "lines:\n  - year: 2020\n    funder: departement\n    planned: 400000",
    ),
    Rule("R036", "error", "projects/Portail Agents.yaml", "projects/portail-agents.yaml"),
    Rule("R037", "error", "projects/index.yaml", "projects/portail-agents.yaml"),
    Rule(
        "R040", "error", "start: 2021-01-01\nend: 2020-06-30", "start: 2020-01-01\nend: 2021-06-30"
    ),
    Rule(
        "R041",
        "error",
        "as_of: 2020-06-30\n...\ndone: 2020-09-01",
        "as_of: 2020-06-30\n...\nforecast: 2020-09-01",
    ),
    Rule("R042", "error", "due: 2201-03-31", "due: 2021-03-31"),
    Rule(
        "R043",
        "error",
        "status: in_progress\nstart: 2020-01-15",
        "status: in_progress\nstart: 2020-01-15\nend: 2021-06-30",
    ),
    Rule(
        "R044",
        "error",
        "rebaselines:\n  - date: 2021-03-01\n  - date: 2020-09-15",
        "rebaselines:\n  - date: 2020-09-15\n  - date: 2021-03-01",
    ),
    Rule(
        "R050",
        "error",
        "status: on_hold",
        "status: on_hold\nstatus_reason: En attente du vote du budget supplémentaire.",
    ),
    Rule("R051", "error", "status: done", "status: done\nactual_end: 2020-05-29"),
    Rule(
        "R060",
        "error",
        "budget:\n  baseline: 100000\n  lines:\n    - {year: 2020, planned: 130000}",
        "budget:\n  baseline: 100000\n  lines:\n    - {year: 2020, planned: 130000}\n  explanation: Lot 2 élargi aux collèges (décision du comité du 12 mai).",
    ),
    Rule(
        "R061",
        "error",
        "- title: Mise en service\n  due: 2020-03-31\n  forecast: 2020-06-30",
        "- title: Mise en service\n  due: 2020-03-31\n  forecast: 2020-06-30\n  explanation: Recette reportée par le confinement.",
    ),
    Rule(
        "R062",
        "error",
        "end: 2021-06-30\nforecast_end: 2021-12-31",
        "end: 2021-06-30\nforecast_end: 2021-12-31\nschedule_explanation: Attente de la nouvelle version de l'éditeur.",
    ),
    Rule(
        "R070",
        "warning",
        "- {year: 2020, planned: 100000, committed: 120000}",
        "- {year: 2020, planned: 120000, committed: 120000}",
    ),
    Rule(
        "R071",
        "warning",
        "- {year: 2020, planned: 100000, committed: 50000, spent: 60000}",
        "- {year: 2020, planned: 100000, committed: 60000, spent: 60000}",
    ),
    Rule("R072", "warning", "envelope: 15000000  # projets : 15 400 000", "envelope: 15500000"),
    Rule(
        "R073",
        "warning",
        "health: {value: good, date: 2020-01-10}",
        "health: {value: watch, date: 2020-06-15, comment: Retard du lot 2.}",
    ),
    Rule("R074", "warning", "- {year: 2031, planned: 100000}", "- {year: 2021, planned: 100000}"),
    Rule(
        "R076",
        "warning",
        "url: https://www.dеpartement.fr/  # un « е » cyrillique",
        "url: https://www.departement.fr/",
    ),
    Rule(
        "R080",
        "warning",
        "accessibility:\n  compliance: partial",
        "accessibility:\n  compliance: partial\n  statement_date: 2020-06-30",
        blocks_publication=True,
    ),
    Rule("R081", "warning", "projects/portail.yaml~", "(le fichier supprimé)"),
    Rule("R082", "error", "milestones:\n  (500 jalons)", "milestones:\n  (les jalons principaux)"),
    Rule("R083", "error", "(25 000 valeurs fausses dans un fichier)", "(les valeurs corrigées)"),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}
