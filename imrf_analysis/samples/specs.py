"""What each bundled sample review is: country, language, format, layout and objectives covered.

The objectives listed are those the review reports on, so they are the ground truth of its
coverage. They vary by country and region on purpose: a compilation of the sample must show
gaps, and different gaps in different regions.
"""

from __future__ import annotations

from dataclasses import dataclass

from imrf_analysis.samples.labels import CHAPTER_NUMBERINGS, HEADING_STYLES
from imrf_analysis.samples.places import PLACES, Place
from imrf_analysis.samples.tables import TABLE_KINDS
from imrf_analysis.samples.text import PROFILES

LAYOUTS: tuple[str, ...] = ("by-objective", "narrative", "stakeholder")


@dataclass(frozen=True)
class SampleReview:
    """One illustrative submission and how it is laid out."""

    file: str  # name inside the raw folder
    country_iso3: str
    commission: str  # UN regional commission: ECA, ECE, ECLAC, ESCAP, ESCWA
    language: str
    format: str  # pdf | docx
    kind: str  # national-review | stakeholder-contribution
    layout: str  # by-objective | narrative | stakeholder
    date: str  # ISO date of submission
    objectives: tuple[int, ...]  # the objectives the text reports on
    profile: str  # origin | destination | mixed: which text variants fit the country
    prepared_by: str
    heading_style: str = "colon"
    chapter_numbering: str = "arabic"
    tables: tuple[str, ...] = ()
    bullets: bool = True
    columns: int = 1  # PDF body pages in one or two columns
    round_tables: bool = False  # group objective sections under round-table headings
    mentions_objectives: bool = False  # narrative layout: name objectives in the prose
    font: str = "Helvetica"  # Helvetica | Times-Roman
    page_of_total: bool = False  # footer "Page 3 of 12" rather than "Page 3"
    truncate_to: int | None = None  # keep only the first bytes: a damaged submission
    cycle: str = "2026"

    def __post_init__(self) -> None:
        """Reject a spec the composer could not honour."""
        problems = [
            f"{field} {value!r}" for field, value, allowed in (
                ("format", self.format, ("pdf", "docx")),
                ("layout", self.layout, LAYOUTS),
                ("profile", self.profile, PROFILES),
                ("heading_style", self.heading_style, HEADING_STYLES),
                ("chapter_numbering", self.chapter_numbering, CHAPTER_NUMBERINGS),
            ) if value not in allowed
        ]
        problems += [f"table {t!r} without objective {TABLE_KINDS[t].objective}"
                     for t in self.tables if TABLE_KINDS[t].objective not in self.objectives]
        if self.heading_style == "numbered" and self.chapter_numbering != "arabic":
            problems.append("numbered objective headings need arabic chapter numbers")
        if self.country_iso3 not in PLACES:
            problems.append(f"no naming forms for {self.country_iso3}")
        if problems:
            raise ValueError(f"sample review {self.file}: " + "; ".join(problems))

    @property
    def place(self) -> Place:
        """The country's naming forms in the review's language."""
        return PLACES[self.country_iso3]


SAMPLE_REVIEWS: tuple[SampleReview, ...] = (
    # ECA
    SampleReview("senegal-rapport-pmm-2026.pdf", "SEN", "ECA", "fr", "pdf", "national-review",
                 "by-objective", "2025-11-21", (2, 3, 5, 6, 7, 10, 14, 19, 20, 21, 23), "mixed",
                 "Comité national de suivi du Pacte mondial", tables=("remittances",),
                 page_of_total=True),
    SampleReview("kenya-gcm-review-2026.pdf", "KEN", "ECA", "en", "pdf", "national-review",
                 "by-objective", "2025-12-03",
                 (1, 2, 4, 5, 6, 7, 10, 12, 15, 19, 20, 21, 22, 23), "mixed",
                 "National Coordination Mechanism on Migration", heading_style="dash-upper",
                 tables=("deployments", "trafficking")),
    SampleReview("maroc-examen-volontaire-2026.docx", "MAR", "ECA", "fr", "docx",
                 "national-review", "narrative", "2026-01-15",
                 (2, 5, 6, 7, 11, 15, 16, 19, 20, 21, 23), "mixed",
                 "Ministère chargé des Marocains résidant à l’étranger et des Affaires de la "
                 "migration", chapter_numbering="roman"),
    SampleReview("ghana-vnr-gcm-2026.docx", "GHA", "ECA", "en", "docx", "national-review",
                 "by-objective", "2025-12-10", (1, 3, 5, 6, 10, 14, 18, 19, 20, 21), "origin",
                 "Ministry of the Interior, Migration Unit", heading_style="period",
                 tables=("remittances",), bullets=False),
    # ECE
    SampleReview("moldova-gcm-review-2026.pdf", "MDA", "ECE", "en", "pdf", "national-review",
                 "by-objective", "2025-11-28", (1, 3, 4, 5, 6, 14, 18, 19, 20, 21, 22),
                 "origin", "Bureau for Migration and Diaspora Relations",
                 heading_style="numbered", page_of_total=True),
    SampleReview("luxembourg-examen-pmm-2026.pdf", "LUX", "ECE", "fr", "pdf",
                 "national-review", "by-objective", "2026-01-09",
                 (1, 5, 7, 13, 15, 16, 17, 18, 22, 23), "destination",
                 "Ministère de la Famille, des Solidarités, du Vivre ensemble et de l’Accueil",
                 heading_style="abbrev", tables=("permits",), columns=2, font="Times-Roman"),
    SampleReview("espana-examen-pmm-2026.docx", "ESP", "ECE", "es", "docx", "national-review",
                 "by-objective", "2026-01-22", (1, 5, 6, 7, 8, 9, 12, 13, 15, 16, 17, 23),
                 "destination", "Ministerio de Inclusión, Seguridad Social y Migraciones",
                 tables=("permits",), page_of_total=True),
    SampleReview("azerbaijan-gcm-review-2026.pdf", "AZE", "ECE", "en", "pdf",
                 "national-review", "narrative", "2026-02-04",
                 (1, 2, 4, 5, 11, 14, 18, 19, 20, 21, 23), "mixed",
                 "State Migration Service", mentions_objectives=True, bullets=False),
    # ECLAC
    SampleReview("mexico-informe-pmm-2026.pdf", "MEX", "ECLAC", "es", "pdf",
                 "national-review", "by-objective", "2025-12-15",
                 (3, 4, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 20, 21), "mixed",
                 "Secretaría de Gobernación, Unidad de Política Migratoria",
                 heading_style="dash-upper", chapter_numbering="roman",
                 tables=("trafficking",), font="Times-Roman"),
    SampleReview("colombia-contribucion-sociedad-civil-2026.pdf", "COL", "ECLAC", "es",
                 "pdf", "stakeholder-contribution", "stakeholder", "2026-01-30",
                 (4, 6, 7, 13, 15, 16, 17), "destination",
                 "Coalición Ciudadana por la Movilidad Humana (nombre ficticio)",
                 heading_style="period"),
    SampleReview("ecuador-examen-voluntario-2026.docx", "ECU", "ECLAC", "es", "docx",
                 "national-review", "by-objective", "2025-12-19",
                 (2, 3, 4, 7, 12, 14, 15, 16, 19, 21), "mixed",
                 "Ministerio de Relaciones Exteriores y Movilidad Humana",
                 heading_style="period"),
    SampleReview("costa-rica-informe-pmm-2026.pdf", "CRI", "ECLAC", "es", "pdf",
                 "national-review", "by-objective", "2026-02-12",
                 (1, 4, 5, 7, 12, 15, 16, 17, 22, 23), "destination",
                 "Dirección General de Migración y Extranjería",
                 heading_style="parenthetical", chapter_numbering="none", bullets=False),
    # ESCAP
    SampleReview("bangladesh-gcm-review-2026.pdf", "BGD", "ESCAP", "en", "pdf",
                 "national-review", "by-objective", "2025-11-17",
                 (2, 5, 6, 7, 10, 14, 18, 19, 20, 21, 22, 23), "origin",
                 "Ministry of Expatriates’ Welfare and Overseas Employment",
                 tables=("remittances",)),
    SampleReview("philippines-gcm-review-2026.docx", "PHL", "ESCAP", "en", "docx",
                 "national-review", "by-objective", "2026-01-26",
                 (1, 3, 6, 7, 10, 14, 18, 19, 20, 21, 22, 23), "origin",
                 "Department of Migrant Workers", heading_style="abbrev",
                 tables=("deployments",), page_of_total=True),
    # ESCWA
    SampleReview("iraq-gcm-review-2026.pdf", "IRQ", "ESCWA", "en", "pdf", "national-review",
                 "by-objective", "2026-02-02", (1, 2, 4, 7, 9, 10, 11, 13, 15, 21, 23), "mixed",
                 "Ministry of Migration and Displacement", round_tables=True,
                 page_of_total=True),
    SampleReview("tunisie-examen-pmm-2026.pdf", "TUN", "ESCWA", "fr", "pdf",
                 "national-review", "by-objective", "2025-12-22",
                 (1, 2, 3, 5, 6, 8, 9, 10, 14, 19, 20, 21), "mixed",
                 "Secrétariat d’État chargé de l’Immigration et des Tunisiens à l’étranger",
                 heading_style="dash-upper", chapter_numbering="roman",
                 tables=("trafficking",)),
)

# A submission that arrived damaged: the start of a real review, cut off after 600 bytes.
TRUNCATED_REVIEW = SampleReview(
    "zz-truncated-submission.pdf", "TGO", "ECA", "fr", "pdf", "national-review",
    "by-objective", "2026-02-16", (1, 5, 6, 10, 19, 20, 21, 23), "origin",
    "Ministère des Affaires étrangères, de l’Intégration régionale et des Togolais de "
    "l’extérieur", truncate_to=600,
)

REGISTERED_SAMPLES: tuple[SampleReview, ...] = (*SAMPLE_REVIEWS, TRUNCATED_REVIEW)
