"""A diagnostic is a code, a position and parameters; its words are written when shown.

Every rule's words are in the `diagnostics` catalogue in French and English with the same
placeholders, and every diagnostic the validator really gives (the broken-file corpus, the
fixtures) renders in both languages without a missing or unfilled placeholder.
"""

from __future__ import annotations

import ast
import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.diagnostics import Amount, Count, Diagnostic, Percent, diagnostic, term
from generator.i18n import LOCALE_DIR, LOCALES_ENV, MissingParameter, placeholders
from generator.rendering.diagnostics import hint_text, message_text, rule_text
from generator.rendering.report import FORMATS
from generator.validation.codes import RULES
from generator.validation.validate import validate_roadmap

FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
LANGUAGES = ("fr", "en")
_UNFILLED = re.compile(r"\{[a-z_][a-z0-9_]*\}")


def _catalogue(language: str) -> dict[str, str]:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "diagnostics.po").open("rb") as source:
        return {str(m.id): str(m.string) for m in read_po(source) if m.id}


def test_a_diagnostic_holds_no_words() -> None:
    fields = {f.name for f in dataclasses.fields(Diagnostic)}
    # `where` is a catalogue phrase (a Term), not words; `path` is the data's machine path.
    assert fields == {"file", "line", "column", "code", "severity", "params", "path", "where"}
    problem = diagnostic("R016", "p.yaml", 3, 9, field="status", value="fini", allowed="done")
    hash(problem)  # immutable, parameters included
    assert problem.parameters == {"field": "status", "value": "fini", "allowed": "done"}


@pytest.mark.parametrize("code", sorted(RULES))
def test_every_rule_has_its_words_with_the_same_placeholders(code: str) -> None:
    french, english = _catalogue("fr"), _catalogue("en")
    for part in ("title", "message"):
        assert f"{code}.{part}" in french and f"{code}.{part}" in english
    for part in ("title", "message", "hint"):
        key = f"{code}.{part}"
        assert placeholders(french.get(key, "")) == placeholders(english.get(key, "")), key


def test_both_catalogues_have_the_same_keys_and_placeholders() -> None:
    french, english = _catalogue("fr"), _catalogue("en")
    assert french.keys() == english.keys()
    for key, text in french.items():
        assert placeholders(text) == placeholders(english[key]), key


def _corpus_diagnostics(tmp_path: Path) -> list[Diagnostic]:
    """Every diagnostic of the broken files, each as a project file and as roadmap.yaml."""
    found: list[Diagnostic] = []
    for number, broken in enumerate(BROKEN):
        for place in ("projects/broken.yaml", "roadmap.yaml"):
            folder = tmp_path / f"{number}-{place.replace('/', '-')}"
            shutil.copytree(FIXTURES / "minimal", folder)
            shutil.copy(broken, folder / place)
            found.extend(validate_roadmap(folder).diagnostics)
    for fixture in ("minimal", "english"):
        found.extend(validate_roadmap(FIXTURES / fixture).diagnostics)
    return found


def test_every_diagnostic_the_validator_gives_renders_in_both_languages(tmp_path: Path) -> None:
    found = _corpus_diagnostics(tmp_path)
    assert len({d.code for d in found}) >= 30
    for problem in found:
        for language in LANGUAGES:
            message = message_text(problem, language)
            hint = hint_text(problem, language)
            assert message.strip(), problem
            assert not _UNFILLED.search(message), (problem, message)
            assert not _UNFILLED.search(hint), (problem, hint)


@pytest.mark.parametrize("code", sorted(RULES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_code_renders_with_each_kind_of_parameter(code: str, language: str) -> None:
    names = placeholders(_catalogue("en")[f"{code}.message"])
    names |= placeholders(_catalogue("en").get(f"{code}.hint", ""))
    kinds = [
        "texte {brace}",
        Count(12000),
        Amount(1_200_000, "EUR"),
        Percent(12.5),
        term("expected.list"),
        term("bound.greater_than_equal", ge="0"),
    ]
    for kind in kinds:
        problem = diagnostic(code, "p.yaml", 1, 1, **dict.fromkeys(names, kind))
        text = message_text(problem, language) + hint_text(problem, language)
        assert not _UNFILLED.search(text.replace("{brace}", "")), text
        if isinstance(kind, str) and "value" in names:
            assert "texte {brace}" in text  # a brace the user wrote comes out as written


def test_typed_parameters_are_written_in_the_language() -> None:
    problem = diagnostic(
        "R070", "p.yaml", 4, 5, year=2020, committed=Amount(120000, "EUR"),
        planned=Amount(100000, "EUR"),
    )  # fmt: skip
    assert "120\u202f000\u00a0€" in message_text(problem, "fr")
    assert "€120,000" in message_text(problem, "en")
    limit = diagnostic("R007", "p.yaml", 1, 1, limit=Count(10000))
    assert "10 000" in message_text(limit, "fr")
    assert "10,000" in message_text(limit, "en")


def test_a_missing_parameter_raises() -> None:
    with pytest.raises(MissingParameter):
        message_text(Diagnostic("p.yaml", 1, 1, "R016", "error"), "fr")


def test_the_suggestion_closes_the_hint() -> None:
    problem = diagnostic(
        "R016", "p.yaml", 1, 1, field="status", value="fini", allowed="done", suggestion="done"
    )
    assert hint_text(problem, "fr") == "Valeurs possibles : done. Vouliez-vous dire « done » ?"
    assert hint_text(problem, "en") == "Possible values: done. Did you mean « done »?"


def test_the_codes_page_shows_patterns() -> None:
    assert rule_text("R016", "message", "fr") == "« … » n'est pas une valeur possible pour « … »."
    assert rule_text("R016", "title", "en") == "Value not allowed"


@pytest.mark.parametrize("report", sorted(FORMATS))
def test_every_report_speaks_the_language_asked(report: str) -> None:
    problem = diagnostic("R016", "p.yaml", 1, 1, field="status", value="x", allowed="done")
    french = FORMATS[report]([problem], {}, "fr")
    english = FORMATS[report]([problem], {}, "en")
    assert "n'est pas une valeur possible" in french
    assert "is not a possible value" in english


def test_a_third_language_is_a_catalogue_dropped_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogues = tmp_path / "locales" / "de" / "LC_MESSAGES"
    catalogues.mkdir(parents=True)
    (catalogues / "diagnostics.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "R016.message"\nmsgstr "„{value}“ ist kein möglicher Wert für „{field}“."\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(LOCALES_ENV, str(tmp_path / "locales"))
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    with (folder / "roadmap.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write("language: de\n")
    (folder / "projects" / "socle.yaml").write_text(
        (FIXTURES / "minimal" / "projects" / "socle.yaml")
        .read_text(encoding="utf-8")
        .replace("status: in_progress", "status: fini"),
        encoding="utf-8",
    )
    result = validate_roadmap(folder)
    assert result.language == "de"
    [problem] = [d for d in result.diagnostics if d.code == "R016"]
    assert message_text(problem, "de") == "„fini“ ist kein möglicher Wert für „status“."
    assert hint_text(problem, "de").startswith("Possible values:")  # English fills the gaps


def test_an_unknown_language_lists_the_available_ones(tmp_path: Path) -> None:
    folder = tmp_path / "roadmap"
    shutil.copytree(FIXTURES / "minimal", folder)
    with (folder / "roadmap.yaml").open("a", encoding="utf-8") as roadmap:
        roadmap.write("language: english\n")
    result = validate_roadmap(folder)
    [problem] = [d for d in result.diagnostics if d.code == "R016"]
    assert problem.parameters["allowed"] == "fr, en"
    assert problem.parameters["suggestion"] == "en"


def _imported_modules(package: Path) -> set[str]:
    """The modules that the files of `package` import (the package `generator` itself
    imports every stage for its public API, so this reads the files, not sys.modules)."""
    found: set[str] = set()
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                found.add(node.module)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
    return found


def test_validation_never_imports_display_or_figures() -> None:
    generator = Path(__file__).parent.parent / "generator"
    later = ("generator.rendering", "generator.figures", "generator.adapters")
    assert not [m for m in _imported_modules(generator / "validation") if m.startswith(later)]
    reading = _imported_modules(generator / "reading")
    assert not [m for m in reading if m.startswith((*later, "generator.validation"))]


def test_a_field_inside_a_list_item_is_named_as_on_the_site(tmp_path: Path) -> None:
    from generator.rendering.diagnostics import message_text, path_text
    from generator.validation.validate import validate_roadmap

    folder = tmp_path / "roadmap"
    shutil.copytree(Path(__file__).parent / "fixtures" / "minimal", folder)
    (folder / "projects" / "p.yaml").write_text(
        "title: P\naxis: usagers\nlead: {team: DSI}\nstatus: in_progress\n"
        "start: 2020-01-01\nend: 2021-01-01\nmilestones:\n"
        "  - title: Choix\n    due: 2020-03-01\n    done: 2020-03-01\n"
        "  - title: Recette de la V1\n    due: 2020-05-01\n    done: 2020-09-01\n",
        encoding="utf-8",
    )
    [found] = [d for d in validate_roadmap(folder).diagnostics if d.code == "R041"]
    assert message_text(found, "fr").startswith("Jalon n° 2 (« Recette de la V1 ») : « done »")
    assert message_text(found, "en").startswith("Milestone 2 ('Recette de la V1'): 'done'")
    assert path_text(found) == "milestones[1].done"
