"""Write a report as one self-contained HTML page: inline CSS, JS and images, no network.

Every value from the data is escaped; the passages a reader can open are embedded as JSON in a
``<script type="application/json">`` whose ``<``, ``>`` and ``&`` are written as JSON unicode
escapes, so no passage can close the script. The script puts passage text in the page with
``textContent`` only.
"""

from __future__ import annotations

import base64
import json
import re
from html import escape

from imrf_analysis.reporting.report.model import (
    Block,
    BulletList,
    Figure,
    Heading,
    Paragraph,
    Report,
    Table,
)

CSS = """
:root { --ink: #1b1b1b; --muted: #5b5b5b; --rule: #d6d6d6; --accent: #0072B2; --band: #f4f7fa; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink);
       line-height: 1.5; max-width: 64rem; margin: 0 auto; padding: 2rem 1.5rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin-bottom: .25rem; }
h2 { font-size: 1.35rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2.5rem; }
h3 { font-size: 1.1rem; margin: 1.8rem 0 .3rem; }
h4 { font-size: .95rem; margin: 1rem 0 .2rem; color: var(--muted); }
p.meta, p.muted { color: var(--muted); }
p.count { font-weight: 600; margin: 0; }
p.statement { font-weight: 600; margin-top: 1.4rem; }
p.notice { background: #fff8e5; border-left: 4px solid #E69F00; padding: .6rem 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .8rem 0 1.2rem; font-size: .88rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; text-align: left;
         vertical-align: top; }
th { background: var(--band); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: .5rem 0 .9rem; padding: .4rem 1rem; border-left: 4px solid var(--rule);
             background: var(--band); }
blockquote p { margin: .2rem 0; white-space: pre-line; }
blockquote footer { font-size: .85rem; color: var(--muted); }
button.cite { font: inherit; font-size: .85rem; color: var(--accent); background: none;
              border: 0; padding: 0; cursor: pointer; text-decoration: underline; }
figure { margin: 1.5rem 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { font-size: .9rem; color: var(--muted); }
nav ol { columns: 2; }
dialog { max-width: 48rem; width: 92vw; border: 1px solid var(--rule); border-radius: 6px; }
dialog::backdrop { background: rgba(0, 0, 0, .35); }
dialog p.context { color: var(--muted); white-space: pre-line; }
dialog p.cited { background: #fff3c4; padding: .4rem .6rem; white-space: pre-line; }
"""

SCRIPT = """
(function () {
  var data = JSON.parse(document.getElementById("passage-data").textContent);
  var dialog = document.getElementById("passage-dialog");
  function show(id) {
    var ctx = data[id];
    if (!ctx) { return; }
    document.getElementById("passage-where").textContent =
      ctx.country + " \\u2014 " + ctx.file + ", " + ctx.where;
    document.getElementById("passage-path").textContent = ctx.heading_path.join(" \\u203a ");
    var body = document.getElementById("passage-body");
    body.replaceChildren();
    ctx.neighbours.forEach(function (item) {
      var p = document.createElement("p");
      p.className = item[0] === id ? "cited" : "context";
      p.textContent = item[2];
      p.title = item[1] > 0 ? "p. " + item[1] : "";
      body.appendChild(p);
    });
    dialog.showModal();
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.cite");
    if (button) { show(button.getAttribute("data-passage")); }
  });
})();
"""


def esc(value: object) -> str:
    """Return ``value`` as text safe inside HTML elements and quoted attributes."""
    return escape("" if value is None else str(value), quote=True)


def script_json(data: object) -> str:
    """Return ``data`` as JSON safe inside a ``<script>`` element (no ``<``, ``>`` or ``&``)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _anchor(block: Heading, index: int) -> str:
    return block.anchor or f"s{index}-" + re.sub(r"[^a-z0-9]+", "-", block.text.lower())[:40]


def _table(block: Table) -> str:
    head = "".join(f'<th{" class=num" if i in block.numeric else ""}>{esc(h)}</th>'
                   for i, h in enumerate(block.headers))
    body = "".join("<tr>" + "".join(
        f'<td{" class=num" if i in block.numeric else ""}>{esc(v)}</td>'
        for i, v in enumerate(row)) + "</tr>" for row in block.rows)
    return (f'<div class="scroll"><table><thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _block(block: Block, index: int) -> str:
    if isinstance(block, Heading):
        level = min(max(block.level, 1), 6)
        return f'<h{level} id="{esc(_anchor(block, index))}">{esc(block.text)}</h{level}>'
    if isinstance(block, Paragraph):
        link = (f' <a href="{esc(block.link[1])}">{esc(block.link[0])}</a>'
                if block.link else "")
        return f'<p class="{esc(block.style)}">{esc(block.text)}{link}</p>'
    if isinstance(block, BulletList):
        return "<ul>" + "".join(f"<li>{esc(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        uri = "data:image/png;base64," + base64.b64encode(block.chart.png).decode("ascii")
        return (f'<figure><img src="{uri}" alt="{esc(block.chart.alt)}">'
                f"<figcaption>{esc(block.caption)}</figcaption></figure>")
    citation = block.citation
    note = f" · {esc(block.note)}" if block.note else ""
    return (f"<blockquote><p>{esc(block.text)}</p><footer>"
            f'<button type="button" class="cite" data-passage="{esc(citation.passage_id)}">'
            f"{esc(citation.text())}</button>{note}</footer></blockquote>")


def _contents(report: Report, title: str) -> str:
    items = "".join(f'<li><a href="#{esc(_anchor(b, i))}">{esc(b.text)}</a></li>'
                    for i, b in enumerate(report.blocks)
                    if isinstance(b, Heading) and b.level == 2)
    return f"<nav><h2>{esc(title)}</h2><ol>{items}</ol></nav>" if items else ""


def render_html(report: Report, contents_title: str, close_label: str,
                dialog_title: str) -> str:
    """Render ``report`` as a self-contained HTML page.

    Args:
        report: The report to render.
        contents_title: Heading of the table of contents, in the report language.
        close_label: Label of the passage dialog's close button.
        dialog_title: Heading of the passage dialog.

    Returns:
        The page: one file, inline CSS and JS, charts as ``data:`` URIs, every value escaped.
    """
    blocks = [_block(b, i) for i, b in enumerate(report.blocks)]
    # The contents go after the title block (heading, meta line and notice).
    split = next((i for i, b in enumerate(report.blocks) if isinstance(b, Heading)
                  and b.level == 2), len(blocks))
    contexts = {pid: {"country": c.country, "file": c.file, "page": c.page, "where": c.where,
                      "heading_path": list(c.heading_path),
                      "neighbours": [list(n) for n in c.neighbours]}
                for pid, c in report.contexts.items()}
    dialog = (f'<dialog id="passage-dialog" aria-labelledby="passage-title">'
              f'<h2 id="passage-title">{esc(dialog_title)}</h2>'
              f'<p class="meta" id="passage-where"></p><p class="meta" id="passage-path"></p>'
              f'<div id="passage-body"></div><form method="dialog">'
              f'<button type="submit">{esc(close_label)}</button></form></dialog>')
    body = ("\n".join(blocks[:split]) + _contents(report, contents_title)
            + "\n".join(blocks[split:]))
    return (f'<!DOCTYPE html>\n<html lang="{esc(report.lang)}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<link rel="icon" href="data:,">\n'
            f"<title>{esc(report.title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
            f"{body}\n{dialog}\n"
            f'<script type="application/json" id="passage-data">{script_json(contexts)}</script>\n'
            f"<script>{SCRIPT}</script>\n</body>\n</html>\n")
