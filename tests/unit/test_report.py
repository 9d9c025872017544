"""The report writers and labels, on small report models built inline."""

import io
import json
import re
import zipfile

import pandas as pd
import pytest
from docx import Document
from PIL import Image

from imrf_analysis.reference import gcm
from imrf_analysis.reporting.charts import Chart
from imrf_analysis.reporting.report import Labels, index_passages, render_docx, render_html
from imrf_analysis.reporting.report.html_page import script_json
from imrf_analysis.reporting.report.model import (
    BulletList,
    Citation,
    Figure,
    Heading,
    Paragraph,
    PassageContext,
    Quote,
    Report,
    Table,
)
from imrf_analysis.reporting.report.word_document import plain


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()
MARKUP = 'Aide <script>alert(1)</script> & "quotes" { MERGEFIELD x }\x07'


def _report(text: str = MARKUP) -> Report:
    citation = Citation("d1-0002", "Kenya", "kenya <review>.pdf", 3)
    blocks = (
        Heading("Title <b>", 1), Paragraph("Generated now", "meta"),
        Heading("Method", 2, "method"), Paragraph("See", link=("Data Docs", "../v/index.html")),
        BulletList(("one <i>", "two")), Table(("Country", "Pages"), (("Kenya & co", "3"),), (1,)),
        Figure(Chart("c", PNG, b"<svg/>", "alt <text>"), "Caption"),
        Heading("Evidence", 2), Quote(text, citation, "note"),
    )
    context = PassageContext("d1-0002", "Kenya", "kenya <review>.pdf", 3, ("A", "B"),
                             (("d1-0001", 3, "before"), ("d1-0002", 3, text)))
    return Report("synthesis-KEN", "Title <b>", "en", blocks, {"d1-0002": context})


def test_html_escapes_every_value_and_embeds_passages_as_safe_json():
    html = render_html(_report(), "Contents", "Close", "Passage")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "kenya &lt;review&gt;.pdf" in html and "Kenya &amp; co" in html
    data = html.split('id="passage-data">')[1].split("</script>")[0]
    assert "<" not in data
    assert json.loads(data)["d1-0002"]["neighbours"][1][2] == MARKUP
    assert html.count("<script") == 2


def test_html_has_contents_of_level_two_headings_after_the_title_block():
    html = render_html(_report(), "Contents", "Close", "Passage")
    nav = re.search(r"<nav>.*?</nav>", html).group(0)
    assert re.findall(r'href="#([^"]+)"', nav) == ["method", "s7-evidence"]
    assert html.index("Generated now") < html.index("<nav>") < html.index('id="method"')
    assert 'data-passage="d1-0002"' in html and "data:image/png;base64," in html


def test_script_json_cannot_end_the_script_element():
    assert script_json({"t": "</script><!--&"}) == '{"t": "\\u003c/script\\u003e\\u003c!--\\u0026"}'


def test_docx_keeps_markup_and_field_codes_as_plain_text_and_drops_control_characters():
    data = render_docx(_report())
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert plain(MARKUP) in texts and "\x07" not in plain(MARKUP)
    assert "(Kenya, kenya <review>.pdf, p. 3) — note" in texts
    assert "See Data Docs: ../v/index.html" in texts
    assert len(document.tables) == 1 and len(document.inline_shapes) == 1
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "fldSimple" not in xml and "hyperlink" not in xml
    # Fields: only the report's own contents and page numbers, never the data's braces.
    assert set(re.findall(r"<w:instrText[^>]*>([^<]*)<", xml)) == {r' TOC \o "1-2" \h \z \u '}


def test_docx_maps_report_headings_to_title_and_heading_levels():
    document = Document(io.BytesIO(render_docx(_report())))
    styles = [(p.style.name, p.text) for p in document.paragraphs
              if p.style.name.startswith(("Heading", "Title"))]
    assert styles == [("Title", "Title <b>"), ("Heading 1", "Method"), ("Heading 1", "Evidence")]


def test_labels_give_official_objective_titles_in_each_language():
    for lang in ("en", "fr", "es"):
        assert Labels(lang).objective_title(7) == gcm.objective(7).title[lang]
    assert Labels("es").round_table("RT3") == "Mesa redonda 3"
    assert Labels("fr")("statement", n=2, m=9, k=4, title="t").startswith("2 des 9 États")


def test_labels_translate_every_support_need_and_stakeholder_group():
    for lang in ("fr", "es"):
        words = Labels(lang)
        assert all(words.support_need(k) for k in gcm.SUPPORT_NEED_CATEGORIES)
        assert all(words.stakeholder_group(k) for k in gcm.STAKEHOLDER_GROUPS)


def test_labels_refuse_a_language_the_reports_are_not_written_in():
    with pytest.raises(ValueError, match="ar"):
        Labels("ar")


def test_a_cited_passage_comes_with_its_neighbours_from_its_own_document_only():
    # Two documents, given out of order: d2's passages must not appear around d1's last one.
    passages = pd.DataFrame({
        "passage_id": ["d2-0000", "d1-0002", "d1-0000", "d1-0001", "d2-0001"],
        "document_id": ["d2", "d1", "d1", "d1", "d2"],
        "paragraph_index": [0, 2, 0, 1, 1],
        "page": [1, 3, 1, 2, 1],
        "heading_path": [["A"], ["Objective 2", "Data"], [], None, []],
        "text": ["d2 first", "d1 third", "d1 first", "d1 second", "d2 second"],
        "language": "en", "block_type": "paragraph",
    })
    index = index_passages(passages)
    context = index.context(Citation("d1-0002", "Kenya", "kenya.pdf", 9), neighbours=2)
    assert context.neighbours == (("d1-0000", 1, "d1 first"), ("d1-0001", 2, "d1 second"),
                                  ("d1-0002", 3, "d1 third"))
    assert context.page == 3 and context.heading_path == ("Objective 2", "Data")
    assert [n[0] for n in index.context(Citation("d2-0000", "Peru", "peru.pdf", 1),
                                        neighbours=1).neighbours] == ["d2-0000", "d2-0001"]
    missing = index.context(Citation("d9-0000", "Chile", "chile.pdf", 4))
    assert (missing.page, missing.neighbours) == (4, ())
