"""The site's pages: Markdown made from the figures, the open-data downloads and page assets."""

from __future__ import annotations

from pathlib import Path

ASSETS = Path(__file__).parent / "assets"
# The pages' own stylesheet and script (cards, badges, sortable tables), beside the charts'.
PAGE_ASSETS = {
    "assets/roadmap/pages.css": ASSETS / "pages.css",
    "assets/roadmap/footer.css": ASSETS / "footer.css",
    "assets/roadmap/tables.js": ASSETS / "tables.js",
    # In every page's head, from theme/main.html: before the theme's own script runs.
    "assets/roadmap/search-on-demand.js": ASSETS / "search-on-demand.js",
}
PAGE_CSS = ["assets/roadmap/pages.css", "assets/roadmap/footer.css"]
# Templates laid over the theme's (Material's, or Zensical's copy of them): the footer, and
# the head's script that loads the search index on first use.
THEME_DIR = Path(__file__).parent / "theme"
PAGE_JAVASCRIPT = ["assets/roadmap/tables.js"]
