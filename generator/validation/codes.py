"""The catalogue of problems the validator reports: one stable code per rule.

Each rule has its message and fix hint in every supported language, and a wrong and a right
example that the documentation page of codes shows (`roadmap codes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Literal["error", "warning"]
    title: dict[str, str]
    message: dict[str, str]
    hint: dict[str, str] | None
    wrong: str
    right: str


def _rule(
    code: str,
    severity: Literal["error", "warning"],
    title: tuple[str, str],
    message: tuple[str, str],
    hint: tuple[str, str] | None,
    wrong: str,
    right: str,
) -> Rule:
    return Rule(
        code=code,
        severity=severity,
        title={"fr": title[0], "en": title[1]},
        message={"fr": message[0], "en": message[1]},
        hint={"fr": hint[0], "en": hint[1]} if hint else None,
        wrong=wrong.strip("\n"),
        right=right.strip("\n"),
    )


_ALL = [
    # --- reading files -------------------------------------------------------------------
    _rule(
        "R001",
        "error",
        ("Fichier illisible", "Unreadable file"),
        ("Le fichier ne peut pas être lu ({reason}).", "The file cannot be read ({reason})."),
        (
            "Enregistrez le fichier en UTF-8 (c'est l'encodage par défaut de la plupart des "
            "éditeurs) et vérifiez qu'il s'agit bien d'un fichier texte (pas d'une image ni d'un "
            "tableur).",
            "Save the file as UTF-8 (most editors' default) and check it is a text file.",
        ),
        "(un fichier enregistré en Latin-1 : « Été » devient un octet invalide)",
        "(le même fichier enregistré en UTF-8)",
    ),
    _rule(
        "R002",
        "error",
        ("Syntaxe YAML invalide", "Invalid YAML syntax"),
        ("La syntaxe YAML est invalide ici : {problem}.", "Invalid YAML syntax here: {problem}."),
        (
            "Vérifiez l'indentation (des espaces, alignés) et mettez entre guillemets un texte qui "
            "contient « : » ou commence par un caractère spécial (« * », « & », « [ », « {{ »).",
            "Check the indentation (spaces, aligned) and quote any text that contains ': ' or "
            "starts with a special character ('*', '&', '[', '{{').",
        ),
        "summary: Objectif : 40 démarches",
        'summary: "Objectif : 40 démarches"',
    ),
    _rule(
        "R003",
        "error",
        ("Tabulation", "Tab character"),
        (
            "Une tabulation est utilisée ici ; YAML n'accepte que des espaces pour indenter.",
            "A tab is used here; YAML only accepts spaces for indentation.",
        ),
        (
            "Remplacez la tabulation par des espaces (deux par niveau).",
            "Replace the tab with spaces (two per level).",
        ),
        "lead:\n\tteam: Direction du numérique",
        "lead:\n  team: Direction du numérique",
    ),
    _rule(
        "R004",
        "error",
        ("Fichier vide", "Empty file"),
        ("Le fichier est vide.", "The file is empty."),
        (
            "Écrivez au moins les champs obligatoires, ou créez le fichier avec "
            "« roadmap new project ».",
            "Write at least the required fields, or create the file with 'roadmap new project'.",
        ),
        "# (rien)",
        "title: Plateforme GRC\naxis: usagers\nstatus: planned\nlead: {team: Direction du numérique}",
    ),
    _rule(
        "R005",
        "error",
        ("Étiquette YAML refusée", "YAML tag refused"),
        (
            "L'étiquette « {tag} » n'est pas acceptée : seules des données simples le sont.",
            "The tag '{tag}' is not accepted: only plain data is.",
        ),
        (
            "Retirez l'étiquette (le mot qui commence par « ! ») et écrivez la valeur telle quelle.",
            "Remove the tag (the word starting with '!') and write the value as is.",
        ),
        "title: !!python/object:os.system echo",
        "title: Plateforme GRC",
    ),
    _rule(
        "R006",
        "error",
        ("Clé en double", "Duplicate key"),
        (
            "La clé « {key} » est déjà écrite plus haut (ligne {first_line}) ; une des deux "
            "valeurs serait perdue.",
            "The key '{key}' is already written above (line {first_line}); one of the two values "
            "would be lost.",
        ),
        (
            "Gardez une seule fois la clé, avec la bonne valeur.",
            "Keep the key once, with the right value.",
        ),
        "status: in_progress\nstatus: done",
        "status: done",
    ),
    _rule(
        "R007",
        "error",
        ("Trop de références YAML", "Too many YAML references"),
        (
            "Les références (« *nom ») de ce fichier développent plus de {limit} valeurs.",
            "The references ('*name') in this file expand to more than {limit} values.",
        ),
        (
            "Écrivez les valeurs directement au lieu d'utiliser des ancres et des références.",
            "Write the values directly instead of using anchors and references.",
        ),
        "a: &a [1, 1, 1]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]",
        "tags: [téléservices, relation usager]",
    ),
    _rule(
        "R008",
        "error",
        ("Fichier trop grand", "File too large"),
        (
            "Le fichier dépasse la limite ({what} : {limit}).",
            "The file exceeds the limit ({what}: {limit}).",
        ),
        (
            "Découpez les données : un fichier par projet, quelques dizaines de jalons au plus.",
            "Split the data: one file per project, a few dozen milestones at most.",
        ),
        "(un fichier de 50 Mo)",
        "(un fichier par projet, de quelques kilo-octets)",
    ),
    _rule(
        "R009",
        "error",
        ("Feuille de route introuvable", "Roadmap not found"),
        (
            "Aucun fichier « {expected} » n'a été trouvé ici.",
            "No '{expected}' file was found here.",
        ),
        (
            "Indiquez le dossier de la feuille de route (celui qui contient roadmap.yaml et "
            "projects/), par exemple « roadmap validate roadmap/ ».",
            "Give the roadmap folder (the one holding roadmap.yaml and projects/), for example "
            "'roadmap validate roadmap/'.",
        ),
        "roadmap validate docs/",
        "roadmap validate roadmap/",
    ),
    # --- structure and types -------------------------------------------------------------
    _rule(
        "R010",
        "error",
        ("Champ obligatoire manquant", "Missing required field"),
        (
            "Le champ obligatoire « {field} » manque{where}.",
            "The required field '{field}' is missing{where}.",
        ),
        ("Ajoutez « {field}: … » à cet endroit.", "Add '{field}: …' here."),
        "milestones:\n  - title: Choix de la solution",
        "milestones:\n  - title: Choix de la solution\n    due: 2020-03-31",
    ),
    _rule(
        "R011",
        "error",
        ("Champ inconnu", "Unknown field"),
        ("Le champ « {field} » n'existe pas ici.", "The field '{field}' does not exist here."),
        (
            "Corrigez son nom ou retirez-le ; les champs possibles sont : {allowed}.",
            "Fix its name or remove it; the possible fields are: {allowed}.",
        ),
        "milestones:\n  - title: Choix de la solution\n    date: 2020-03-31",
        "milestones:\n  - title: Choix de la solution\n    due: 2020-03-31",
    ),
    _rule(
        "R012",
        "error",
        ("Nombre attendu", "Number expected"),
        (
            "« {field} » doit être un nombre, pas « {value} ».",
            "'{field}' must be a number, not '{value}'.",
        ),
        (
            "Écrivez le nombre seul, sans espace, unité ni guillemets, avec un point décimal : "
            "par exemple {example}.",
            "Write the bare number, without spaces, unit or quotes, with a decimal point: for "
            "example {example}.",
        ),
        'planned: "1,2 M€"',
        "planned: 1200000",
    ),
    _rule(
        "R013",
        "error",
        ("Date attendue", "Date expected"),
        (
            "« {field} » doit être une date au format AAAA-MM-JJ, pas « {value} ».",
            "'{field}' must be a date in the form YYYY-MM-DD, not '{value}'.",
        ),
        (
            "Écrivez la date ainsi : 2021-03-31 (année, mois, jour), et vérifiez qu'elle existe.",
            "Write the date like this: 2021-03-31 (year, month, day), and check that it exists.",
        ),
        "due: 31/03/2021",
        "due: 2021-03-31",
    ),
    _rule(
        "R014",
        "error",
        ("Texte attendu", "Text expected"),
        (
            "« {field} » doit être un texte, pas « {value} ».",
            "'{field}' must be text, not '{value}'.",
        ),
        (
            'Mettez la valeur entre guillemets : {field}: "{value}".',
            'Put the value in quotes: {field}: "{value}".',
        ),
        "title: 2021",
        'title: "2021"',
    ),
    _rule(
        "R015",
        "error",
        ("Mauvaise structure", "Wrong structure"),
        ("Ici, il faut {expected}.", "Here, {expected} is expected."),
        (
            "Comparez avec l'exemple de la documentation : une liste s'écrit avec des tirets "
            "« - », un ensemble de champs avec « champ: valeur » indentés.",
            "Compare with the example in the docs: a list is written with dashes '- ', a group "
            "of fields with indented 'field: value' lines.",
        ),
        "lead: Direction du numérique",
        "lead:\n  team: Direction du numérique",
    ),
    _rule(
        "R016",
        "error",
        ("Valeur non prévue", "Value not allowed"),
        (
            "« {value} » n'est pas une valeur possible pour « {field} ».",
            "'{value}' is not a possible value for '{field}'.",
        ),
        ("Valeurs possibles : {allowed}.", "Possible values: {allowed}."),
        "status: en cours",
        "status: in_progress",
    ),
    _rule(
        "R017",
        "error",
        ("Valeur hors limites", "Value out of range"),
        (
            "« {field} » vaut {value}, or il doit être {bound}.",
            "'{field}' is {value}, but it must be {bound}.",
        ),
        ("Corrigez la valeur.", "Fix the value."),
        "progress: 140",
        "progress: 40",
    ),
    _rule(
        "R018",
        "error",
        ("Identifiant invalide", "Invalid id"),
        (
            "« {value} » n'est pas un identifiant valide pour « {field} ».",
            "'{value}' is not a valid id for '{field}'.",
        ),
        (
            "Un identifiant ne contient que des minuscules sans accent, des chiffres et des tirets, "
            "par exemple « {example} ».",
            "An id contains only lower-case letters without accents, digits and dashes, for "
            "example '{example}'.",
        ),
        "axis: Usagers & Démarches",
        "axis: usagers",
    ),
    _rule(
        "R019",
        "error",
        ("Adresse refusée", "Address refused"),
        ("L'adresse « {value} » n'est pas acceptée.", "The address '{value}' is not accepted."),
        (
            "Un lien commence par https://, http:// ou mailto:.",
            "A link starts with https://, http:// or mailto:.",
        ),
        "url: javascript:alert(1)",
        "url: https://www.example.org/deliberation.pdf",
    ),
    _rule(
        "R020",
        "error",
        ("Texte vide", "Empty text"),
        ("« {field} » est vide.", "'{field}' is empty."),
        (
            "Écrivez un texte, ou retirez le champ s'il est facultatif.",
            "Write some text, or remove the field if it is optional.",
        ),
        'title: ""',
        "title: Plateforme GRC",
    ),
    _rule(
        "R021",
        "error",
        ("Liste vide", "Empty list"),
        ("« {field} » doit contenir au moins un élément.", "'{field}' needs at least one item."),
        ("Ajoutez au moins un élément.", "Add at least one item."),
        "axes: []",
        "axes:\n  - id: usagers\n    title: Simplifier les démarches",
    ),
    _rule(
        "R022",
        "error",
        ("Feuille de route trop volumineuse", "Roadmap too large"),
        (
            "La feuille de route dépasse la limite ({what} : {limit}) : ce fichier et les "
            "suivants ne sont pas lus.",
            "The roadmap exceeds the limit ({what}: {limit}): this file and the next ones are "
            "not read.",
        ),
        (
            "Une feuille de route compte au plus quelques milliers de projets de quelques "
            "kilo-octets : vérifiez qu'aucun fichier n'a été ajouté par erreur (export, copie).",
            "A roadmap has at most a few thousand projects of a few kilobytes each: check that "
            "no file was added by mistake (an export, a copy).",
        ),
        "(20 000 fichiers dans projects/)",
        "(un fichier par projet réel)",
    ),
    # --- references ----------------------------------------------------------------------
    _rule(
        "R030",
        "error",
        ("Axe inconnu", "Unknown axis"),
        (
            "L'axe « {value} » n'est pas déclaré dans roadmap.yaml.",
            "The axis '{value}' is not declared in roadmap.yaml.",
        ),
        ("Axes déclarés : {allowed}.", "Declared axes: {allowed}."),
        "axis: usager",
        "axis: usagers",
    ),
    _rule(
        "R031",
        "error",
        ("Financeur inconnu", "Unknown funder"),
        (
            "Le financeur « {value} » n'est pas déclaré dans roadmap.yaml.",
            "The funder '{value}' is not declared in roadmap.yaml.",
        ),
        ("Financeurs déclarés : {allowed}.", "Declared funders: {allowed}."),
        "funder: etat",
        "funder: etat-dsil",
    ),
    _rule(
        "R032",
        "error",
        ("Projet inconnu", "Unknown project"),
        (
            "Le projet « {value} » n'existe pas (aucun fichier projects/{value}.yaml).",
            "The project '{value}' does not exist (no file projects/{value}.yaml).",
        ),
        (
            "Citez un projet par le nom de son fichier, sans « .yaml ».",
            "Name a project by its file name, without '.yaml'.",
        ),
        "depends_on: [socle-identité]",
        "depends_on: [socle-identite]",
    ),
    _rule(
        "R033",
        "error",
        ("Dépendances circulaires", "Circular dependencies"),
        (
            "Ces projets dépendent les uns des autres en boucle : {cycle}.",
            "These projects depend on each other in a loop: {cycle}.",
        ),
        (
            "Retirez une des dépendances de la boucle.",
            "Remove one of the dependencies in the loop.",
        ),
        "# crm.yaml\ndepends_on: [portail]\n# portail.yaml\ndepends_on: [crm]",
        "# crm.yaml\ndepends_on: [portail]\n# portail.yaml\ndepends_on: []",
    ),
    _rule(
        "R034",
        "error",
        ("Identifiant en double", "Duplicate id"),
        (
            "L'identifiant « {value} » est déjà utilisé par un autre élément de « {field} ».",
            "The id '{value}' is already used by another item of '{field}'.",
        ),
        ("Donnez à chaque élément un identifiant différent.", "Give each item a different id."),
        "indicators:\n  - id: demarches\n    ...\n  - id: demarches",
        "indicators:\n  - id: demarches\n    ...\n  - id: demarches-mobile",
    ),
    _rule(
        "R035",
        "error",
        ("Financeur manquant", "Missing funder"),
        (
            "Cette ligne budgétaire n'indique pas son financeur.",
            "This budget line does not say its funder.",
        ),
        (
            "Ajoutez « funder: … » avec l'un des financeurs déclarés : {allowed}.",
            "Add 'funder: …' with one of the declared funders: {allowed}.",
        ),
        "lines:\n  - year: 2020\n    planned: 400000",
        "lines:\n  - year: 2020\n    funder: departement\n    planned: 400000",
    ),
    _rule(
        "R036",
        "error",
        ("Nom de fichier invalide", "Invalid file name"),
        (
            "Le nom du fichier « {value} » ne peut pas servir d'identifiant de projet.",
            "The file name '{value}' cannot serve as a project id.",
        ),
        (
            "Renommez le fichier en minuscules sans accent, chiffres et tirets, par exemple "
            "« {example}.yaml ».",
            "Rename the file with lower-case letters without accents, digits and dashes, for "
            "example '{example}.yaml'.",
        ),
        "projects/Portail Agents.yaml",
        "projects/portail-agents.yaml",
    ),
    # --- dates ---------------------------------------------------------------------------
    _rule(
        "R040",
        "error",
        ("Dates incohérentes", "Inconsistent dates"),
        (
            "« {field} » ({value}) est avant « {other} » ({other_value}).",
            "'{field}' ({value}) is before '{other}' ({other_value}).",
        ),
        ("Corrigez l'une des deux dates.", "Fix one of the two dates."),
        "start: 2021-01-01\nend: 2020-06-30",
        "start: 2020-01-01\nend: 2021-06-30",
    ),
    _rule(
        "R041",
        "error",
        ("Date dans le futur", "Date in the future"),
        (
            "« {field} » ({value}) est après la date de situation ({as_of}) : cela n'a pas "
            "encore pu arriver.",
            "'{field}' ({value}) is after the reporting date ({as_of}): it cannot have happened "
            "yet.",
        ),
        (
            "Corrigez la date, ou avancez « as_of » dans roadmap.yaml si la situation a été "
            "mise à jour.",
            "Fix the date, or move 'as_of' forward in roadmap.yaml if the report was updated.",
        ),
        "as_of: 2020-06-30\n...\ndone: 2020-09-01",
        "as_of: 2020-06-30\n...\nforecast: 2020-09-01",
    ),
    _rule(
        "R042",
        "error",
        ("Date invraisemblable", "Implausible date"),
        (
            "« {field} » ({value}) est loin de la période de la feuille de route ({start} – {end}).",
            "'{field}' ({value}) is far from the roadmap's period ({start} – {end}).",
        ),
        (
            "Vérifiez l'année : les dates doivent tomber entre {low} et {high}.",
            "Check the year: dates must fall between {low} and {high}.",
        ),
        "due: 2201-03-31",
        "due: 2021-03-31",
    ),
    _rule(
        "R043",
        "error",
        ("Date de début ou de fin manquante", "Missing start or end date"),
        (
            "« {field} » est obligatoire quand le statut n'est pas « planned ».",
            "'{field}' is required unless the status is 'planned'.",
        ),
        ("Ajoutez « {field}: AAAA-MM-JJ ».", "Add '{field}: YYYY-MM-DD'."),
        "status: in_progress\nstart: 2020-01-15",
        "status: in_progress\nstart: 2020-01-15\nend: 2021-06-30",
    ),
    _rule(
        "R044",
        "error",
        ("Historique dans le désordre", "History out of order"),
        (
            "Les révisions de la référence doivent être dans l'ordre chronologique : {value} vient "
            "après {other_value}.",
            "Rebaselines must be in chronological order: {value} comes after {other_value}.",
        ),
        (
            "Ajoutez chaque nouvelle révision à la fin de la liste, sans réécrire les précédentes.",
            "Add each new rebaseline at the end of the list, without rewriting earlier ones.",
        ),
        "rebaselines:\n  - date: 2021-03-01\n  - date: 2020-09-15",
        "rebaselines:\n  - date: 2020-09-15\n  - date: 2021-03-01",
    ),
    # --- status --------------------------------------------------------------------------
    _rule(
        "R050",
        "error",
        ("Raison du statut manquante", "Missing status reason"),
        (
            "Un projet « {value} » doit dire pourquoi (« status_reason »).",
            "A project that is '{value}' must say why ('status_reason').",
        ),
        ("Ajoutez « status_reason: … » en une phrase.", "Add 'status_reason: …' in one sentence."),
        "status: on_hold",
        "status: on_hold\nstatus_reason: En attente du vote du budget supplémentaire.",
    ),
    _rule(
        "R051",
        "error",
        ("Date de fin effective manquante", "Missing actual end"),
        (
            "Un projet terminé doit indiquer sa date de fin effective (« actual_end »).",
            "A finished project must give its actual end date ('actual_end').",
        ),
        ("Ajoutez « actual_end: AAAA-MM-JJ ».", "Add 'actual_end: YYYY-MM-DD'."),
        "status: done",
        "status: done\nactual_end: 2020-05-29",
    ),
    # --- explanations --------------------------------------------------------------------
    _rule(
        "R060",
        "error",
        ("Dépassement budgétaire sans explication", "Unexplained budget overrun"),
        (
            "{what} dépasse {reference} de {pct} (seuil : {threshold}) sans explication.",
            "{what} exceeds {reference} by {pct} (threshold: {threshold}) without explanation.",
        ),
        (
            "Ajoutez « explanation: … » sous « budget » : ce qui a changé, qui l'a décidé.",
            "Add 'explanation: …' under 'budget': what changed, who decided it.",
        ),
        "budget:\n  baseline: 100000\n  lines:\n    - {year: 2020, planned: 130000}",
        "budget:\n  baseline: 100000\n  lines:\n    - {year: 2020, planned: 130000}\n"
        "  explanation: Lot 2 élargi aux collèges (décision du comité du 12 mai).",
    ),
    _rule(
        "R061",
        "error",
        ("Glissement de jalon sans explication", "Unexplained milestone slip"),
        (
            "Le jalon « {title} » glisse de {days} jours (seuil : {threshold}) sans explication.",
            "The milestone '{title}' slips by {days} days (threshold: {threshold}) without "
            "explanation.",
        ),
        (
            "Ajoutez « explanation: … » au jalon : pourquoi il glisse, ce qui est fait.",
            "Add 'explanation: …' to the milestone: why it slips, what is being done.",
        ),
        "- title: Mise en service\n  due: 2020-03-31\n  forecast: 2020-06-30",
        "- title: Mise en service\n  due: 2020-03-31\n  forecast: 2020-06-30\n"
        "  explanation: Recette reportée par le confinement.",
    ),
    _rule(
        "R062",
        "error",
        ("Glissement de fin sans explication", "Unexplained end slip"),
        (
            "La fin du projet glisse de {days} jours (seuil : {threshold}) sans explication.",
            "The project's end slips by {days} days (threshold: {threshold}) without explanation.",
        ),
        (
            "Ajoutez « schedule_explanation: … » au projet.",
            "Add 'schedule_explanation: …' to the project.",
        ),
        "end: 2021-06-30\nforecast_end: 2021-12-31",
        "end: 2021-06-30\nforecast_end: 2021-12-31\n"
        "schedule_explanation: Attente de la nouvelle version de l'éditeur.",
    ),
    # --- warnings ------------------------------------------------------------------------
    _rule(
        "R070",
        "warning",
        ("Engagé supérieur au prévu", "Committed above planned"),
        (
            "Le montant engagé ({committed}) dépasse les crédits prévus ({planned}) pour {year}.",
            "The committed amount ({committed}) exceeds the planned credits ({planned}) for {year}.",
        ),
        (
            "Vérifiez les montants, ou augmentez les crédits prévus.",
            "Check the amounts, or raise the planned credits.",
        ),
        "- {year: 2020, planned: 100000, committed: 120000}",
        "- {year: 2020, planned: 120000, committed: 120000}",
    ),
    _rule(
        "R071",
        "warning",
        ("Mandaté supérieur à l'engagé", "Spent above committed"),
        (
            "Le montant mandaté ({spent}) dépasse le montant engagé ({committed}) pour {year}.",
            "The spent amount ({spent}) exceeds the committed amount ({committed}) for {year}.",
        ),
        (
            "Vérifiez les montants : on ne paie normalement que ce qui est engagé.",
            "Check the amounts: normally only what is committed gets paid.",
        ),
        "- {year: 2020, planned: 100000, committed: 50000, spent: 60000}",
        "- {year: 2020, planned: 100000, committed: 60000, spent: 60000}",
    ),
    _rule(
        "R072",
        "warning",
        ("Budgets au-dessus de l'enveloppe", "Budgets above the envelope"),
        (
            "La somme des budgets des projets ({total}) dépasse l'enveloppe votée ({envelope}).",
            "The sum of project budgets ({total}) exceeds the voted envelope ({envelope}).",
        ),
        (
            "Vérifiez les budgets de référence, ou l'enveloppe dans roadmap.yaml.",
            "Check the project baselines, or the envelope in roadmap.yaml.",
        ),
        "envelope: 15000000  # projets : 15 400 000",
        "envelope: 15500000",
    ),
    _rule(
        "R073",
        "warning",
        ("Météo à mettre à jour", "Health rating out of date"),
        (
            "La météo date du {value}, soit {days} jours avant la date de situation (seuil : "
            "{threshold}) : elle sera affichée « à mettre à jour ».",
            "The health rating dates from {value}, {days} days before the reporting date "
            "(threshold: {threshold}): it will be shown as 'to be updated'.",
        ),
        (
            "Mettez à jour « health » (valeur, date et commentaire).",
            "Update 'health' (value, date and comment).",
        ),
        "health: {value: good, date: 2020-01-10}",
        "health: {value: watch, date: 2020-06-15, comment: Retard du lot 2.}",
    ),
    _rule(
        "R074",
        "warning",
        ("Année hors période", "Year outside the period"),
        (
            "L'année {value} est hors de la période de la feuille de route ({start} – {end}).",
            "The year {value} is outside the roadmap's period ({start} – {end}).",
        ),
        ("Vérifiez l'année de la ligne budgétaire.", "Check the budget line's year."),
        "- {year: 2031, planned: 100000}",
        "- {year: 2021, planned: 100000}",
    ),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _ALL}
