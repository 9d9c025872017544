"""The words of the reports and charts in English, French and Spanish.

Objective titles and guiding-principle names come from ``imrf_analysis.reference.gcm`` (the official
wording); everything else a reader sees around the data is here. Quoted excerpts are never
translated: they stay in the language of the review.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pandas as pd
from babel import Locale
from babel.dates import format_date
from babel.numbers import format_percent

from imrf_analysis.reference import gcm, regions

REPORT_LANGUAGES: tuple[str, ...] = ("en", "fr", "es")

# key: (English, French, Spanish). Templates use str.format fields.
_TEXT: dict[str, tuple[str, str, str]] = {
    "synthesis_title": ("Regional synthesis of GCM reviews — {region} — cycle {cycle}",
                        "Synthèse régionale des examens du PMM — {region} — cycle {cycle}",
                        "Síntesis regional de los exámenes del PMM — {region} — ciclo {cycle}"),
    "round_table_title": ("{round_table}: {cluster} — material for the background note, "
                          "cycle {cycle}",
                          "{round_table} : {cluster} — éléments pour la note de synthèse, "
                          "cycle {cycle}",
                          "{round_table}: {cluster} — elementos para la nota de antecedentes, "
                          "ciclo {cycle}"),
    "drafted_by": ("Background note of the first IMRF (2022) prepared by {agencies}.",
                   "Note de synthèse du premier FEMI (2022) préparée par {agencies}.",
                   "Nota de antecedentes del primer FEMI (2022) preparada por {agencies}."),
    "unofficial_title": ("", "Titre du groupe thématique traduit par la compilation (non "
                             "officiel).",
                         "Título del grupo temático traducido por la compilación (no oficial)."),
    "background": ("Background", "Contexte", "Antecedentes"),
    "under_review": ("Objectives under review", "Objectifs examinés", "Objetivos examinados"),
    "trends": ("Trends, progress and challenges by objective",
               "Tendances, progrès et difficultés par objectif",
               "Tendencias, avances y dificultades por objetivo"),
    "questions": ("Suggested guiding questions", "Questions directrices suggérées",
                  "Preguntas orientativas sugeridas"),
    "questions_note": ("Suggestions drawn from the challenges the reviews report most often; "
                       "for the drafters to adapt or discard.",
                       "Suggestions tirées des difficultés les plus souvent rapportées par les "
                       "examens ; à adapter ou écarter par les rédacteurs.",
                       "Sugerencias extraídas de las dificultades que los exámenes señalan con "
                       "más frecuencia; los redactores pueden adaptarlas o descartarlas."),
    "question": ("{n} of {m} reviewing States report challenges on {objective}: what has "
                 "helped States overcome them, and what support would?",
                 "{n} des {m} États ayant soumis un examen font état de difficultés pour "
                 "{objective} : qu'est-ce qui a aidé les États à les surmonter, et quel appui "
                 "le ferait ?",
                 "{n} de los {m} Estados que presentaron un examen señalan dificultades en "
                 "{objective}: ¿qué ha ayudado a los Estados a superarlas y qué apoyo lo "
                 "haría?"),
    "digest_title": ("Digest of GCM reviews for the Secretary-General's report — cycle {cycle}",
                     "Synthèse des examens du PMM pour le rapport du Secrétaire général — "
                     "cycle {cycle}",
                     "Resumen de los exámenes del PMM para el informe del Secretario General — "
                     "ciclo {cycle}"),
    "all_regions": ("All regions", "Toutes les régions", "Todas las regiones"),
    "round_table": ("Round table {n}", "Table ronde {n}", "Mesa redonda {n}"),
    "generated": ("Generated {when}", "Produit le {when}", "Generado el {when}"),
    "contents": ("Contents", "Sommaire", "Índice"),
    "toc_update": ("Word: right-click here and choose Update Field to show the contents.",
                   "Word : cliquez ici avec le bouton droit et choisissez Mettre à jour les "
                   "champs pour afficher le sommaire.",
                   "Word: haga clic con el botón derecho aquí y elija Actualizar campos para "
                   "mostrar el índice."),
    "notice": ("Counts are produced automatically from tagged passages: check the quoted "
               "evidence before citing a figure. Stakeholder contributions are quoted as such "
               "and never counted as a State reporting.",
               "Les chiffres sont produits automatiquement à partir des passages étiquetés : "
               "vérifiez les extraits cités avant de reprendre un chiffre. Les contributions des "
               "parties prenantes sont citées comme telles et ne comptent jamais comme un État.",
               "Las cifras se generan automáticamente a partir de los pasajes etiquetados: "
               "verifique los extractos citados antes de citar una cifra. Las contribuciones de "
               "las partes interesadas se citan como tales y nunca cuentan como un Estado."),
    "method": ("Method", "Méthode", "Método"),
    "as_of": ("As of {date}, {n} of {m} member States had submitted a voluntary review "
              "({reviews} reviews; languages: {languages}; median length {pages} pages).",
              "Au {date}, {n} des {m} États membres avaient soumis un examen volontaire "
              "({reviews} examens ; langues : {languages} ; longueur médiane {pages} pages).",
              "Al {date}, {n} de los {m} Estados miembros habían presentado un examen voluntario "
              "({reviews} exámenes; idiomas: {languages}; extensión mediana {pages} páginas)."),
    "as_of_region": ("As of {date}, {n} of the {m} States of the region had submitted a "
                     "voluntary review ({reviews} reviews; languages: {languages}; median length "
                     "{pages} pages).",
                     "Au {date}, {n} des {m} États de la région avaient soumis un examen "
                     "volontaire ({reviews} examens ; langues : {languages} ; longueur médiane "
                     "{pages} pages).",
                     "Al {date}, {n} de los {m} Estados de la región habían presentado un examen "
                     "voluntario ({reviews} exámenes; idiomas: {languages}; extensión mediana "
                     "{pages} páginas)."),
    "contributions": ("{n} stakeholder contributions are quoted as evidence, never counted.",
                      "{n} contributions de parties prenantes sont citées, jamais comptées.",
                      "{n} contribuciones de partes interesadas se citan, nunca se cuentan."),
    "contributions#one": ("{n} stakeholder contribution is quoted as evidence, never counted.",
                          "{n} contribution de partie prenante est citée, jamais comptée.",
                          "{n} contribución de parte interesada se cita, nunca se cuenta."),
    "how": ("Each review was split into passages; each passage was tagged with the objectives "
            "and guiding principles it addresses and with what it reports (progress, a "
            "challenge, a good practice, a need for support). A review reports on an objective "
            "when a paragraph of its body about that objective states progress, a challenge or "
            "a good practice; an objective only named (on the cover, in a list of consulted "
            "organisations, a table note or in passing) is not counted. Every excerpt cites "
            "country, file and page, or the section and paragraph of a file without pages.",
            "Chaque examen a été découpé en passages ; chaque passage a été étiqueté selon les "
            "objectifs et principes directeurs qu'il traite et ce qu'il rapporte (progrès, "
            "difficulté, bonne pratique, besoin d'appui). Un examen rend compte d'un objectif "
            "lorsqu'un paragraphe de son corps consacré à cet objectif fait état de progrès, "
            "d'une difficulté ou d'une bonne pratique ; un objectif seulement cité (en "
            "couverture, dans la liste des organisations consultées, une note de tableau ou en "
            "passant) n'est pas compté. Chaque extrait cite le pays, le fichier et la page, ou "
            "la section et le paragraphe d'un fichier sans pages.",
            "Cada examen se dividió en pasajes; cada pasaje se etiquetó con los objetivos y "
            "principios rectores que aborda y con lo que informa (avance, dificultad, buena "
            "práctica, necesidad de apoyo). Un examen informa sobre un objetivo cuando un párrafo "
            "de su cuerpo dedicado a ese objetivo da cuenta de avances, de una dificultad o de "
            "una buena práctica; un objetivo solo mencionado (en la portada, en la lista de "
            "organizaciones consultadas, en una nota de cuadro o de pasada) no se cuenta. Cada "
            "extracto cita país, archivo y página, o la sección y el párrafo de un archivo sin "
            "páginas."),
    "documents": ("Documents compiled", "Documents compilés", "Documentos compilados"),
    "objective": ("Objective {n}: {title}", "Objectif {n} : {title}", "Objetivo {n}: {title}"),
    "reviews_count": ("{n} of {m} reviews report on this objective",
                      "{n} des {m} examens traitent de cet objectif",
                      "{n} de {m} exámenes informan sobre este objetivo"),
    "levels_count": ("Progress reported: {progress} · challenge reported: {challenge} · "
                     "good practice: {good} · support needed: {support}",
                     "Progrès : {progress} · difficulté : {challenge} · bonne pratique : {good} "
                     "· besoin d'appui : {support}",
                     "Avance: {progress} · dificultad: {challenge} · buena práctica: {good} · "
                     "necesidad de apoyo: {support}"),
    "no_evidence": ("No passage of these reviews was tagged for this objective.",
                    "Aucun passage de ces examens n'a été étiqueté pour cet objectif.",
                    "Ningún pasaje de estos exámenes se etiquetó para este objetivo."),
    "principles": ("Cross-cutting guiding principles", "Principes directeurs transversaux",
                   "Principios rectores transversales"),
    "principles_note": ("Reviews invoking each guiding principle in at least one passage.",
                        "Examens invoquant chaque principe directeur dans au moins un passage.",
                        "Exámenes que invocan cada principio rector en al menos un pasaje."),
    "stakeholders": ("Stakeholder groups consulted", "Parties prenantes consultées",
                     "Partes interesadas consultadas"),
    "stakeholders_note": ("Groups each review names as consulted or involved, with pages.",
                          "Groupes que chaque examen dit avoir consultés ou associés, avec pages.",
                          "Grupos que cada examen dice haber consultado o implicado, con "
                          "páginas."),
    "support": ("Support needs", "Besoins d'appui", "Necesidades de apoyo"),
    "good_practices": ("Good practices", "Bonnes pratiques", "Buenas prácticas"),
    "quarantine": ("Quarantined files", "Fichiers mis de côté", "Archivos apartados"),
    "no_quarantine": ("No file was quarantined in this run.",
                      "Aucun fichier n'a été mis de côté.", "No se apartó ningún archivo."),
    "paragraph": ("para. {n}", "par. {n}", "párr. {n}"),
    "original": ("{language} original", "original en {language}", "original en {language}"),
    "quoted_above": ("The excerpts of this kind are quoted above.",
                     "Les extraits de ce type sont cités plus haut.",
                     "Los extractos de este tipo se citan más arriba."),
    "no_page": ("no page", "sans page", "sin página"),
    "annex_analysts": ("Annex for analysts: files left out and validation findings",
                       "Annexe pour les analystes : fichiers mis de côté et contrôles de "
                       "validation",
                       "Anexo para analistas: archivos apartados y resultados de validación"),
    "annex_counts": ("Files left out in this run: {files}; validation findings: {findings}. "
                     "The regional syntheses list them; every check is in the",
                     "Fichiers mis de côté : {files} ; contrôles signalés : {findings}. Les "
                     "synthèses régionales les listent ; tous les contrôles figurent dans le",
                     "Archivos apartados: {files}; resultados de validación: {findings}. Las "
                     "síntesis regionales los enumeran; todas las verificaciones figuran en el"),
    "verified_figures": ("Verification: {v} of the {n} objective figures for {scope} rest only on "
                         "findings an analyst verified; {d} findings of these reviews were "
                         "decided by an analyst in all. The other figures are the model's "
                         "reading of the reviews.",
                         "Vérification : {v} des {n} chiffres par objectif pour {scope} ne "
                         "reposent que sur des constats vérifiés par un analyste ; {d} constats "
                         "de ces examens ont été tranchés par un analyste au total. Les autres "
                         "chiffres sont la lecture des examens par le modèle.",
                         "Verificación: {v} de las {n} cifras por objetivo para {scope} se "
                         "basan solo en constataciones verificadas por un analista; {d} "
                         "constataciones de estos exámenes fueron decididas por un analista en "
                         "total. Las demás cifras son la lectura de los exámenes por el modelo."),
    "verified_none": ("Verification: no finding of these reviews has been verified by an analyst "
                      "yet; every figure is the model's reading of the reviews. The review sheet "
                      "{sheet} lists the findings, least certain first, for analysts to confirm "
                      "or correct.",
                      "Vérification : aucun constat de ces examens n'a encore été vérifié par un "
                      "analyste ; chaque chiffre est la lecture des examens par le modèle. La "
                      "feuille de vérification {sheet} liste les constats, les moins sûrs "
                      "d'abord, pour que les analystes les confirment ou les corrigent.",
                      "Verificación: ninguna constatación de estos exámenes ha sido verificada "
                      "aún por un analista; cada cifra es la lectura de los exámenes por el "
                      "modelo. La hoja de verificación {sheet} enumera las constataciones, las "
                      "menos seguras primero, para que los analistas las confirmen o corrijan."),
    "decisions_unmatched": ("{n} decisions of analysts no longer match a passage of the reviews "
                            "and were not applied; data/processed/analyst_decisions.parquet "
                            "lists them with the reason.",
                            "{n} décisions d'analystes ne correspondent plus à un passage des "
                            "examens et n'ont pas été appliquées ; "
                            "data/processed/analyst_decisions.parquet les liste avec la raison.",
                            "{n} decisiones de analistas ya no corresponden a un pasaje de los "
                            "exámenes y no se aplicaron; data/processed/analyst_decisions.parquet "
                            "las enumera con el motivo."),
    "decisions_unmatched#one": ("One decision of an analyst no longer matches a passage of the "
                                "reviews and was not applied; "
                                "data/processed/analyst_decisions.parquet gives the reason.",
                                "Une décision d'analyste ne correspond plus à un passage des "
                                "examens et n'a pas été appliquée ; "
                                "data/processed/analyst_decisions.parquet en donne la raison.",
                                "Una decisión de un analista ya no corresponde a un pasaje de los "
                                "exámenes y no se aplicó; data/processed/analyst_decisions.parquet "
                                "da el motivo."),
    "verified_count": ("Verified by an analyst: {v} of these {n} reviews.",
                       "Vérifiés par un analyste : {v} de ces {n} examens.",
                       "Verificados por un analista: {v} de estos {n} exámenes."),
    "unread": ("Also submitted but could not be read, so not compiled: {files}.",
               "Également soumis mais illisibles, donc non compilés : {files}.",
               "También presentados pero ilegibles, por lo que no se compilaron: {files}."),
    "empty_region": ("No voluntary review from the {m} member States of {region} was compiled "
                     "for cycle {cycle}.",
                     "Aucun examen volontaire des {m} États membres de {region} n'a été compilé "
                     "pour le cycle {cycle}.",
                     "No se compiló ningún examen voluntario de los {m} Estados miembros de "
                     "{region} para el ciclo {cycle}."),
    "quarantine_more#one": ("… and {n} more file; every quarantined file is listed in "
                            "data/processed/quarantine.parquet.",
                            "… et {n} autre fichier ; tous les fichiers mis de côté sont listés "
                            "dans data/processed/quarantine.parquet.",
                            "… y {n} archivo más; todos los archivos apartados figuran en "
                            "data/processed/quarantine.parquet."),
    "quarantine_more": ("… and {n} more files; every quarantined file is listed in "
                        "data/processed/quarantine.parquet.",
                        "… et {n} autres fichiers ; tous les fichiers mis de côté sont listés dans "
                        "data/processed/quarantine.parquet.",
                        "… y {n} archivos más; todos los archivos apartados figuran en "
                        "data/processed/quarantine.parquet."),
    "findings": ("Validation findings", "Contrôles de validation", "Resultados de validación"),
    "findings_link": ("Every expectation checked in this run, passed or not:",
                      "Toutes les attentes vérifiées, satisfaites ou non :",
                      "Todas las expectativas verificadas, cumplidas o no:"),
    "data_docs": ("validation report (Data Docs)", "rapport de validation (Data Docs)",
                  "informe de validación (Data Docs)"),
    "no_findings": ("Every data contract passed.", "Tous les contrats de données sont respectés.",
                    "Se cumplieron todos los contratos de datos."),
    "annexes": ("Annexes", "Annexes", "Anexos"),
    "none": ("None.", "Aucun.", "Ninguno."),
    "counts_by_region": ("Reviews reporting, by region", "Examens par région",
                         "Exámenes por región"),
    "gaps": ("Gaps: objectives few States reported on", "Lacunes : objectifs peu traités",
             "Lagunas: objetivos poco tratados"),
    "gaps_note": ("Objectives reported on by fewer than a third of the reviews ({m}).",
                  "Objectifs traités par moins d'un tiers des examens ({m}).",
                  "Objetivos tratados por menos de un tercio de los exámenes ({m})."),
    "strongest": ("Strongest excerpts", "Extraits principaux", "Extractos principales"),
    "statements": ("Statements by objective", "Constats par objectif", "Constataciones por "
                   "objetivo"),
    "statement": ("{n} of {m} reviewing States reported progress on objective {k} ({title}).",
                  "{n} des {m} États ayant soumis un examen ont fait état de progrès sur "
                  "l'objectif {k} ({title}).",
                  "{n} de los {m} Estados examinados informaron avances en el objetivo {k} "
                  "({title})."),
    "examples": ("Examples", "Exemples", "Ejemplos"),
    "changes": ("Changes since the previous cycle", "Évolution depuis le cycle précédent",
                "Cambios desde el ciclo anterior"),
    "changes_note": ("States reporting each objective, as a share of the States that reviewed "
                     "in {previous} and in {cycle}; the change is counted among the {panel} "
                     "States that reviewed in both cycles, so that a change of reviewing "
                     "States is not read as a change of reporting.",
                     "États rendant compte de chaque objectif, en part des États ayant soumis "
                     "un examen en {previous} et en {cycle} ; l'évolution est comptée parmi "
                     "les {panel} États ayant soumis un examen aux deux cycles, pour ne pas "
                     "confondre un changement d'États avec un changement de compte rendu.",
                     "Estados que informan sobre cada objetivo, como proporción de los Estados "
                     "que presentaron un examen en {previous} y en {cycle}; el cambio se cuenta "
                     "entre los {panel} Estados que presentaron un examen en ambos ciclos, para "
                     "no confundir un cambio de Estados con un cambio en los informes."),
    "h_states_then": ("States reporting, {cycle}", "États rendant compte, {cycle}",
                      "Estados que informan, {cycle}"),
    "h_panel": ("Same {n} States: before → now", "Mêmes {n} États : avant → après",
                "Mismos {n} Estados: antes → ahora"),
    "one_cycle": ("Only one cycle is compiled: no comparison.",
                  "Un seul cycle est compilé : pas de comparaison.",
                  "Solo se compiló un ciclo: sin comparación."),
    "cite_context": ("Passage in context", "Passage dans son contexte", "Pasaje en contexto"),
    "close": ("Close", "Fermer", "Cerrar"),
    "stakeholder_quote": ("stakeholder contribution, not counted",
                          "contribution de partie prenante, non comptée",
                          "contribución de parte interesada, no contabilizada"),
    "small_n": ("Shares of fewer than {k} are indicative only: {groups}",
                "Parts calculées sur moins de {k}, à titre indicatif : {groups}",
                "Proporciones sobre menos de {k}, solo indicativas: {groups}"),
    "source": ("Source: {n} voluntary reviews, cycle {cycle}",
               "Source : {n} examens volontaires, cycle {cycle}",
               "Fuente: {n} exámenes voluntarios, ciclo {cycle}"),
    # Table headers and chart axes.
    "h_country": ("Country", "Pays", "País"),
    "h_file": ("File", "Fichier", "Archivo"),
    "h_kind": ("Kind", "Type", "Tipo"),
    "h_language": ("Language", "Langue", "Idioma"),
    "h_date": ("Date", "Date", "Fecha"),
    "h_pages": ("Pages", "Pages", "Páginas"),
    "h_objective": ("Objective", "Objectif", "Objetivo"),
    "h_round_table": ("Round table", "Table ronde", "Mesa redonda"),
    "page_of": ("page {n} of {m}", "page {n} sur {m}", "página {n} de {m}"),
    "h_region": ("Region", "Région", "Región"),
    "h_reviews": ("Reviews", "Examens", "Exámenes"),
    "h_reporting": ("Reporting", "En rendant compte", "Que informan"),
    "h_progress": ("Progress", "Progrès", "Avance"),
    "h_challenge": ("Challenge", "Difficulté", "Dificultad"),
    "h_good": ("Good practice", "Bonne pratique", "Buena práctica"),
    "h_support": ("Support needed", "Besoin d'appui", "Necesidad de apoyo"),
    "h_principle": ("Guiding principle", "Principe directeur", "Principio rector"),
    "h_group": ("Stakeholder group", "Partie prenante", "Parte interesada"),
    "h_stage": ("Stage", "Étape", "Etapa"),
    "h_reason": ("Reason", "Motif", "Motivo"),
    "h_hint": ("What to do", "Que faire", "Qué hacer"),
    "h_dataset": ("Dataset", "Jeu de données", "Conjunto de datos"),
    "h_expectation": ("Expectation", "Attente", "Expectativa"),
    "h_column": ("Column", "Colonne", "Columna"),
    "h_message": ("Message", "Message", "Mensaje"),
    "h_share": ("Share of reviewing States (%)", "Part des États (%)", "Proporción de Estados (%)"),
    "h_level": ("Level", "Niveau", "Nivel"),
    "h_states": ("States", "États", "Estados"),
    "h_previous": ("Previous cycle", "Cycle précédent", "Ciclo anterior"),
    "h_change": ("Change", "Évolution", "Cambio"),
    "c_heatmap": ("Coverage by country and objective", "Couverture par pays et objectif",
                  "Cobertura por país y objetivo"),
    "c_ranked": ("Objectives ranked by reviews reporting", "Objectifs classés par examens",
                 "Objetivos ordenados por exámenes"),
    "c_regions": ("Regions compared: share of reviews reporting per round table",
                  "Régions comparées : part des examens par table ronde",
                  "Regiones comparadas: proporción de exámenes por mesa redonda"),
    "c_principles": ("States invoking each guiding principle in 3 passages or more, by region",
                     "États invoquant chaque principe directeur dans 3 passages ou plus, par "
                     "région",
                     "Estados que invocan cada principio rector en 3 pasajes o más, por región"),
    "c_support": ("Support needs by category", "Besoins d'appui par catégorie",
                  "Necesidades de apoyo por categoría"),
    "a_round_table": ("Objective (grouped by round table)", "Objectif (par table ronde)",
                      "Objetivo (por mesa redonda)"),
    "a_reviews_reporting": ("Reviews reporting", "Examens traitant l'objectif",
                            "Exámenes que informan"),
    "a_share": ("Share of reviews (%)", "Part des examens (%)", "Proporción de exámenes (%)"),
}

_LEVELS: dict[str, tuple[str, str, str]] = {
    "not-mentioned": ("not mentioned", "non mentionné", "no mencionado"),
    "mentioned": ("mentioned", "mentionné", "mencionado"),
    "progress-reported": ("progress reported", "progrès rapportés", "avances informados"),
    "challenge-reported": ("challenge reported", "difficultés rapportées",
                           "dificultades informadas"),
    "progress-and-challenge": ("progress and challenge reported",
                               "progrès et difficultés rapportés",
                               "avances y dificultades informados"),
}
_CATEGORIES: dict[str, tuple[str, str, str]] = {
    "progress": ("Progress", "Progrès", "Avances"),
    "gap-or-challenge": ("Challenges and gaps", "Difficultés et lacunes", "Dificultades y lagunas"),
    "good-practice": ("Good practices", "Bonnes pratiques", "Buenas prácticas"),
    "support-needed": ("Support needs", "Besoins d'appui", "Necesidades de apoyo"),
    "mentioned": ("Mentions", "Mentions", "Menciones"),
}
_SUPPORT: dict[str, tuple[str, str]] = {
    "financing": ("Financement", "Financiación"),
    "capacity-building": ("Renforcement des capacités", "Desarrollo de capacidades"),
    "policy-advice": ("Conseil en politiques", "Asesoramiento normativo"),
    "data": ("Données", "Datos"),
    "technology": ("Technologie", "Tecnología"),
    "partnerships": ("Partenariats", "Alianzas"),
}
_GROUPS: dict[str, tuple[str, str]] = {
    "migrants": ("Migrants", "Migrantes"),
    "civil-society": ("Organisations de la société civile", "Organizaciones de la sociedad civil"),
    "diaspora": ("Organisations de migrants et de la diaspora",
                 "Organizaciones de migrantes y de la diáspora"),
    "faith-based": ("Organisations confessionnelles", "Organizaciones religiosas"),
    "local-authorities": ("Autorités et communautés locales", "Autoridades y comunidades locales"),
    "private-sector": ("Secteur privé", "Sector privado"),
    "trade-unions": ("Syndicats", "Sindicatos"),
    "parliamentarians": ("Parlementaires", "Parlamentarios"),
    "nhri": ("Institutions nationales des droits de l'homme",
             "Instituciones nacionales de derechos humanos"),
    "red-cross": ("Mouvement de la Croix-Rouge et du Croissant-Rouge",
                  "Movimiento de la Cruz Roja y de la Media Luna Roja"),
    "academia": ("Milieux universitaires", "Sector académico"),
    "media": ("Médias", "Medios de comunicación"),
    "other": ("Autres parties prenantes", "Otras partes interesadas"),
}
# The regional commissions' names and acronyms as the United Nations writes them in each
# language; GLOBAL is the whole world.
_COMMISSIONS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "ECA": (("ECA", "United Nations Economic Commission for Africa"),
            ("CEA", "Commission économique des Nations Unies pour l'Afrique"),
            ("CEPA", "Comisión Económica de las Naciones Unidas para África")),
    "ECE": (("ECE", "United Nations Economic Commission for Europe"),
            ("CEE", "Commission économique des Nations Unies pour l'Europe"),
            ("CEPE", "Comisión Económica de las Naciones Unidas para Europa")),
    "ECLAC": (("ECLAC", "Economic Commission for Latin America and the Caribbean"),
              ("CEPALC", "Commission économique pour l'Amérique latine et les Caraïbes"),
              ("CEPAL", "Comisión Económica para América Latina y el Caribe")),
    "ESCAP": (("ESCAP", "United Nations Economic and Social Commission for Asia and the "
                        "Pacific"),
              ("CESAP", "Commission économique et sociale des Nations Unies pour l'Asie et le "
                        "Pacifique"),
              ("CESPAP", "Comisión Económica y Social de las Naciones Unidas para Asia y el "
                         "Pacífico")),
    "ESCWA": (("ESCWA", "United Nations Economic and Social Commission for Western Asia"),
              ("CESAO", "Commission économique et sociale des Nations Unies pour l'Asie "
                        "occidentale"),
              ("CESPAO", "Comisión Económica y Social de las Naciones Unidas para Asia "
                         "Occidental")),
    "GLOBAL": (("World", "All regions"), ("Monde", "Toutes les régions"),
               ("Mundo", "Todas las regiones")),
}
# Unofficial translations of the round tables' cluster titles (no French or Spanish version
# was found); the packs say so.
_CLUSTERS: dict[str, tuple[str, str]] = {
    "RT1": ("Faire en sorte que la migration soit volontaire, ordonnée et régulière",
            "Garantizar que la migración sea voluntaria, ordenada y regular"),
    "RT2": ("Protéger les migrants grâce à une gouvernance des frontières fondée sur les droits",
            "Proteger a los migrantes mediante una gobernanza de fronteras basada en los "
            "derechos"),
    "RT3": ("Favoriser l'intégration des migrants et reconnaître leur contribution au "
            "développement",
            "Apoyar la integración de los migrantes y reconocer su contribución al desarrollo"),
    "RT4": ("Améliorer l'élaboration de politiques et le débat public fondés sur des valeurs et "
            "des données, et renforcer la coopération en matière de migration",
            "Mejorar la formulación de políticas y el debate público basados en valores y en "
            "datos empíricos, y reforzar la cooperación en materia de migración"),
}
_DOCUMENT_KINDS = {
    "national-review": ("Voluntary national review", "Examen national volontaire",
                        "Examen nacional voluntario"),
    "stakeholder-contribution": ("Stakeholder contribution", "Contribution de partie prenante",
                                 "Contribución de parte interesada"),
}
_ROUND_TABLE_NUMBER = {rt.code: rt.code.removeprefix("RT") for rt in gcm.ROUND_TABLES}


@dataclass(frozen=True)
class Labels:
    """The words of one report language; ``labels("key", n=3)`` fills a template."""

    lang: str = "en"

    def __post_init__(self) -> None:
        """Refuse a language the reports are not written in."""
        if self.lang not in REPORT_LANGUAGES:
            raise ValueError(f"report language {self.lang!r} is not one of {REPORT_LANGUAGES}")

    @property
    def _index(self) -> int:
        return REPORT_LANGUAGES.index(self.lang)

    def __call__(self, key: str, **values: object) -> str:
        """Return the text of ``key`` in this language, its ``{fields}`` filled from ``values``.

        A key with a ``"<key>#one"`` variant takes it when ``n`` is singular in this language
        (CLDR plural rules: 1 in English and Spanish, 0 and 1 in French).
        """
        singular = f"{key}#one"
        if singular in _TEXT and "n" in values and (
                self._locale.plural_form(int(values["n"])) == "one"):  # type: ignore[call-overload]
            key = singular
        return _TEXT[key][self._index].format(**values)

    def cluster(self, round_table: gcm.RoundTable) -> str:
        """Return the round table's cluster title (French and Spanish: unofficial)."""
        if self.lang == "en" or round_table.code not in _CLUSTERS:
            return round_table.cluster
        return _CLUSTERS[round_table.code][self._index - 1]

    def commission(self, code: str) -> str:
        """Return the full name of a commission (or "All regions" for ``GLOBAL``)."""
        names = _COMMISSIONS.get(code)
        return names[self._index][1] if names else code

    def region_code(self, code: str) -> str:
        """Return a commission's acronym in this language (ECLAC, CEPALC, CEPAL)."""
        names = _COMMISSIONS.get(code)
        return names[self._index][0] if names else code

    def country(self, iso3: str) -> str:
        """Return the short name of country ``iso3`` in this language."""
        try:
            return regions.country_name(iso3, self.lang)
        except ValueError:
            return iso3

    def with_country_names(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Return ``frame`` with its ``country_name`` column written in this language.

        Rows without an ISO3 code (a total row) keep their name; a frame without both columns
        is returned as it is.
        """
        if not {"country_name", "country_iso3"} <= set(frame.columns) or frame.empty:
            return frame
        names = {code: self.country(str(code)) for code in frame["country_iso3"].dropna().unique()
                 if code}
        return frame.assign(country_name=frame["country_iso3"].map(names)
                            .fillna(frame["country_name"]))

    def document_kind(self, kind: str) -> str:
        """Return a document kind (``national-review``…) in words."""
        names = _DOCUMENT_KINDS.get(kind)
        return names[self._index] if names else kind

    def objective_title(self, number: int) -> str:
        """Return the official title of objective ``number``."""
        return gcm.objective(number).title[self.lang]

    def objective_short(self, number: int) -> str:
        """Return ``"N – short name"`` of objective ``number``."""
        short = gcm.objective(number).short_name
        return f"{number} – {short.get(self.lang, short['en'])}"

    def round_table(self, code: str) -> str:
        """Return a round table's name, e.g. ``"Table ronde 2"`` for ``"RT2"``."""
        return self("round_table", n=_ROUND_TABLE_NUMBER[code])

    def principle(self, slug: str) -> str:
        """Return the name of a guiding principle."""
        principle = next(p for p in gcm.GUIDING_PRINCIPLES if p.slug == slug)
        return principle.name.get(self.lang, principle.name["en"])

    def level(self, level: str) -> str:
        """Return a coverage level (``progress-reported`` …) in words."""
        return _LEVELS[level][self._index]

    @property
    def _locale(self) -> Locale:
        # English editions follow United Nations usage: "22 January 2026".
        return Locale.parse("en_GB" if self.lang == "en" else self.lang)

    def language_name(self, code: str) -> str:
        """Return the name of language ``code`` (``"fr"``) in this language (CLDR, via babel)."""
        return str(self._locale.languages.get(code, code))

    def date(self, value: object) -> str:
        """Return an ISO date as written in this language, or ``"—"``.

        ``"2026-01-22"`` is "22 January 2026" / "22 janvier 2026" / "22 de enero de 2026"; a
        time after the date (``"2026-01-22 10:05 UTC"``) follows it: "…, 10:05 UTC".
        """
        text = str(value)
        try:
            day = datetime.date.fromisoformat(text[:10])
        except ValueError:
            return "—"
        written = format_date(day, format="long", locale=self._locale)
        return f"{written}, {text[11:]}" if len(text) > 11 else written

    def share(self, part: int, whole: int) -> str:
        """Return ``"3 / 17 (18%)"`` with the percent written as in this language, or "—"."""
        if not whole:
            return "—"
        return f"{part} / {whole} ({format_percent(part / whole, locale=self._locale)})"

    def category(self, category: str) -> str:
        """Return an evidence category (``progress``, ``gap-or-challenge`` …) as a heading."""
        return _CATEGORIES[category][self._index]

    def support_need(self, key: str) -> str:
        """Return a support-need category name."""
        return gcm.SUPPORT_NEED_CATEGORIES[key] if self.lang == "en" else _SUPPORT[key][
            self._index - 1]

    def stakeholder_group(self, key: str) -> str:
        """Return a stakeholder group name."""
        return gcm.STAKEHOLDER_GROUPS[key] if self.lang == "en" else _GROUPS[key][self._index - 1]
