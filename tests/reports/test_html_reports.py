"""Each kind of HTML report opened in headless Chromium, as a reader would open it."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

KINDS = ("synthesis-ECE.html", "synthesis-GLOBAL.html", "round-table-RT2.html", "digest.html")


@pytest.fixture(scope="module")
def page(browser):  # noqa: ANN001, ANN201
    """A browser page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.errors = []
    page.on("console", lambda message: message.type == "error" and page.errors.append(
        message.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("request", lambda request: not request.url.startswith(("file:", "data:"))
            and page.errors.append(f"network request {request.url}"))
    yield page
    context.close()


def _open(page, path):  # noqa: ANN001, ANN202
    page.errors.clear()
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("name", KINDS)
def test_report_loads_without_console_errors_and_is_not_blank(published, page, name):
    _open(page, published.folder / name)
    pixels = np.asarray(Image.open(io.BytesIO(page.screenshot())).convert("L"), dtype=float)
    assert page.errors == []
    assert pixels.std() > 10  # text and rules on white, not an empty page
    assert page.locator("h1").count() == 1
    assert page.locator("nav li").count() >= 3


@pytest.mark.parametrize("name", KINDS)
def test_clicking_a_citation_shows_the_passage_in_context(published, page, name):
    _open(page, published.folder / name)
    citation = page.locator("button.cite").first
    passage_id = citation.get_attribute("data-passage")
    passages = published.frames["passages"].set_index("passage_id")
    citation.click()
    dialog = page.locator("#passage-dialog")
    assert dialog.is_visible()
    cited = dialog.locator("p.cited").inner_text()
    assert cited.split()[:8] == passages.at[passage_id, "text"].split()[:8]
    assert passages.at[passage_id, "file"] in dialog.inner_text()
    assert page.errors == []
    dialog.get_by_role("button").click()
    assert not dialog.is_visible()


def test_a_passage_with_markup_displays_as_plain_text(published, page):
    _open(page, published.folder / "synthesis-ECE.html")
    citation = page.locator(f'button.cite[data-passage="{published.hostile_passage}"]').first
    quote = page.locator("blockquote", has=citation).first
    assert quote.locator("p").first.inner_text() == published.hostile_text
    citation.click()
    assert page.locator("#passage-dialog p.cited").inner_text() == published.hostile_text
    assert page.evaluate("window.pwned") is None
    assert page.locator("blockquote b").count() == 0
    assert page.errors == []


def test_findings_link_to_the_data_docs_and_their_text_is_escaped(published, page):
    _open(page, published.folder / "synthesis-ECE.html")
    link = page.locator("a", has_text="Data Docs")
    assert link.get_attribute("href") == "../validation/index.html"
    assert page.locator("td", has_text="2 passages <em>without</em> text").count() == 1
