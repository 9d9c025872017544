"""Settings of one compilation run: the flow's single parameter."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from imrf_analysis.compilation.tables import REGIONS

ReportLanguage = Literal["en", "fr", "es"]


class RunSettings(BaseModel):
    """Where to read reviews, where to write, and which regions to report on.

    Attributes:
        input_dir: folder holding the reviews and ``register.csv`` (read-only).
        output_dir: folder under which ``data/processed`` and ``reports`` are written.
        regions: commission codes (ECA, ECE, ECLAC, ESCAP, ESCWA) and/or GLOBAL to report on;
            empty means every region with a review, plus GLOBAL.
        evidence_per_objective: passages quoted per objective and region.
        report_language: language of the reports' own words (en, fr or es).
        corrections_dir: folder of the analysts' decisions on findings (saved review sheets,
            CSVs); default ``data/corrections`` under ``output_dir``.
    """

    model_config = ConfigDict(frozen=True)

    input_dir: Path = Path("data/raw")
    output_dir: Path = Path(".")
    regions: tuple[str, ...] = ()
    evidence_per_objective: int = Field(default=3, ge=1, le=20)
    report_language: ReportLanguage = "en"
    corrections_dir: Path | None = None

    @field_validator("regions", mode="before")
    @classmethod
    def _known_regions(cls, value: object) -> tuple[str, ...]:
        codes = (value,) if isinstance(value, str) else tuple(value or ())  # type: ignore[arg-type]
        unknown = [c for c in codes if c.upper() not in REGIONS]
        if unknown:
            raise ValueError(f"unknown region(s) {', '.join(unknown)}; use {', '.join(REGIONS)}")
        return tuple(c.upper() for c in codes)
