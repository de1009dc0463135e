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
        elif tag == "tr":
            cells = [_squash(cell.text()) for cell in child.iter() if cell.tag in ("td", "th")]
            out.append("\n| " + " | ".join(cells) + " |\n")
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


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
