"""A large corpus for benchmarks: the sample generator scaled to N reviews of about P pages.

Each review takes the text of one bundled sample (EN/FR/ES, PDF), reports on all 23 objectives,
repeats its body until it reaches the page count (each repeat's paragraphs and list items
numbered, so that no passage of a review repeats an earlier one word for word), and gets a
distinct submission date, so files differ byte for byte. The register assigns every review to
a different UN member State in turn, so the corpus spans all five commissions (the text still
names the sample's country: the corpus measures speed, not content).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pypdfium2

from imrf_analysis.reference.regions import COMMISSIONS, country_name
from imrf_analysis.samples import SAMPLE_REVIEWS, compose_review
from imrf_analysis.samples.document import Block, BulletList, Paragraph
from imrf_analysis.samples.pdf_writer import render_pdf
from imrf_analysis.store.schemas import REGISTER_COLUMNS

ALL_OBJECTIVES = tuple(range(1, 24))


def _pages(data: bytes) -> int:
    return len(pypdfium2.PdfDocument(data))


def _numbered(body: tuple[Block, ...], repeat: int) -> tuple[Block, ...]:
    # A real review does not repeat itself: the second and later copies of the body end each
    # paragraph and list item with "(n)", so every passage is read and tagged on its own.
    if repeat == 0:
        return body
    mark = f" ({repeat + 1})"
    return tuple(Paragraph(block.text + mark) if isinstance(block, Paragraph) else
                 BulletList(tuple(item + mark for item in block.items))
                 if isinstance(block, BulletList) else block for block in body)


def long_review_pdf(spec_index: int, pages: int, day: int, country_iso3: str = "") -> bytes:
    """Render bundled sample ``spec_index`` as a PDF of at least ``pages`` pages.

    With ``country_iso3``, the title page and running header are that State's (the run checks
    a review's title page against the register); the body stays the sample's.
    """
    bases = [s for s in SAMPLE_REVIEWS if s.format == "pdf"]
    base = bases[spec_index % len(bases)]
    submitted = (date(2025, 9, 1) + timedelta(days=day)).isoformat()
    spec = dataclasses.replace(base, objectives=ALL_OBJECTIVES, date=submitted,
                               layout="by-objective", tables=())
    document = compose_review(spec)
    once = render_pdf(document, font=spec.font, columns=spec.columns)
    repeats = max(1, -(-pages // max(1, _pages(once) - 1)))
    body = tuple(block for repeat in range(repeats) for block in _numbered(document.body, repeat))
    longer = dataclasses.replace(document, body=body)
    if country_iso3:
        own = country_name(base.country_iso3, spec.language)
        state = country_name(country_iso3, spec.language)
        page = longer.title_page
        longer = dataclasses.replace(
            longer, running_header=longer.running_header.replace(own, state),
            title_page=dataclasses.replace(page, country=state,
                                           title=page.title.replace(own, state)))
    return render_pdf(longer, font=spec.font, columns=spec.columns)


def write_corpus(out_dir: Path, reviews: int = 200, pages: int = 40) -> list[Path]:
    """Write ``reviews`` PDFs of about ``pages`` pages and their register into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    states = sorted(set().union(*(c.regional_members for c in COMMISSIONS.values())))
    rendered: dict[tuple[int, str], bytes] = {}
    rows, written = [], []
    for i in range(reviews):
        base = i % len([s for s in SAMPLE_REVIEWS if s.format == "pdf"])
        state = states[i % len(states)]
        # The title page names the State the register lists the review under.
        if (base, state) not in rendered:
            rendered[base, state] = long_review_pdf(base, pages, day=0, country_iso3=state)
        # A distinct trailer comment makes each file unique.
        data = rendered[base, state] + f"\n% review {i}\n".encode()
        path = out_dir / f"review-{i:04d}.pdf"
        path.write_bytes(data)
        written.append(path)
        spec = [s for s in SAMPLE_REVIEWS if s.format == "pdf"][base]
        rows.append(dict(zip(REGISTER_COLUMNS, (
            path.name, state, "2026", "national-review", spec.language,
            (date(2025, 9, 1) + timedelta(days=i % 180)).isoformat()), strict=True)))
    with (out_dir / "register.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=REGISTER_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    files = write_corpus(args.out, args.reviews, args.pages)
    total = sum(_pages(p.read_bytes()) for p in files)
    print(f"{len(files)} reviews, {total} pages -> {args.out}")


if __name__ == "__main__":
    main()
