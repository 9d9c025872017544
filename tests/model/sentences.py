"""Clear sentences per objective and guiding principle, in English, French and Spanish.

Each row says the same thing in the three languages, so the tagger's answer should not depend on
the language. Written for these tests; not taken from any review.
"""

OBJECTIVE_SENTENCES: dict[int, dict[str, str]] = {
    1: {
        "en": "The national statistics office now publishes migration data disaggregated by sex "
              "and age from the census.",
        "fr": "L'institut national de la statistique publie désormais des données migratoires "
              "ventilées par sexe et par âge issues du recensement.",
        "es": "El instituto nacional de estadística publica ahora datos migratorios desglosados "
              "por sexo y edad a partir del censo.",
    },
    2: {
        "en": "Programmes on climate change adaptation and job creation in rural areas address "
              "the adverse drivers that push young people to leave their country of origin.",
        "fr": "Des programmes d'adaptation au changement climatique et de création d'emplois en "
              "zone rurale s'attaquent aux facteurs négatifs qui poussent les jeunes à quitter "
              "leur pays d'origine.",
        "es": "Los programas de adaptación al cambio climático y de creación de empleo en zonas "
              "rurales abordan los factores adversos que llevan a los jóvenes a abandonar su país "
              "de origen.",
    },
    3: {
        "en": "Pre-departure orientation sessions and an information campaign warn prospective "
              "migrants about the risks of irregular migration.",
        "fr": "Des séances d'orientation avant le départ et une campagne d'information alertent "
              "les candidats à la migration sur les risques de la migration irrégulière.",
        "es": "Las sesiones de orientación previa a la partida y una campaña de información "
              "advierten a los posibles migrantes sobre los riesgos de la migración irregular.",
    },
    4: {
        "en": "The civil registry now issues birth certificates and identity documents to "
              "migrants so that no child is left stateless.",
        "fr": "L'état civil délivre désormais des actes de naissance et des documents d'identité "
              "aux migrants afin qu'aucun enfant ne reste apatride.",
        "es": "El registro civil expide ahora actas de nacimiento y documentos de identidad a "
              "los migrantes para que ningún niño quede apátrida.",
    },
    5: {
        "en": "A new labour mobility agreement opens regular pathways through seasonal work "
              "permits and family reunification.",
        "fr": "Un nouvel accord de mobilité de la main-d'œuvre ouvre des voies de migration "
              "régulière grâce à des permis de travail saisonnier et au regroupement familial.",
        "es": "Un nuevo acuerdo de movilidad laboral abre vías de migración regular mediante "
              "permisos de trabajo de temporada y la reunificación familiar.",
    },
    6: {
        "en": "The labour inspectorate monitors recruitment agencies to ban recruitment fees "
              "charged to migrant workers and to guarantee decent work.",
        "fr": "L'inspection du travail contrôle les agences de recrutement afin d'interdire les "
              "frais de recrutement facturés aux travailleurs migrants et de garantir un travail "
              "décent.",
        "es": "La inspección del trabajo supervisa a las agencias de contratación para prohibir "
              "las comisiones de contratación cobradas a los trabajadores migrantes y garantizar "
              "el trabajo decente.",
    },
    7: {
        "en": "Migrants in situations of vulnerability, including survivors of violence, "
              "receive legal aid and psychosocial support.",
        "fr": "Les migrants en situation de vulnérabilité, y compris les survivants de violences, "
              "bénéficient d'une aide juridique et d'un soutien psychosocial.",
        "es": "Los migrantes en situación de vulnerabilidad, incluidos los sobrevivientes de "
              "violencia, reciben asistencia jurídica y apoyo psicosocial.",
    },
    8: {
        "en": "Search and rescue operations at sea save lives, and a forensic unit identifies "
              "the remains of missing migrants for their families.",
        "fr": "Les opérations de recherche et de sauvetage en mer sauvent des vies, et une unité "
              "médico-légale identifie les dépouilles des migrants disparus pour leurs familles.",
        "es": "Las operaciones de búsqueda y rescate en el mar salvan vidas, y una unidad forense "
              "identifica los restos de los migrantes desaparecidos para sus familias.",
    },
    9: {
        "en": "Police dismantled a network of smugglers who charged migrants to cross the sea, "
              "under the Protocol against the Smuggling of Migrants.",
        "fr": "La police a démantelé un réseau de passeurs qui faisait payer les migrants pour "
              "traverser la mer, en application du protocole contre le trafic illicite de "
              "migrants.",
        "es": "La policía desarticuló una red de traficantes que cobraba a los migrantes por "
              "cruzar el mar, en aplicación del Protocolo contra el tráfico ilícito de migrantes.",
    },
    10: {
        "en": "A national action plan against trafficking in persons strengthens the "
              "identification of victims of trafficking and the prosecution of traffickers.",
        "fr": "Un plan d'action national contre la traite des personnes renforce "
              "l'identification des victimes de la traite et la poursuite des trafiquants.",
        "es": "Un plan de acción nacional contra la trata de personas refuerza la identificación "
              "de las víctimas de trata y el enjuiciamiento de los tratantes.",
    },
    11: {
        "en": "Integrated border management and new border crossing points with trained border "
              "guards make border controls safer.",
        "fr": "La gestion intégrée des frontières et de nouveaux points de passage frontaliers "
              "dotés de gardes-frontières formés rendent les contrôles aux frontières plus sûrs.",
        "es": "La gestión integrada de fronteras y los nuevos pasos fronterizos con guardias "
              "fronterizos capacitados hacen más seguros los controles fronterizos.",
    },
    12: {
        "en": "At places of first arrival, a screening procedure and a referral mechanism direct "
              "each person to the appropriate service.",
        "fr": "Dans les lieux de première arrivée, une procédure de filtrage et un mécanisme "
              "d'orientation dirigent chaque personne vers le service approprié.",
        "es": "En los lugares de primera llegada, un procedimiento de detección y un mecanismo de "
              "derivación orientan a cada persona hacia el servicio adecuado.",
    },
    13: {
        "en": "The law now uses immigration detention only as a measure of last resort and "
              "favours alternatives to detention for families.",
        "fr": "La loi ne recourt désormais à la rétention administrative qu'en dernier ressort et "
              "privilégie les alternatives à la rétention pour les familles.",
        "es": "La ley utiliza ahora la detención migratoria solo como medida de último recurso y "
              "favorece las alternativas a la detención para las familias.",
    },
    14: {
        "en": "Consulates provide consular protection and assistance to nationals abroad who "
              "are in distress.",
        "fr": "Les consulats offrent une protection et une assistance consulaires aux "
              "ressortissants à l'étranger en détresse.",
        "es": "Los consulados brindan protección y asistencia consular a los nacionales en el "
              "exterior que se encuentran en dificultades.",
    },
    15: {
        "en": "All migrants, regardless of status, have access to basic services such as primary "
              "health care and schooling.",
        "fr": "Tous les migrants, quel que soit leur statut, ont accès aux services de base tels "
              "que les soins de santé primaires et la scolarisation.",
        "es": "Todos los migrantes, independientemente de su situación, tienen acceso a servicios "
              "básicos como la atención primaria de salud y la escolarización.",
    },
    16: {
        "en": "Free language courses and intercultural dialogue in host communities promote the "
              "inclusion of migrants and social cohesion.",
        "fr": "Des cours de langue gratuits et le dialogue interculturel dans les communautés "
              "d'accueil favorisent l'inclusion des migrants et la cohésion sociale.",
        "es": "Los cursos de idioma gratuitos y el diálogo intercultural en las comunidades de "
              "acogida promueven la inclusión de los migrantes y la cohesión social.",
    },
    17: {
        "en": "A campaign against xenophobia and racism trains journalists to counter hate "
              "speech and to report on migration based on facts.",
        "fr": "Une campagne contre la xénophobie et le racisme forme les journalistes à contrer "
              "les discours de haine et à parler de la migration à partir des faits.",
        "es": "Una campaña contra la xenofobia y el racismo capacita a periodistas para "
              "contrarrestar el discurso de odio e informar sobre la migración con base en hechos.",
    },
    18: {
        "en": "A national qualifications framework speeds up the recognition of foreign "
              "qualifications and diplomas of migrant workers.",
        "fr": "Un cadre national des qualifications accélère la reconnaissance des "
              "qualifications et des diplômes étrangers des travailleurs migrants.",
        "es": "Un marco nacional de cualificaciones agiliza el reconocimiento de títulos y "
              "cualificaciones extranjeras de los trabajadores migrantes.",
    },
    19: {
        "en": "A diaspora investment fund and a knowledge transfer programme help the diaspora "
              "contribute to development in the country of origin.",
        "fr": "Un fonds d'investissement de la diaspora et un programme de transfert de "
              "connaissances aident la diaspora à contribuer au développement du pays d'origine.",
        "es": "Un fondo de inversión de la diáspora y un programa de transferencia de "
              "conocimientos ayudan a la diáspora a contribuir al desarrollo del país de origen.",
    },
    20: {
        "en": "Mobile money services have cut the cost of remittances and improved the financial "
              "inclusion of migrant families.",
        "fr": "Les services d'argent mobile ont réduit le coût des envois de fonds et amélioré "
              "l'inclusion financière des familles migrantes.",
        "es": "Los servicios de dinero móvil han reducido el costo de las remesas y mejorado la "
              "inclusión financiera de las familias migrantes.",
    },
    21: {
        "en": "A readmission agreement and assisted voluntary return programmes support the "
              "sustainable reintegration of returnees.",
        "fr": "Un accord de réadmission et des programmes d'aide au retour volontaire soutiennent "
              "la réintégration durable des migrants de retour.",
        "es": "Un acuerdo de readmisión y programas de retorno voluntario asistido apoyan la "
              "reintegración sostenible de las personas retornadas.",
    },
    22: {
        "en": "A social security agreement guarantees the portability of pensions and other "
              "earned benefits for migrant workers.",
        "fr": "Un accord de sécurité sociale garantit la portabilité des pensions et des autres "
              "avantages acquis des travailleurs migrants.",
        "es": "Un convenio de seguridad social garantiza la portabilidad de las pensiones y de "
              "otras prestaciones adquiridas de los trabajadores migrantes.",
    },
    23: {
        "en": "Through South-South cooperation and the Global Forum on Migration and Development, "
              "the country strengthens international cooperation on migration.",
        "fr": "Grâce à la coopération Sud-Sud et au Forum mondial sur la migration et le "
              "développement, le pays renforce la coopération internationale en matière de "
              "migration.",
        "es": "Mediante la cooperación Sur-Sur y el Foro Mundial sobre Migración y Desarrollo, el "
              "país fortalece la cooperación internacional en materia de migración.",
    },
}

GUIDING_PRINCIPLE_SENTENCES: dict[str, dict[str, str]] = {
    "people-centred": {
        "en": "The strategy takes a people-centred approach that puts the well-being of "
              "migrants and their families first.",
        "fr": "La stratégie adopte une approche centrée sur les personnes qui place le bien-être "
              "des migrants et de leurs familles au premier plan.",
        "es": "La estrategia adopta un enfoque centrado en las personas que pone en primer lugar "
              "el bienestar de los migrantes y sus familias.",
    },
    "international-cooperation": {
        "en": "The two countries signed a bilateral agreement to deepen regional cooperation "
              "on migration.",
        "fr": "Les deux pays ont signé un accord bilatéral pour approfondir la coopération "
              "régionale en matière de migration.",
        "es": "Los dos países firmaron un acuerdo bilateral para profundizar la cooperación "
              "regional en materia de migración.",
    },
    "national-sovereignty": {
        "en": "The policy reaffirms the sovereign right of the State to determine its own "
              "migration policy.",
        "fr": "La politique réaffirme le droit souverain de l'État de définir sa propre "
              "politique migratoire.",
        "es": "La política reafirma el derecho soberano del Estado a determinar su propia "
              "política migratoria.",
    },
    "rule-of-law": {
        "en": "Every decision is subject to judicial review, and migrants have access to justice "
              "and due process.",
        "fr": "Chaque décision est soumise à un contrôle juridictionnel, et les migrants ont "
              "accès à la justice et à une procédure régulière.",
        "es": "Cada decisión está sujeta a control judicial, y los migrantes tienen acceso a la "
              "justicia y al debido proceso.",
    },
    "sustainable-development": {
        "en": "Migration policy is aligned with the 2030 Agenda and the Sustainable Development "
              "Goals.",
        "fr": "La politique migratoire est alignée sur le Programme 2030 et les objectifs de "
              "développement durable.",
        "es": "La política migratoria está alineada con la Agenda 2030 y los Objetivos de "
              "Desarrollo Sostenible.",
    },
    "human-rights": {
        "en": "The law protects the human rights of all migrants regardless of their migration "
              "status.",
        "fr": "La loi protège les droits de l'homme de tous les migrants, quel que soit leur "
              "statut migratoire.",
        "es": "La ley protege los derechos humanos de todos los migrantes, independientemente de "
              "su situación migratoria.",
    },
    "gender-responsive": {
        "en": "The plan is gender-responsive and addresses the specific needs of migrant women "
              "and girls.",
        "fr": "Le plan tient compte des questions de genre et répond aux besoins particuliers "
              "des femmes et des filles migrantes.",
        "es": "El plan tiene perspectiva de género y atiende las necesidades específicas de las "
              "mujeres y niñas migrantes.",
    },
    "child-sensitive": {
        "en": "Procedures are child-sensitive and the best interests of the child guide every "
              "decision.",
        "fr": "Les procédures sont adaptées aux enfants et l'intérêt supérieur de l'enfant guide "
              "chaque décision.",
        "es": "Los procedimientos tienen perspectiva infantil y el interés superior del niño "
              "guía cada decisión.",
    },
    "whole-of-government": {
        "en": "An inter-ministerial committee ensures policy coherence across all levels of "
              "government.",
        "fr": "Un comité interministériel assure la cohérence des politiques à tous les niveaux "
              "de gouvernement.",
        "es": "Un comité interministerial garantiza la coherencia de las políticas en todos los "
              "niveles de gobierno.",
    },
    "whole-of-society": {
        "en": "Civil society, trade unions and the private sector took part in a "
              "whole-of-society consultation.",
        "fr": "La société civile, les syndicats et le secteur privé ont participé à une "
              "consultation mobilisant l'ensemble de la société.",
        "es": "La sociedad civil, los sindicatos y el sector privado participaron en una "
              "consulta de toda la sociedad.",
    },
}

OFF_TOPIC_SENTENCES: dict[str, str] = {
    "en": "The weather was sunny all week and the football match ended in a draw.",
    "fr": "Il a fait beau toute la semaine et le match de football s'est terminé par un nul.",
    "es": "Hizo sol toda la semana y el partido de fútbol terminó en empate.",
}

REMITTANCE_CLAUSES: dict[str, str] = {
    "en": " Meanwhile, the remittances that migrants send home keep growing.",
    "fr": " Par ailleurs, les envois de fonds des migrants vers leur pays continuent de croître.",
    "es": " Además, las remesas que los migrantes envían a sus familias siguen creciendo.",
}
