"""The council-session report on the example site (mkdocs.yml's `report: full`), with either
engine: the home page links it near the top, the link's accessible name says it is a PDF
and how heavy it is, and the link leads to that very PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from generator.rendering.site.reports import format_size
from tests.browser.helpers import WCAG_TAGS, describe_violations, opened_page
from tests.conftest import ServedSite

pytestmark = pytest.mark.browser

NAME = re.compile(r"^Rapport de séance du 30 juin 2020 \(PDF, (.+)\)$")


def test_the_home_page_links_the_report_with_its_format_and_size(
    browser: Browser, served_site: ServedSite, axe_script: Path
) -> None:
    with opened_page(browser, served_site.url("/")) as (page, watch):
        link = page.get_by_role("link", name=NAME)
        assert link.count() == 1
        name = link.inner_text().strip()
        href = link.get_attribute("href") or ""
        assert link.get_attribute("type") == "application/pdf"
        # Near the top: before the verdict, the first thing a councillor reads.
        verdict = page.locator("#rm-verdict")
        link_top, verdict_top = link.bounding_box(), verdict.bounding_box()
        assert link_top is not None and verdict_top is not None
        assert link_top["y"] < verdict_top["y"]
        # The accessibility rules, on the links' block (before focusing: a
        # focused link takes the theme's accent colour, as every link of the site).
        page.add_script_tag(path=str(axe_script))
        result = page.evaluate(
            "tags => axe.run('.rm-reports', {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        assert not result["violations"], describe_violations(result["violations"])
        # Reached with the keyboard, like any link.
        link.focus()
        assert page.evaluate("document.activeElement.getAttribute('href')") == href
        # The address the link leads to, resolved by the browser.
        response = page.request.get(link.evaluate("a => a.href"))
        assert response.ok and response.body().startswith(b"%PDF-")
        size = NAME.match(name)
        assert size is not None and size.group(1) == format_size(len(response.body()), "fr")
        watch.assert_clean()
