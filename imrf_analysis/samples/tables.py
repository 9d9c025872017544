"""The statistical tables a sample review can carry, with invented yearly figures.

Each table belongs to one objective and is placed after that objective's paragraphs. Totals are
computed from the rows, so a table always adds up.
"""

from __future__ import annotations

from dataclasses import dataclass

from imrf_analysis.samples.document import Table
from imrf_analysis.samples.figures import draw, format_number
from imrf_analysis.samples.labels import LABELS

YEARS: tuple[int, ...] = (2022, 2023, 2024, 2025)


@dataclass(frozen=True)
class RowRange:
    """One row: its key, the range of its first-year value, and decimals shown."""

    key: str
    low: float
    high: float
    digits: int = 0


@dataclass(frozen=True)
class TableKind:
    """A kind of table: the objective it documents, its rows, and whether it has a total row."""

    objective: int
    rows: tuple[RowRange, ...]
    total: bool


TABLE_KINDS: dict[str, TableKind] = {
    "permits": TableKind(5, (
        RowRange("employment", 2_000, 30_000), RowRange("family", 1_500, 20_000),
        RowRange("study", 500, 9_000), RowRange("humanitarian", 100, 4_000)), total=True),
    "deployments": TableKind(6, (
        RowRange("women", 5_000, 120_000), RowRange("men", 8_000, 160_000)), total=True),
    "trafficking": TableKind(10, (
        RowRange("women", 80, 300), RowRange("men", 10, 90), RowRange("girls", 20, 120),
        RowRange("boys", 3, 40)), total=True),
    "remittances": TableKind(20, (
        RowRange("inflows", 300, 25_000), RowRange("share", 1.5, 14.0, 1),
        RowRange("cost", 3.5, 9.0, 1)), total=False),
}

# Per language: table title, first column header, row labels, total label, source note.
TABLE_TEXT: dict[str, dict[str, tuple[str, str, dict[str, str]]]] = {
    "en": {
        "permits": ("Regular migration permits issued, 2022-2025", "Category", {
            "employment": "Employment", "family": "Family reunification",
            "study": "Study and research", "humanitarian": "Humanitarian grounds"}),
        "deployments": ("Workers placed abroad through licensed recruitment agencies, by "
                        "sex, 2022-2025", "Sex", {"women": "Women", "men": "Men"}),
        "trafficking": ("Victims of trafficking in persons identified, by sex and age, "
                        "2022-2025", "Victims", {"women": "Women", "men": "Men",
                                                  "girls": "Girls", "boys": "Boys"}),
        "remittances": ("Recorded remittance inflows, 2022-2025", "Indicator", {
            "inflows": "Inflows (US$ million)", "share": "Share of GDP (%)",
            "cost": "Average cost of sending US$200 (%)"}),
    },
    "fr": {
        "permits": ("Titres de séjour délivrés au titre de la migration régulière, 2022-2025",
                    "Catégorie", {"employment": "Emploi", "family": "Regroupement familial",
                                  "study": "Études et recherche",
                                  "humanitarian": "Motifs humanitaires"}),
        "deployments": ("Travailleurs placés à l’étranger par des agences de recrutement "
                        "agréées, par sexe, 2022-2025", "Sexe",
                        {"women": "Femmes", "men": "Hommes"}),
        "trafficking": ("Victimes de la traite des personnes identifiées, par sexe et par âge, "
                        "2022-2025", "Victimes", {"women": "Femmes", "men": "Hommes",
                                                   "girls": "Filles", "boys": "Garçons"}),
        "remittances": ("Envois de fonds reçus, 2022-2025", "Indicateur", {
            "inflows": "Montant reçu (millions de dollars É.-U.)",
            "share": "Part du PIB (%)", "cost": "Coût moyen d’un envoi de 200 dollars (%)"}),
    },
    "es": {
        "permits": ("Permisos de residencia concedidos por vías regulares, 2022-2025",
                    "Categoría", {"employment": "Trabajo", "family": "Reagrupación familiar",
                                  "study": "Estudios e investigación",
                                  "humanitarian": "Razones humanitarias"}),
        "deployments": ("Trabajadores colocados en el exterior por agencias de contratación "
                        "autorizadas, por sexo, 2022-2025", "Sexo",
                        {"women": "Mujeres", "men": "Hombres"}),
        "trafficking": ("Víctimas de trata de personas identificadas, por sexo y edad, "
                        "2022-2025", "Víctimas", {"women": "Mujeres", "men": "Hombres",
                                                   "girls": "Niñas", "boys": "Niños"}),
        "remittances": ("Remesas recibidas, 2022-2025", "Indicador", {
            "inflows": "Monto recibido (millones de US$)", "share": "Porcentaje del PIB",
            "cost": "Costo medio de enviar 200 dólares (%)"}),
    },
}

_TOTAL = {"en": "Total", "fr": "Total", "es": "Total"}
_SOURCE = {
    "en": "Source: administrative records compiled for this review (illustrative figures).",
    "fr": "Source : registres administratifs compilés pour le présent examen (chiffres "
          "illustratifs).",
    "es": "Fuente: registros administrativos compilados para este examen (cifras "
          "ilustrativas).",
}


def _series(seed: str, row: RowRange) -> list[float]:
    start = draw(f"{seed}|{row.key}", row.low, row.high, row.digits)
    values = [start]
    for year in YEARS[1:]:
        change = draw(f"{seed}|{row.key}|{year}", -0.12, 0.25, 3)
        values.append(round(values[-1] * (1 + change), row.digits))
    return values


def build_table(kind: str, number: int, country_iso3: str, lang: str) -> Table:
    """Return table ``kind`` numbered ``number`` with a country's figures, in ``lang``.

    Raises:
        KeyError: ``kind`` is not in ``TABLE_KINDS``.
    """
    spec = TABLE_KINDS[kind]
    title, first_column, row_labels = TABLE_TEXT[lang][kind]
    seed = f"{country_iso3}|{kind}"
    series = {row.key: _series(seed, row) for row in spec.rows}
    rows = [
        (row_labels[row.key], *(format_number(v, lang, row.digits) for v in series[row.key]))
        for row in spec.rows
    ]
    if spec.total:
        totals = [sum(values) for values in zip(*series.values(), strict=True)]
        rows.append((_TOTAL[lang], *(format_number(v, lang) for v in totals)))
    return Table(
        caption=f"{LABELS[lang].table} {number}. {title}",
        header=(first_column, *(str(year) for year in YEARS)),
        rows=tuple(rows),
        note=_SOURCE[lang],
    )
