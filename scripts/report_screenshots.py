"""Take the screenshots of docs/images: reports as a reader sees them in a browser and in Word.

Usage (after ``make run`` and ``imrf run --input data/raw --output /tmp/fr --lang fr``):

    .venv/bin/python scripts/report_screenshots.py reports/2026/round-table-RT2 \
        /tmp/fr/reports/2026/synthesis-ECA-fr

For each report stem given, writes ``docs/images/<name>-html.png`` (the HTML page in headless
Chromium, first screen) and ``docs/images/<name>-word.png`` (the first two pages of the Word
file, laid out by LibreOffice, side by side). A review sheet given by its ``.xlsx`` path gives
``docs/images/<name>.png``: the top of its first printed page, as LibreOffice Calc lays it out.
Needs /usr/bin/chromium and LibreOffice (Writer; Calc for review sheets).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2
from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
IMAGES = REPO / "docs" / "images"
CHROMIUM = "/usr/bin/chromium"
WORD_PAGES = 2


def html_screenshot(html: Path, target: Path) -> None:
    """Save the first 1,400 pixels of ``html`` as it shows in Chromium at 1,200 pixels wide."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                             args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1200, "height": 1400})
        page.goto(html.resolve().as_uri())
        page.screenshot(path=str(target))
        browser.close()


def word_screenshot(docx: Path, target: Path) -> None:
    """Save the first pages of ``docx``, as LibreOffice lays them out, side by side."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder,
                        str(docx)], check=True, capture_output=True, timeout=180)
        pdf = pypdfium2.PdfDocument(Path(folder) / f"{docx.stem}.pdf")
        pages = [pdf[i].render(scale=1.4).to_pil() for i in range(min(WORD_PAGES, len(pdf)))]
        pdf.close()
    width = sum(p.width for p in pages) + 20 * (len(pages) - 1)
    sheet = Image.new("RGB", (width, max(p.height for p in pages)), "#9a9a9a")
    left = 0
    for page in pages:
        sheet.paste(page, (left, 0))
        left += page.width + 20
    sheet.save(target, optimize=True)


def sheet_screenshot(xlsx: Path, target: Path, height: int = 900) -> None:
    """Save the top ``height`` pixels of the first printed page of workbook ``xlsx``."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", folder,
                        str(xlsx)], check=True, capture_output=True, timeout=180)
        pdf = pypdfium2.PdfDocument(Path(folder) / f"{xlsx.stem}.pdf")
        page = pdf[0].render(scale=2).to_pil()
        pdf.close()
    page.crop((0, 0, page.width, min(height, page.height))).save(target, optimize=True)


def main(stems: list[str]) -> None:
    IMAGES.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        path = Path(stem)
        name = path.name
        if path.suffix == ".xlsx":
            sheet_screenshot(path, IMAGES / f"{path.stem}.png")
            print(IMAGES / f"{path.stem}.png")
            continue
        html_screenshot(path.with_suffix(".html"), IMAGES / f"{name}-html.png")
        word_screenshot(path.with_suffix(".docx"), IMAGES / f"{name}-word.png")
        print(f"{IMAGES / name}-html.png, -word.png")


if __name__ == "__main__":
    main(sys.argv[1:])
