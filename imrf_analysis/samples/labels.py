"""The fixed wording of a sample review in each language: title page, chapters, headings, dates.

Objective titles are not repeated here; they come from :mod:`imrf_analysis.reference.gcm` so a
heading always carries the official wording.
"""

from __future__ import annotations

from dataclasses import dataclass

from imrf_analysis.reference.gcm import objective

NOTICE_EN = "ILLUSTRATIVE SAMPLE — not an official submission"


@dataclass(frozen=True)
class Labels:
    """Every fixed string a review needs in one language."""

    review_title: str
    contribution_title: str
    forum: str
    submitted: str
    notice: str
    disclaimer: str
    running_header: str
    page: str
    page_of: str
    objective: str
    table: str
    round_table: str
    conjunction: str
    money: str
    chapters: dict[str, str]
    themes: dict[str, str]
    mentions: tuple[str, ...]
    months: tuple[str, ...]
    date: str
    decimal: str
    thousands: str
    percent: str


LABELS: dict[str, Labels] = {
    "en": Labels(
        review_title="Voluntary national review of the implementation of the Global Compact "
        "for Safe, Orderly and Regular Migration",
        contribution_title="Stakeholder contribution to the voluntary national review of the "
        "implementation of the Global Compact for Safe, Orderly and Regular Migration",
        forum="Review cycle {cycle} — International Migration Review Forum",
        submitted="Submitted on {date}",
        notice=NOTICE_EN,
        disclaimer="Written for the imrf-analysis project to exercise its pipeline. Country "
        "names are real; the measures, institutions and figures in this text are invented.",
        running_header="{name} — GCM voluntary review {cycle}",
        page="Page {page}", page_of="Page {page} of {pages}",
        objective="Objective", table="Table", round_table="Round table {n}: objectives {list}",
        conjunction="and", money="{currency} {amount} million",
        chapters={
            "introduction": "Introduction", "methodology": "Methodology and consultation",
            "progress": "Progress by objective", "challenges": "Challenges and support needed",
            "conclusion": "Conclusion and next steps", "recommendations": "Recommendations",
            "context": "Migration context", "way-forward": "The way forward",
        },
        themes={
            "governance": "Governance, data and borders",
            "labour": "Labour mobility, skills and social protection",
            "protection": "Protection of migrants in vulnerable situations",
            "inclusion": "Inclusion and social cohesion",
            "development": "Migration, diaspora and development",
        },
        mentions=(
            "These measures contribute to objective {n} of the Global Compact.",
            "This work is reported under GCM objective {n}.",
            "The Government regards this as its main contribution to objective {n}.",
        ),
        months=("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"),
        date="{day} {month} {year}", decimal=".", thousands=",", percent="{value}%",
    ),
    "fr": Labels(
        review_title="Examen national volontaire de la mise en œuvre du Pacte mondial pour des "
        "migrations sûres, ordonnées et régulières",
        contribution_title="Contribution des parties prenantes à l’examen national volontaire "
        "de la mise en œuvre du Pacte mondial pour des migrations sûres, ordonnées et "
        "régulières",
        forum="Cycle d’examen {cycle} — Forum d’examen des migrations internationales",
        submitted="Soumis le {date}",
        notice="EXEMPLE ILLUSTRATIF — ce document n’est pas une soumission officielle",
        disclaimer="Texte rédigé pour le projet imrf-analysis afin d’éprouver sa chaîne de "
        "traitement. Les noms de pays sont réels ; les mesures, institutions et chiffres sont "
        "inventés.",
        running_header="{name} — Examen volontaire du Pacte mondial {cycle}",
        page="Page {page}", page_of="Page {page} sur {pages}",
        objective="Objectif", table="Tableau", round_table="Table ronde {n} : objectifs {list}",
        conjunction="et", money="{amount} millions {currency}",
        chapters={
            "introduction": "Introduction", "methodology": "Méthodologie et consultations",
            "progress": "Progrès réalisés par objectif",
            "challenges": "Difficultés et besoins d’appui",
            "conclusion": "Conclusion et perspectives", "recommendations": "Recommandations",
            "context": "Contexte migratoire", "way-forward": "Perspectives",
        },
        themes={
            "governance": "Gouvernance, données et frontières",
            "labour": "Mobilité de la main-d’œuvre, compétences et protection sociale",
            "protection": "Protection des migrants en situation de vulnérabilité",
            "inclusion": "Intégration et cohésion sociale",
            "development": "Migration, diaspora et développement",
        },
        mentions=(
            "Ces mesures contribuent à l’objectif {n} du Pacte mondial.",
            "Ce volet relève de l’objectif {n} du Pacte.",
        ),
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"),
        date="{day} {month} {year}", decimal=",", thousands="\u00a0", percent="{value}\u00a0%",
    ),
    "es": Labels(
        review_title="Examen nacional voluntario de la implementación del Pacto Mundial para "
        "la Migración Segura, Ordenada y Regular",
        contribution_title="Contribución de la sociedad civil al examen nacional voluntario de "
        "la implementación del Pacto Mundial para la Migración Segura, Ordenada y Regular",
        forum="Ciclo de examen {cycle} — Foro de Examen de la Migración Internacional",
        submitted="Presentado el {date}",
        notice="MUESTRA ILUSTRATIVA — no es una presentación oficial",
        disclaimer="Texto redactado para el proyecto imrf-analysis con el fin de probar su "
        "procesamiento. Los nombres de países son reales; las medidas, instituciones y cifras "
        "son inventadas.",
        running_header="{name} — Examen voluntario del Pacto Mundial {cycle}",
        page="Página {page}", page_of="Página {page} de {pages}",
        objective="Objetivo", table="Cuadro", round_table="Mesa redonda {n}: objetivos {list}",
        conjunction="y", money="{amount} millones de {currency}",
        chapters={
            "introduction": "Introducción", "methodology": "Metodología y proceso de consulta",
            "progress": "Avances por objetivo",
            "challenges": "Desafíos y necesidades de apoyo",
            "conclusion": "Conclusiones y próximos pasos",
            "recommendations": "Recomendaciones", "context": "Contexto migratorio",
            "way-forward": "Perspectivas", "observations": "Observaciones por objetivo",
            "presentation": "Presentación", "closing": "Consideraciones finales",
        },
        themes={
            "governance": "Gobernanza, datos y fronteras",
            "labour": "Movilidad laboral, competencias y protección social",
            "protection": "Protección de personas migrantes en situación de vulnerabilidad",
            "inclusion": "Inclusión y cohesión social",
            "development": "Migración, diáspora y desarrollo",
        },
        mentions=(
            "Estas medidas contribuyen al objetivo {n} del Pacto Mundial.",
            "Este trabajo se reporta en el marco del objetivo {n} del Pacto.",
        ),
        months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
                "septiembre", "octubre", "noviembre", "diciembre"),
        date="{day} de {month} de {year}", decimal=",", thousands=".", percent="{value}\u00a0%",
    ),
}

HEADING_STYLES: tuple[str, ...] = (
    "colon", "dash-upper", "period", "abbrev", "numbered", "parenthetical",
)
CHAPTER_NUMBERINGS: tuple[str, ...] = ("arabic", "roman", "none")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def objective_heading(number: int, lang: str, style: str, section: str = "") -> str:
    """Return the heading a review gives objective ``number``, in one of ``HEADING_STYLES``.

    ``section`` is the "3.4"-like number the ``numbered`` style puts in front.
    """
    word = LABELS[lang].objective
    title = objective(number).title[lang]
    colon = " :" if lang == "fr" else ":"
    if style == "colon":
        return f"{word} {number}{colon} {title}"
    if style == "dash-upper":
        return f"{word.upper()} {number} – {title}"
    if style == "period":
        return f"{word} {number}. {title}"
    if style == "abbrev":
        return f"Obj. {number}{colon} {title}"
    if style == "numbered":
        return f"{section} {word} {number}{colon} {title}"
    if style == "parenthetical":
        return f"{title} ({word.lower()} {number})"
    raise ValueError(f"unknown heading style {style!r}; known: {HEADING_STYLES}")


def chapter_heading(index: int, title: str, numbering: str) -> str:
    """Return chapter ``index`` (1-based) titled ``title`` under a numbering scheme."""
    if numbering == "arabic":
        return f"{index}. {title}"
    if numbering == "roman":
        return f"{_ROMAN[index - 1]}. {title.upper()}"
    if numbering == "none":
        return title
    raise ValueError(f"unknown chapter numbering {numbering!r}; known: {CHAPTER_NUMBERINGS}")


def join_numbers(numbers: tuple[int, ...], lang: str) -> str:
    """Return "2, 5, 6 and 18" in ``lang``."""
    words = [str(n) for n in numbers]
    if len(words) < 2:
        return "".join(words)
    return f"{', '.join(words[:-1])} {LABELS[lang].conjunction} {words[-1]}"


def format_date(iso_date: str, lang: str) -> str:
    """Return ``yyyy-mm-dd`` written out in ``lang`` ("14 novembre 2025")."""
    year, month, day = (int(part) for part in iso_date.split("-"))
    labels = LABELS[lang]
    return labels.date.format(day=day, month=labels.months[month - 1], year=year)
