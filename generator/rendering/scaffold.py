"""Starter files: `roadmap new project` writes a valid, commented project file."""

from __future__ import annotations

import json
from pathlib import Path

_TEMPLATES = {
    "fr": """\
# yaml-language-server: $schema=../../schemas/project.schema.json
# Fiche du projet « {title} ». Le nom du fichier ({id}.yaml) est son identifiant.
# Format complet : docs/guide/champs.md — vérifiez avec « roadmap validate ».

title: {title_yaml}
axis: {axis}                 # identifiant d'un axe de roadmap.yaml
summary: {title_yaml}        # le projet en une phrase, pour les élus et le public
lead:
  team: À compléter          # direction ou service porteur (obligatoire)
  # name: Prénom Nom
status: planned              # planned | in_progress | done | on_hold | cancelled

# Dès que le projet démarre : status: in_progress, et les dates (AAAA-MM-JJ).
# start: 2021-01-15
# end: 2021-12-31            # fin prévue initialement : ne se modifie plus ensuite

# health:                    # la météo du projet, datée
#   value: good              # good | watch | critical
#   date: 2021-01-15
#   comment: Démarrage conforme au calendrier.

# budget:
#   baseline: 100000         # budget total approuvé au lancement
#   lines:                   # une ligne par année et par financeur
#     - year: 2021
#       funder: departement  # identifiant d'un financeur de roadmap.yaml
#       planned: 100000      # crédits prévus
#       committed: 0         # engagé
#       spent: 0             # mandaté

# milestones:
#   - title: Choix de la solution
#     due: 2021-03-31        # date prévue

# updates:                   # actualités, la plus récente en premier
#   - date: 2021-01-15
#     text: Lancement du projet.
""",
    "en": """\
# yaml-language-server: $schema=../../schemas/project.schema.json
# Project "{title}". The file name ({id}.yaml) is its id.
# Full format: docs/guide/champs.md — check with "roadmap validate".

title: {title_yaml}
axis: {axis}                 # id of an axis in roadmap.yaml
summary: {title_yaml}        # the project in one sentence
lead:
  team: To be completed      # leading department (required)
  # name: First Last
status: planned              # planned | in_progress | done | on_hold | cancelled

# Once the project starts: status: in_progress, and the dates (YYYY-MM-DD).
# start: 2021-01-15
# end: 2021-12-31            # planned end: never edited afterwards

# health:
#   value: good              # good | watch | critical
#   date: 2021-01-15
#   comment: On schedule.

# budget:
#   baseline: 100000
#   lines:
#     - year: 2021
#       funder: own-funds
#       planned: 100000

# milestones:
#   - title: Choice of the solution
#     due: 2021-03-31
""",
}


def starter_project(project_id: str, axis: str, title: str, language: str = "fr") -> str:
    """The text of a new, valid project file."""
    template = _TEMPLATES["en" if language == "en" else "fr"]
    return template.format(
        id=project_id, axis=axis, title=title, title_yaml=json.dumps(title, ensure_ascii=False)
    )


def create_project_file(
    folder: Path, project_id: str, axis: str, title: str, language: str = "fr"
) -> Path:
    """Write projects/<id>.yaml; refuses to replace an existing file (FileExistsError)."""
    path = folder / "projects" / f"{project_id}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
        handle.write(starter_project(project_id, axis, title, language))
    return path
