"""The Global Compact for Migration framework as data: objectives, guiding principles, round tables.

One source of truth for everything the pipeline counts against. Titles are the official
A/RES/73/195 wording in English, French and Spanish; short names are the Migration Network
Hub labels. Where no source page was found for a title, ``Objective.unverified`` names the
language so reports can flag it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Language = Literal["en", "fr", "es"]
LANGUAGES: tuple[Language, ...] = ("en", "fr", "es")


@dataclass(frozen=True)
class Objective:
    """One of the 23 GCM objectives."""

    number: int
    hub_term_id: int
    title: dict[str, str]
    short_name: dict[str, str]
    unverified: tuple[str, ...] = ()

    def label(self, lang: str = "en") -> str:
        """Return ``"N - Short name"`` in ``lang`` (English when the language is not covered)."""
        return f"{self.number} - {self.short_name.get(lang, self.short_name['en'])}"


@dataclass(frozen=True)
class GuidingPrinciple:
    """One of the 10 guiding principles (GCM para. 15)."""

    slug: str
    paragraph: str
    name: dict[str, str]


@dataclass(frozen=True)
class RoundTable:
    """An IMRF round table and the objectives its background note covers.

    ``cluster`` is the title of its thematic cluster in English, as the regional reviews of
    2020-2021 used it; ``background_note_by`` the agencies that prepared its background note
    for the first IMRF (2022).
    """

    code: str
    title: str
    objectives: tuple[int, ...]
    background_note_by: str
    cluster: str = ""

    def theme(self, lang: str = "en") -> str:
        """Return the Hub short names of the round table's objectives, joined with "; "."""
        return "; ".join(objective(n).short_name[lang] for n in self.objectives)


OBJECTIVE_ROWS = (
    (
        1,
        279,
        "Collect and utilize accurate and disaggregated data as a basis for evidence-based policies",
        "Collecter et utiliser des données précises et ventilées qui serviront à l’élaboration de politiques fondées sur la connaissance des faits",
        "Recopilar y utilizar datos exactos y desglosados para formular políticas con base empírica",
        "Data",
        "Données",
        "Datos",
        (),
    ),
    (
        2,
        280,
        "Minimize the adverse drivers and structural factors that compel people to leave their country of origin",
        "Lutter contre les facteurs négatifs et les problèmes structurels qui poussent des personnes à quitter leur pays d’origine",
        "Minimizar los factores adversos y estructurales que obligan a las personas a abandonar su país de origen",
        "Minimize adverse drivers",
        "Lutter contre les facteurs négatifs",
        "Minimizar factores adversos",
        (),
    ),
    (
        3,
        281,
        "Provide accurate and timely information at all stages of migration",
        "Fournir dans les meilleurs délais des informations exactes à toutes les étapes de la migration",
        "Proporcionar información exacta y oportuna en todas las etapas de la migración",
        "Information provision",
        "Fourniture d’informations",
        "Proporcionar información",
        ("es",),
    ),
    (
        4,
        282,
        "Ensure that all migrants have proof of legal identity and adequate documentation",
        "Munir tous les migrants d’une preuve d’identité légale et de papiers adéquats",
        "Velar por que todos los migrantes tengan pruebas de su identidad jurídica y documentación adecuada",
        "Legal identity and documentation",
        "Identité légale et papiers",
        "Identidad jurídica y documentación",
        (),
    ),
    (
        5,
        283,
        "Enhance availability and flexibility of pathways for regular migration",
        "Faire en sorte que les filières de migration régulière soient accessibles et plus souples",
        "Aumentar la disponibilidad y flexibilidad de las vías de migración regular",
        "Regular pathways",
        "Filières de migration régulière",
        "Vías de migración regular",
        (),
    ),
    (
        6,
        284,
        "Facilitate fair and ethical recruitment and safeguard conditions that ensure decent work",
        "Favoriser des pratiques de recrutement justes et éthiques et assurer les conditions d’un travail décent",
        "Facilitar la contratación equitativa y ética y salvaguardar las condiciones que garantizan el trabajo decente",
        "Recruitment and decent work",
        "Recrutement et travail décent",
        "Contratación y trabajo decente",
        (),
    ),
    (
        7,
        285,
        "Address and reduce vulnerabilities in migration",
        "S’attaquer aux facteurs de vulnérabilité liés aux migrations et les réduire",
        "Abordar y reducir las vulnerabilidades en la migración",
        "Reduce vulnerabilities",
        "Réduire la vulnérabilité",
        "Reducir vulnerabilidades",
        (),
    ),
    (
        8,
        286,
        "Save lives and establish coordinated international efforts on missing migrants",
        "Sauver des vies et mettre en place une action internationale coordonnée pour retrouver les migrants disparus",
        "Salvar vidas y emprender iniciativas internacionales coordinadas sobre los migrantes desaparecidos",
        "Save lives",
        "Sauver des vies",
        "Salvar vidas",
        (),
    ),
    (
        9,
        287,
        "Strengthen the transnational response to smuggling of migrants",
        "Renforcer l’action transnationale face au trafic de migrants",
        "Reforzar la respuesta transnacional al tráfico ilícito de migrantes",
        "Counter smuggling",
        "Combattre le trafic de migrants",
        "Combatir el tráfico de migrantes",
        (),
    ),
    (
        10,
        288,
        "Prevent, combat and eradicate trafficking in persons in the context of international migration",
        "Prévenir, combattre et éliminer la traite de personnes dans le cadre des migrations internationales",
        "Prevenir, combatir y erradicar la trata de personas en el contexto de la migración internacional",
        "Eradicate trafficking",
        "Éradiquer la traite de personnes",
        "Erradicar la trata de personas",
        (),
    ),
    (
        11,
        289,
        "Manage borders in an integrated, secure and coordinated manner",
        "Gérer les frontières de manière intégrée, sûre et coordonnée",
        "Gestionar las fronteras de manera integrada, segura y coordinada",
        "Manage borders",
        "Gérer les frontières",
        "Gestión de fronteras",
        (),
    ),
    (
        12,
        290,
        "Strengthen certainty and predictability in migration procedures for appropriate screening, assessment and referral",
        "Veiller à l’invariabilité et à la prévisibilité des procédures migratoires pour assurer des contrôles, des évaluations et une orientation appropriés",
        "Aumentar la certidumbre y previsibilidad de los procedimientos migratorios para la adecuada verificación de antecedentes, evaluación y derivación",
        "Screening and referral",
        "Contrôle, évaluation et orientation",
        "Verificación de antecedentes y derivación",
        (),
    ),
    (
        13,
        291,
        "Use migration detention only as a measure of last resort and work towards alternatives",
        "Ne recourir au placement en rétention administrative des migrants qu’en dernier ressort et chercher des solutions de rechange",
        "Utilizar la detención de migrantes solo como último recurso y buscar otras alternativas",
        "Alternatives to detention",
        "Alternatives à la rétention",
        "Alternativas a la detención",
        (),
    ),
    (
        14,
        292,
        "Enhance consular protection, assistance and cooperation throughout the migration cycle",
        "Renforcer la protection, l’assistance et la coopération consulaires tout au long du cycle migratoire",
        "Mejorar la protección, asistencia y cooperación consulares a lo largo de todo el ciclo migratorio",
        "Consular protection",
        "Protection consulaire",
        "Protección consular",
        (),
    ),
    (
        15,
        293,
        "Provide access to basic services for migrants",
        "Assurer l’accès des migrants aux services de base",
        "Proporcionar a los migrantes acceso a servicios básicos",
        "Access to basic services",
        "Accès aux services de base",
        "Acceso a los servicios básicos",
        ("es",),
    ),
    (
        16,
        294,
        "Empower migrants and societies to realize full inclusion and social cohesion",
        "Donner aux migrants et aux sociétés des moyens en faveur de la pleine intégration et de la cohésion sociale",
        "Empoderar a los migrantes y las sociedades para lograr la plena inclusión y la cohesión social",
        "Inclusion and social cohesion",
        "Intégration et cohésion sociale",
        "Inclusión y cohesión social",
        ("es",),
    ),
    (
        17,
        295,
        "Eliminate all forms of discrimination and promote evidence-based public discourse to shape perceptions of migration",
        "Éliminer toutes les formes de discrimination et encourager un débat public fondé sur l’analyse des faits afin de faire évoluer la manière dont les migrations sont perçues",
        "Eliminar todas las formas de discriminación y promover un discurso público con base empírica para modificar las percepciones de la migración",
        "Eliminate discrimination",
        "Éliminer les discriminations",
        "Eliminar la discriminación",
        ("es",),
    ),
    (
        18,
        296,
        "Invest in skills development and facilitate mutual recognition of skills, qualifications and competences",
        "Investir dans le perfectionnement des compétences et faciliter la reconnaissance mutuelle des aptitudes, qualifications et compétences",
        "Invertir en el desarrollo de aptitudes y facilitar el reconocimiento mutuo de aptitudes, cualificaciones y competencias",
        "Skills development and recognition",
        "Perfectionnement et reconnaissance des qualifications",
        "Desarrollo y reconocimiento de competencias",
        ("fr",),
    ),
    (
        19,
        297,
        "Create conditions for migrants and diasporas to fully contribute to sustainable development in all countries",
        "Créer les conditions permettant aux migrants et aux diasporas de contribuer pleinement au développement durable dans tous les pays",
        "Crear las condiciones necesarias para que los migrantes y las diásporas puedan contribuir plenamente al desarrollo sostenible en todos los países",
        "Migrant and diaspora contributions",
        "Contributions des migrants et diaspora",
        "Contribución de migrantes y diásporas",
        (),
    ),
    (
        20,
        298,
        "Promote faster, safer and cheaper transfer of remittances and foster financial inclusion of migrants",
        "Rendre les envois de fonds plus rapides, plus sûrs et moins coûteux et favoriser l’inclusion financière des migrants",
        "Promover transferencias de remesas más rápidas, seguras y económicas y fomentar la inclusión financiera de los migrantes",
        "Remittances",
        "Envois de fonds",
        "Remesas",
        ("es",),
    ),
    (
        21,
        299,
        "Cooperate in facilitating safe and dignified return and readmission, as well as sustainable reintegration",
        "Coopérer en vue de faciliter le retour et la réadmission des migrants en toute sécurité et dignité, ainsi que leur réintégration durable",
        "Colaborar para facilitar el regreso y la readmisión en condiciones de seguridad y dignidad, así como la reintegración sostenible",
        "Dignified return and reintegration",
        "Retour digne et réintégration durable",
        "Retorno y reintegración dignos",
        (),
    ),
    (
        22,
        300,
        "Establish mechanisms for the portability of social security entitlements and earned benefits",
        "Mettre en place des mécanismes de portabilité des droits de sécurité sociale et des avantages acquis",
        "Establecer mecanismos para la portabilidad de la seguridad social y las prestaciones adquiridas",
        "Social protection",
        "Protection sociale",
        "Protección social",
        (),
    ),
    (
        23,
        301,
        "Strengthen international cooperation and global partnerships for safe, orderly and regular migration",
        "Renforcer la coopération internationale et les partenariats mondiaux pour des migrations sûres, ordonnées et régulières",
        "Fortalecer la cooperación internacional y las alianzas mundiales para la migración segura, ordenada y regular",
        "International cooperation",
        "Coopération internationale",
        "Cooperación internacional",
        ("es",),
    ),
)


OBJECTIVES: tuple[Objective, ...] = tuple(
    Objective(
        number=n,
        hub_term_id=hub,
        title={"en": en, "fr": fr, "es": es},
        short_name={"en": sen, "fr": sfr, "es": ses},
        unverified=unverified,
    )
    for n, hub, en, fr, es, sen, sfr, ses, unverified in OBJECTIVE_ROWS
)
OBJECTIVE_NUMBERS: tuple[int, ...] = tuple(o.number for o in OBJECTIVES)

GUIDING_PRINCIPLES: tuple[GuidingPrinciple, ...] = (
    GuidingPrinciple(
        "people-centred",
        "15(a)",
        {
            "en": "People-centred",
            "fr": "Priorité à la dimension humaine",
            "es": "Centrada en las personas",
        },
    ),
    GuidingPrinciple(
        "international-cooperation",
        "15(b)",
        {
            "en": "International cooperation",
            "fr": "Coopération internationale",
            "es": "Cooperación internacional",
        },
    ),
    GuidingPrinciple(
        "national-sovereignty",
        "15(c)",
        {"en": "National sovereignty", "fr": "Souveraineté nationale", "es": "Soberanía nacional"},
    ),
    GuidingPrinciple(
        "rule-of-law",
        "15(d)",
        {
            "en": "Rule of law and due process",
            "fr": "Primauté du droit et garanties d’une procédure régulière",
            "es": "Estado de derecho y garantías procesales",
        },
    ),
    GuidingPrinciple(
        "sustainable-development",
        "15(e)",
        {
            "en": "Sustainable development",
            "fr": "Développement durable",
            "es": "Desarrollo sostenible",
        },
    ),
    GuidingPrinciple(
        "human-rights",
        "15(f)",
        {"en": "Human rights", "fr": "Droits de l’homme", "es": "Derechos humanos"},
    ),
    GuidingPrinciple(
        "gender-responsive",
        "15(g)",
        {
            "en": "Gender-responsive",
            "fr": "Prise en compte de la problématique femmes-hommes",
            "es": "Perspectiva de género",
        },
    ),
    GuidingPrinciple(
        "child-sensitive",
        "15(h)",
        {
            "en": "Child-sensitive",
            "fr": "Adaptation aux besoins de l’enfant",
            "es": "Perspectiva infantil",
        },
    ),
    GuidingPrinciple(
        "whole-of-government",
        "15(i)",
        {
            "en": "Whole-of-government approach",
            "fr": "Approche mobilisant l’ensemble des pouvoirs publics",
            "es": "Enfoque pangubernamental",
        },
    ),
    GuidingPrinciple(
        "whole-of-society",
        "15(j)",
        {
            "en": "Whole-of-society approach",
            "fr": "Approche mobilisant l’ensemble de la société",
            "es": "Enfoque pansocial",
        },
    ),
)
GUIDING_PRINCIPLE_SLUGS: tuple[str, ...] = tuple(p.slug for p in GUIDING_PRINCIPLES)

# A/RES/73/326 para. 21(b), as restated in the IMRF guidance note. The resolution gives the
# round tables no thematic titles, so none are invented here: reports name a round table by its
# number and list the Hub short names of its objectives (`RoundTable.theme`).
ROUND_TABLES: tuple[RoundTable, ...] = (
    RoundTable("RT1", "Round table 1", (2, 5, 6, 12, 18), "ILO, UNDP",
               "Ensuring that migration is voluntary, orderly and regular"),
    RoundTable("RT2", "Round table 2", (4, 8, 9, 10, 11, 13, 21), "IOM, UNODC",
               "Protecting migrants through rights-based border governance measures"),
    RoundTable("RT3", "Round table 3", (14, 15, 16, 19, 20, 22), "WHO, UNMGCY, UCLG",
               "Supporting the integration of migrants and acknowledging their contribution "
               "to development"),
    RoundTable("RT4", "Round table 4", (1, 3, 7, 17, 23), "OHCHR, UN DESA",
               "Improving value- and evidence-based policymaking and public debate, and "
               "enhancing cooperation on migration"),
)

# GCM para. 44 (implementation partners), with para. 15(j) wording where it differs.
STAKEHOLDER_GROUPS: dict[str, str] = {
    "migrants": "Migrants",
    "civil-society": "Civil society organizations",
    "diaspora": "Migrant and diaspora organizations",
    "faith-based": "Faith-based organizations",
    "local-authorities": "Local authorities and communities",
    "private-sector": "Private sector",
    "trade-unions": "Trade unions",
    "parliamentarians": "Parliamentarians",
    "nhri": "National human rights institutions",
    "red-cross": "International Red Cross and Red Crescent Movement",
    "academia": "Academia",
    "media": "Media",
    "other": "Other relevant stakeholders",
}

# Support a review may ask for (guidance note, annex 2).
SUPPORT_NEED_CATEGORIES: dict[str, str] = {
    "financing": "Financing",
    "capacity-building": "Capacity building",
    "policy-advice": "Policy advice",
    "data": "Data",
    "technology": "Technology",
    "partnerships": "Partnerships",
}

_OBJECTIVE_BY_NUMBER = {o.number: o for o in OBJECTIVES}
_ROUND_TABLE_BY_OBJECTIVE = {n: rt for rt in ROUND_TABLES for n in rt.objectives}


def objective(number: int) -> Objective:
    """Return objective ``number`` (1-23).

    Raises:
        KeyError: ``number`` is not a GCM objective.
    """
    try:
        return _OBJECTIVE_BY_NUMBER[number]
    except KeyError:
        raise KeyError(f"{number!r} is not a GCM objective (1-23)") from None


def round_table_of(number: int) -> RoundTable:
    """Return the round table whose background note covers objective ``number``."""
    objective(number)
    return _ROUND_TABLE_BY_OBJECTIVE[number]


def objectives_in_round_table_order() -> list[int]:
    """Return the 23 objective numbers grouped by round table (RT1 first), for table columns."""
    return [n for rt in ROUND_TABLES for n in rt.objectives]
