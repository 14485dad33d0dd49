"""Every word a reader sees is in a catalogue: French and English are complete and agree on
their placeholders, a missing word or parameter fails loudly, and a third language is added
by dropping in its catalogues (a partial one falls back to English, never to a key)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.i18n import (
    LOCALE_DIR,
    LOCALES_ENV,
    MissingParameter,
    MissingWord,
    fill,
    placeholders,
    words,
)
from generator.rendering.site import urls

SHIPPED = ("fr", "en")
THIRD_LANGUAGE = Path(__file__).parent / "fixtures" / "third-language"


def _catalogue(language: str, domain: str) -> dict[str, tuple[str, ...]]:
    """msgid -> its translations (one, or one per plural form)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{domain}.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=domain)
    entries: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
        entries[key] = tuple(forms)
    return entries


def _domains(language: str) -> set[str]:
    return {path.stem for path in (LOCALE_DIR / language / "LC_MESSAGES").glob("*.po")}


def test_every_shipped_language_has_the_same_domains() -> None:
    assert _domains("fr") == _domains("en")
    assert {"labels", "site", "charts", "digest", "diagnostics", "cli"} <= _domains("fr")


@pytest.mark.parametrize("domain", sorted(_domains("fr")))
def test_french_and_english_catalogues_are_complete_and_agree(domain: str) -> None:
    french, english = _catalogue("fr", domain), _catalogue("en", domain)
    assert sorted(set(french) ^ set(english)) == [], "a key exists in one language only"
    for key in french:
        for language, forms in (("fr", french[key]), ("en", english[key])):
            # (a separator may be a lone space: empty is what is refused)
            assert all(forms), f"{language} {domain}:{key} is empty"
        # Each form of a word names the same placeholders in both languages (a plural's
        # singular may leave out {count}, as in "un jalon").
        names_fr = set().union(*(placeholders(form) for form in french[key]))
        names_en = set().union(*(placeholders(form) for form in english[key]))
        assert names_fr == names_en, f"{domain}:{key}: {names_fr} in French, {names_en} in English"


def test_a_missing_word_or_parameter_fails_instead_of_showing_a_blank() -> None:
    with pytest.raises(MissingWord):
        words("fr", "labels")("no.such.key")
    with pytest.raises(MissingParameter):
        fill("Situation au {date}", {}, "as_of")
    assert fill("{{ brace }} {n}", {"n": 3}) == "{ brace } 3"
    # A value is never read as catalogue text: a user's braces stay as written.
    assert fill("« {title} »", {"title": "Lot {{2}} {date}"}) == "« Lot {{2}} {date} »"


def test_plural_forms_follow_each_language() -> None:
    # French puts 0 and 1 in the singular: "0 jalon atteint sur 4", "2 jalons atteints sur 4".
    french = words("fr", "site")
    assert french.plural("progress_milestones", 0, reached=0, total=4) == "0 jalon atteint sur 4"
    assert french.plural("progress_milestones", 2, reached=2, total=4) == (
        "2 jalons atteints sur 4"
    )
    assert words("en", "labels")("status.in_progress") == "In progress"


def test_a_third_language_is_a_catalogue_dropped_in(tmp_path: Path) -> None:
    """A German roadmap, with a partial German catalogue found through ROADMAP_LOCALES:
    the words it has are German, the others English; no key and no French word shows."""
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from generator.pipeline import generate_site\n"
        "site = generate_site(Path(sys.argv[1]))\n"
        "json.dump({'nav': site.navigation([]), 'pages': dict(site.pages)}, sys.stdout)\n"
    )
    env = {**os.environ, LOCALES_ENV: str(THIRD_LANGUAGE / "locale")}
    run = subprocess.run(
        [sys.executable, "-c", script, str(THIRD_LANGUAGE / "roadmap")],
        capture_output=True, text=True, env=env, check=False, timeout=120,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    built = json.loads(run.stdout)
    titles = [next(iter(entry)) for entry in built["nav"]]
    assert titles[0] == "Übersicht"  # German, from the dropped-in catalogue
    assert "Meilensteine" in titles
    assert words("en", "site")("budget") in titles  # not in the German catalogue: English
    assert words("fr", "site")("home") not in titles
    home = built["pages"][urls.HOME]
    # No page name in the German catalogue: English ones, as for any word it lacks.
    project = built["pages"][urls.site_paths("en").project_page("portal")]
    assert "Laufend" in project  # the status, from the German labels
    everything = home + project
    for key in ("all_projects", "milestones_reached", "as_of_title"):
        assert key not in everything, f"the key {key} shows instead of a word"
    for french_only in ("Tableau de bord", "Jalons atteints", "Situation au"):
        assert french_only not in everything
