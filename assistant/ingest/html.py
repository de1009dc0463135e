"""Visible text of an HTML page, one block a line, table rows as `| a | b |`."""

from __future__ import annotations

import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

HIDDEN = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "blockquote",
    "pre", "br", "hr", "caption", "figcaption", "dt", "dd", "dl", "form",
}  # fmt: skip


def html_to_text(html: str) -> tuple[str, str | None]:
    """The page's visible text and its `<title>`, if any."""
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    title = _squash(title_node.text()) if title_node is not None else None
    parts: list[str] = []
    root = tree.body if tree.body is not None else tree.root
    if root is not None:
        _walk(root, parts)
    lines = (_squash(line) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line), title or None


def _walk(node: LexborNode, out: list[str]) -> None:
    for child in node.iter(include_text=True):
        tag = child.tag
        if tag == "-text":
            out.append(child.text_content or "")
        elif tag in HIDDEN or tag == "-comment":
            continue
        elif tag == "table":
            out.append("\n")
            caption = child.css_first("caption")
            if caption is not None:
                out.append(_squash(caption.text()) + "\n")
            for cells in table_grid(child):
                out.append("| " + " | ".join(cells) + " |\n")
            out.append("\n")
        elif tag == "li":
            out.append("\n- ")
            _walk(child, out)
            out.append("\n")
        elif tag in BLOCKS:
            out.append("\n")
            _walk(child, out)
            out.append("\n")
        else:
            _walk(child, out)


def table_grid(table: LexborNode) -> list[list[str]]:
    """The rows of an HTML table as a grid: a `colspan` cell is followed by empty cells, and
    a `rowspan` cell leaves an empty cell in the rows below it, so every figure stays under
    its header (nested tables are read as their own text)."""
    rows = [tr for tr in table.css("tr") if _own_table(tr) == table.mem_id]
    grid: list[list[str]] = []
    below: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for tr in rows:
        cells: list[str] = []
        column = 0
        for cell in tr.iter():
            if cell.tag not in ("td", "th"):
                continue
            while below.get(column, 0) > 0:
                below[column] -= 1
                cells.append("")
                column += 1
            span, down = _span(cell, "colspan"), _span(cell, "rowspan")
            cells += [_squash(cell.text()).replace("|", "/")] + [""] * (span - 1)
            if down > 1:
                below.update({column + offset: down - 1 for offset in range(span)})
            column += span
        while below.get(column, 0) > 0:
            below[column] -= 1
            cells.append("")
            column += 1
        grid.append(cells)
    return grid


def _own_table(row: LexborNode) -> int | None:
    """The `mem_id` of the table a row belongs to (the nearest one above it)."""
    node = row.parent
    while node is not None and node.tag != "table":
        node = node.parent
    return node.mem_id if node is not None else None


def _span(cell: LexborNode, name: str) -> int:
    try:
        return max(1, min(int(cell.attributes.get(name) or 1), 1000))
    except ValueError:
        return 1


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
