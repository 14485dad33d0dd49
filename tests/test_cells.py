"""Each table cell names its column (`data-label`), for the card layout of narrow screens."""

from __future__ import annotations

from generator.rendering.site.cells import label_cells

TABLE = (
    '<div class="rm-table"><table data-rm-sortable>\n<caption>C</caption>\n'
    '<thead><tr><th scope="col">Projet</th><th scope="col" class="x">Crédits <em>prévus</em></th>'
    '<th scope="col">« Dit » &amp; "cité"</th></tr></thead>\n<tbody>\n'
    '<tr><th scope="row"><a href="a/">A</a></th><td class="rm-num">1 €</td><td>x</td></tr>\n'
    '<tr><th scope="row">B</th><td colspan="2">both</td></tr>\n'
    "</tbody>\n</table></div>"
)


def test_every_body_cell_gets_the_text_of_its_header() -> None:
    page = label_cells("<p>before</p>\n" + TABLE + "\n<p>after</p>")
    assert '<th scope="row"><a href="a/">A</a></th>' in page  # the card's title
    assert '<td class="rm-num" data-label="Crédits prévus">1 €</td>' in page
    # Quotes and ampersands are escaped for the attribute.
    assert '<td data-label="« Dit » &amp; &quot;cité&quot;">x</td>' in page
    # A cell spanning two columns is named by the first; the count starts again each row.
    assert '<th scope="row">B</th><td colspan="2" data-label="Crédits prévus">both</td>' in page
    # Header cells are left as they are; the rest of the page too.
    assert '<thead><tr><th scope="col">Projet</th>' in page
    assert page.startswith("<p>before</p>\n") and page.endswith("\n<p>after</p>")


def test_labelling_twice_changes_nothing() -> None:
    once = label_cells(TABLE)
    assert label_cells(once) == once


def test_a_table_without_a_header_row_and_a_page_without_table_are_left_alone() -> None:
    bare = "<table><tbody><tr><td>1</td></tr></tbody></table>"
    assert label_cells(bare) == bare
    assert label_cells("<p>no table</p>") == "<p>no table</p>"


def test_several_tables_each_use_their_own_headers() -> None:
    second = TABLE.replace("Crédits <em>prévus</em>", "Coût")
    page = label_cells(TABLE + "\n" + second)
    assert page.count('data-label="Crédits prévus"') == 2
    assert page.count('data-label="Coût"') == 2
