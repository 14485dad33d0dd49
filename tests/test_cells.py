"""Each table cell is named by its column, for the card layout of narrow screens: by a style
sheet before the table, or (a table with cells spanning columns) by `data-label` on each cell."""

from __future__ import annotations

import re

from generator.rendering.site.cells import label_cells

TABLE = (
    '<div class="rm-table"><table data-rm-sortable>\n<caption>C</caption>\n'
    '<thead><tr><th scope="col">Projet</th><th scope="col" class="x">Crédits <em>prévus</em></th>'
    '<th scope="col">« Dit » &amp; "cité" \\ &lt;/style&gt;</th></tr></thead>\n<tbody>\n'
    '<tr><th scope="row"><a href="a/">A</a></th><td class="rm-num">1 €</td><td>x</td></tr>\n'
    + '<tr><th scope="row">B</th><td>2 €</td><td>y</td></tr>\n' * 20
    + "</tbody>\n</table></div>"
)
SPANNING = TABLE.replace("<td>2 €</td><td>y</td>", '<td colspan="2">both</td>', 1)
SHORT = TABLE.replace('<tr><th scope="row">B</th><td>2 €</td><td>y</td></tr>\n', "")


def sheet_of(page: str) -> str:
    found = re.search(r"<style>(.*?)</style>", page, re.S)
    assert found is not None, page
    return found.group(1)


def test_a_style_sheet_before_the_table_names_each_column_once() -> None:
    page = label_cells("<p>before</p>\n" + TABLE + "\n<p>after</p>")
    sheet = sheet_of(page)
    assert page.count("<style>") == 1
    assert "<style>@container (max-width: 30em){" in page
    assert '<table data-rm-labels="1" data-rm-sortable>' in page
    # By position: the second child of a row is the second column, whatever the row.
    assert '[data-rm-labels="1"] td:nth-child(2)::before{content:"Crédits prévus"/""}' in sheet
    # Only columns with data cells: the first is each row's name.
    assert "nth-child(1)" not in sheet
    # Quotes, backslashes and "<" are escaped for the CSS string inside <style>: the name
    # cannot end the string nor the sheet.
    assert 'content:"« Dit » & \\22 cité\\22  \\5c  \\3c /style\\3e "/""' in sheet
    # The cells themselves carry nothing; the rows' names and the rest of the page are as
    # they were.
    assert "data-label" not in page
    assert '<td class="rm-num">1 €</td><td>x</td>' in page
    assert '<thead><tr><th scope="col">Projet</th>' in page
    assert page.startswith("<p>before</p>\n") and page.endswith("\n<p>after</p>")


def test_a_table_with_a_cell_spanning_columns_names_each_cell() -> None:
    page = label_cells(SPANNING)
    assert "<style>" not in page
    assert '<td class="rm-num" data-label="Crédits prévus">1 €</td>' in page
    # Quotes and ampersands are escaped for the attribute.
    assert 'data-label="« Dit » &amp; &quot;cité&quot; \\ &lt;/style&gt;">x</td>' in page
    # A cell spanning two columns is named by the first; the count starts again each row.
    assert '<th scope="row">B</th><td colspan="2" data-label="Crédits prévus">both</td>' in page


def test_a_short_table_names_each_cell_where_it_is_lighter() -> None:
    page = label_cells(SHORT)
    assert "<style>" not in page
    assert '<td class="rm-num" data-label="Crédits prévus">1 €</td>' in page


def test_labelling_twice_changes_nothing() -> None:
    for table in (TABLE, SPANNING, SHORT):
        once = label_cells(table)
        assert label_cells(once) == once


def test_a_table_without_a_header_row_and_a_page_without_table_are_left_alone() -> None:
    bare = "<table><tbody><tr><td>1</td></tr></tbody></table>"
    assert label_cells(bare) == bare
    assert label_cells("<p>no table</p>") == "<p>no table</p>"


def test_several_tables_each_use_their_own_headers() -> None:
    second = TABLE.replace("Crédits <em>prévus</em>", "Coût")
    page = label_cells(TABLE + "\n" + second)
    assert '<table data-rm-labels="1"' in page and '<table data-rm-labels="2"' in page
    first_sheet, second_sheet = re.findall(r"<style>(.*?)</style>", page)
    assert '[data-rm-labels="1"]' in first_sheet and '"Crédits prévus"' in first_sheet
    assert '[data-rm-labels="2"]' in second_sheet and '"Coût"' in second_sheet
    assert '[data-rm-labels="1"]' not in second_sheet
