"""Write the bundled sample: every review, the submission register, its answer keys and a README.

The pipeline compiles this folder when run on the sample; the files are illustrative, written
by the project, and say so on their first page.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from imrf_analysis.samples.answers import answers_jsonl, passages_jsonl
from imrf_analysis.samples.compose import compose_review
from imrf_analysis.samples.docx_writer import render_docx
from imrf_analysis.samples.labels import NOTICE_EN
from imrf_analysis.samples.pdf_writer import render_pdf
from imrf_analysis.samples.specs import REGISTERED_SAMPLES, SampleReview
from imrf_analysis.store.catalog import atomic_path, write_text
from imrf_analysis.store.schemas import REGISTER_COLUMNS


def render_review(spec: SampleReview) -> bytes:
    """Return the file content of one sample review, cut short when the spec says so."""
    document = compose_review(spec)
    if spec.format == "pdf":
        data = render_pdf(document, font=spec.font, columns=spec.columns)
    else:
        data = render_docx(document, spec.date)
    return data[: spec.truncate_to] if spec.truncate_to else data


def register_rows(specs: tuple[SampleReview, ...] = REGISTERED_SAMPLES) -> list[dict[str, str]]:
    """Return the submission register's rows for ``specs``, in ``REGISTER_COLUMNS`` order."""
    return [
        dict(zip(REGISTER_COLUMNS, (spec.file, spec.country_iso3, spec.cycle, spec.kind,
                                    spec.language, spec.date), strict=True))
        for spec in specs
    ]


def register_csv(specs: tuple[SampleReview, ...] = REGISTERED_SAMPLES) -> str:
    """Return the submission register of ``specs`` as CSV text."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(REGISTER_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(register_rows(specs))
    return out.getvalue()


def _layout_note(spec: SampleReview) -> str:
    if spec.truncate_to:
        return f"damaged: only the first {spec.truncate_to} bytes of a PDF"
    notes = [spec.layout, *(f"{kind} table" for kind in spec.tables)]
    if spec.columns == 2:
        notes.append("two-column body pages")
    if spec.round_tables:
        notes.append("objectives grouped by round table")
    return ", ".join(notes)


def _objectives_note(spec: SampleReview) -> str:
    return "none readable" if spec.truncate_to else ", ".join(map(str, spec.objectives))


def readme(specs: tuple[SampleReview, ...] = REGISTERED_SAMPLES) -> str:
    """Return the README of the sample folder, listing every file."""
    rows = "\n".join(
        f"| `{s.file}` | {s.place.name} | {s.commission} | {s.language} | {s.kind} | "
        f"{_layout_note(s)} | {_objectives_note(s)} |"
        for s in specs
    )
    return f"""# Bundled sample of voluntary reviews

**{NOTICE_EN}.**

Every file in this folder is an illustrative sample written by the imrf-analysis project to
exercise its pipeline. None is an official submission of any government or organisation.
Country names are real; the measures, institutions and figures in the text are invented.
Each file says so on its first page (and, for Word files, in the document properties).

The sample mimics real submissions: PDF and Word files in English, French and Spanish from
all five UN regional commissions; reviews organised objective by objective with varied heading
styles, two free-narrative reviews, a stakeholder contribution, tables, bullet lists, running
headers and page numbers, a two-column layout (its text reads in order only when each column
is extracted on its own), and one damaged file that the pipeline should quarantine.
`register.csv` is the submission register, one row per file, with the columns
`{",".join(REGISTER_COLUMNS)}`.

The last column below lists the objectives each review reports on: what a compilation of the
sample should find.

| File | Country | Commission | Language | Kind | Layout and features | Objectives |
|---|---|---|---|---|---|---|
{rows}

Two answer keys, one JSON object per line, cover the readable files (not the damaged one).
`answers.jsonl` has a line per review: `file`, `country_iso3`, `language`, `document_kind`,
`structure` (`by-objective`, `by-round-table` or `thematic`), `objectives` (for each objective
reported on: `progress`, `challenge` and `good_practice` flags and the `support_needs` asked
for), `mentioned_not_reported` and `guiding_principles`. `passages.jsonl` has a line per body
paragraph, list item, table row or table note (`id`, `file`, `kind`, the exact `text`,
`language`, `objectives`, `content_types`, `support_needs`, `trap` for passages that read like
content but report on no objective, `mentions`; `page` is null and `guiding_principles`
empty, as the sample text is not labelled with them). Both are derived from the generator's
composition, the keys of the text entries each review was composed from, never written by
hand; `imrf_analysis/samples/answers.py` documents every field.

Regenerate the folder (same bytes on every run) with:

```
python scripts/make_sample.py --out data/raw
```

The generator and its text live in `imrf_analysis/samples/`; edit them there, never the files
here.
"""


def write_sample_reviews(out_dir: Path) -> list[Path]:
    """Write every sample review, ``register.csv``, the answer keys and ``README.md``.

    The answer keys are ``answers.jsonl`` and ``passages.jsonl`` (see
    :mod:`imrf_analysis.samples.answers`).

    Returns:
        The paths written, reviews first in register order, then the register, the answer keys
        and the README.
    """
    out_dir = Path(out_dir)
    written = []
    for spec in REGISTERED_SAMPLES:
        target = out_dir / spec.file
        with atomic_path(target) as tmp:
            tmp.write_bytes(render_review(spec))
        written.append(target)
    written.append(write_text(register_csv(), out_dir / "register.csv"))
    written.append(write_text(answers_jsonl(), out_dir / "answers.jsonl"))
    written.append(write_text(passages_jsonl(), out_dir / "passages.jsonl"))
    written.append(write_text(readme(), out_dir / "README.md"))
    return written
