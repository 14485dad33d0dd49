"""Each table cell is named by its column, for the card layout of narrow screens: by custom
properties of the table's style attribute, or (a short table, a table with cells spanning
columns) by `data-label` on each cell."""

from __future__ import annotations

from html.parser import HTMLParser

from generator.rendering.site.cells import MAX_NAMED_COLUMNS, label_cells

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


class _TableStyles(HTMLParser):
    """The `style` attribute of each table, as a browser reads it (entities decoded)."""

    def __init__(self) -> None:
        super().__init__()
        self.styles: list[str | None] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.styles.append(dict(attrs).get("style"))


def table_styles(page: str) -> list[str | None]:
    parser = _TableStyles()
    parser.feed(page)
    return parser.styles


def test_the_table_names_each_column_once_in_its_style_attribute() -> None:
    page = label_cells("<p>before</p>\n" + TABLE + "\n<p>after</p>")
    # Valid HTML: no <style> element in the body (RGAA 8.2).
    assert "<style" not in page
    assert page.count("data-rm-labels") == 1
    [style] = table_styles(page)
    assert style is not None
    # By position: the second child of a row is the second column, whatever the row.
    assert '--rm-label-2:"Crédits prévus"' in style.split(";")
    # Only columns with data cells: the first is each row's name.
    assert "--rm-label-1:" not in style
    # Quotes and backslashes are escaped for the CSS string, and the attribute escapes the
    # rest: the name can end neither the string nor the attribute.
    assert '--rm-label-3:"« Dit » & \\22 cité\\22  \\5c  \\3c /style\\3e "' in style
    # The cells themselves carry nothing; the rows' names and the rest of the page are as
    # they were.
    assert "data-label" not in page
    assert '<td class="rm-num">1 €</td><td>x</td>' in page
    assert '<thead><tr><th scope="col">Projet</th>' in page
    assert page.startswith("<p>before</p>\n") and page.endswith("\n<p>after</p>")


def test_a_table_wider_than_the_named_columns_names_each_cell() -> None:
    headers = "".join(f'<th scope="col">C{index}</th>' for index in range(MAX_NAMED_COLUMNS + 1))
    cells = "".join(f"<td>{index}</td>" for index in range(MAX_NAMED_COLUMNS + 1))
    wide = (f"<table><thead><tr>{headers}</tr></thead><tbody>"
            + f"<tr>{cells}</tr>" * 20 + "</tbody></table>")
    page = label_cells(wide)
    assert "data-rm-labels" not in page
    assert f'<td data-label="C{MAX_NAMED_COLUMNS}">{MAX_NAMED_COLUMNS}</td>' in page


def test_a_table_with_a_cell_spanning_columns_names_each_cell() -> None:
    page = label_cells(SPANNING)
    assert "data-rm-labels" not in page
    assert '<td class="rm-num" data-label="Crédits prévus">1 €</td>' in page
    # Quotes and ampersands are escaped for the attribute.
    assert 'data-label="« Dit » &amp; &quot;cité&quot; \\ &lt;/style&gt;">x</td>' in page
    # A cell spanning two columns is named by the first; the count starts again each row.
    assert '<th scope="row">B</th><td colspan="2" data-label="Crédits prévus">both</td>' in page


def test_a_short_table_names_each_cell_where_it_is_lighter() -> None:
    page = label_cells(SHORT)
    assert "data-rm-labels" not in page
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
    first_style, second_style = table_styles(label_cells(TABLE + "\n" + second))
    assert first_style is not None and second_style is not None
    assert '"Crédits prévus"' in first_style and '"Coût"' not in first_style
    assert '"Coût"' in second_style and '"Crédits prévus"' not in second_style
