"""HTML building blocks that escape every value they are given.

Values from the data (passage text, file names, reasons) may contain markup. Nothing here
inserts a raw value: the only unescaped strings are the fragments these functions build.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Sequence
from html import escape

CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --rule: #d6d6d6; --accent: #0072B2; --band: #f4f7fa; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       line-height: 1.5; max-width: 62rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .3rem; }
p.meta, p.count, .muted { color: var(--muted); }
p.count { font-weight: 600; margin-top: 0; }
.notice { background: #fff8e5; border-left: 4px solid #E69F00; padding: .6rem 1rem; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0 1.2rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.zero { color: #b0b0b0; }
blockquote { margin: .6rem 0 1rem; padding: .4rem 1rem; border-left: 4px solid var(--rule);
             background: var(--band); }
blockquote p { margin: .2rem 0; white-space: pre-line; }
blockquote footer { font-size: .85rem; color: var(--muted); }
code { font-size: .8rem; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: .9rem; color: var(--muted); }
nav ol { columns: 2; }
"""


def esc(value: object) -> str:
    """Return ``value`` as text safe inside HTML elements and quoted attributes."""
    return escape("" if value is None else str(value), quote=True)


def element(tag: str, content: str, css_class: str | None = None, id_: str | None = None) -> str:
    """Return ``<tag>content</tag>``; ``content`` must already be HTML (use ``esc`` for text)."""
    attributes = (f' class="{esc(css_class)}"' if css_class else "") + (
        f' id="{esc(id_)}"' if id_ else "")
    return f"<{tag}{attributes}>{content}</{tag}>"


def paragraph(text: str, css_class: str | None = None) -> str:
    """Return a ``<p>`` holding ``text``, escaped."""
    return element("p", esc(text), css_class)


def bullet_list(items: Iterable[str]) -> str:
    """Return a ``<ul>`` of already-built HTML items."""
    return element("ul", "".join(element("li", item) for item in items))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]],
          numeric: Sequence[int] = ()) -> str:
    """Return an HTML table; every header and cell is escaped.

    Args:
        headers: Column headers.
        rows: Cell values, one sequence per row.
        numeric: Indexes of columns to right-align (zeros are greyed).
    """
    head = "".join(element("th", esc(h), "num" if i in numeric else None)
                   for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            css = None
            if i in numeric:
                css = "num zero" if value == 0 else "num"
            cells.append(element("td", esc(value), css))
        body.append(element("tr", "".join(cells)))
    return element("table", element("thead", element("tr", head)) + element("tbody", "".join(body)))


def png_figure(png: bytes, alt: str, caption: str) -> str:
    """Return a ``<figure>`` embedding ``png`` as a base64 ``data:`` URI (no external file)."""
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return element("figure", f'<img src="{uri}" alt="{esc(alt)}">'
                   + element("figcaption", esc(caption)))


def page(title: str, body: str, lang: str = "en") -> str:
    """Return a self-contained HTML document with the report stylesheet inline."""
    return (f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")
