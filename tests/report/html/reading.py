"""Reading written pages back: links, ids and text (the standard library's HTML parser)."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

SVG_NAMESPACES = (
    'xmlns="http://www.w3.org/2000/svg"',
    'xmlns:xlink="http://www.w3.org/1999/xlink"',
)


class PageLinks(html.parser.HTMLParser):
    """Every href and src of a page, every id it defines, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value is not None:
                self.ids.add(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def read_page(path: Path) -> PageLinks:
    parser = PageLinks()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser


def network_references(text: str) -> list[str]:
    """Every http(s) URL in a written file, but the XML namespaces an SVG must declare (names,
    never fetched)."""
    for namespace in SVG_NAMESPACES:
        text = text.replace(namespace, "")
    return re.findall(r"https?://\S*", text, flags=re.IGNORECASE)
