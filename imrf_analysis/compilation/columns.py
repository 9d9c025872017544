"""What each compiled table and column means, in words for the readers of the workbook."""

from __future__ import annotations

TABLE_DESCRIPTIONS: dict[str, str] = {
    "documents": "Documents read: one row per file kept, with its country, commissions, kind, "
                 "language, pages and passages.",
    "quarantine": "Files set aside, the stage that set them aside, why, and what to do.",
    "submission_register": "Submission register: one row per document, superseded versions "
                           "included, with version links and content hash.",
    "regional_coverage": "Per region and cycle: member States, reviews submitted, share of "
                         "members reporting, languages and median length.",
    "country_objective_matrix": "One row per region × reviewing country × objective: the level "
                                "of reporting and the passage ids behind it.",
    "objective_totals": "One row per region × cycle × objective: reviews reporting it, with "
                        "progress, challenges, good practices, support needs and the change "
                        "since the previous cycle.",
    "round_table_evidence": "Excerpts per round table and objective, best first, by kind of "
                            "evidence, with country, document, page and passage id.",
    "principle_matrix": "One row per region × reviewing country × guiding principle: passages "
                        "and their ids.",
    "stakeholder_consultation": "One row per region × document × stakeholder group: passages "
                                "naming the group, their ids and pages.",
    "good_practice_register": "Good practices: one row per region × practice reported on an "
                              "objective, with its name, implementer, period and result where "
                              "the text states them, objectives, country and source.",
    "review_findings": "What each current document reports on each of the 23 objectives: "
                       "reported, progress, challenge, good practice, support needs, or only "
                       "mentioned; the passages behind each; the source of every count.",
    "challenge_register": "Challenges, gaps and requests for support: one row per region × "
                          "passage, with categories of support, objectives and source.",
    "coverage_gaps": "Objectives that no review in a region, or a given review, reports on.",
}

COLUMN_DESCRIPTIONS: dict[str, str] = {
    "region": "UN regional commission (ECA, ECE, ECLAC, ESCAP, ESCWA) or GLOBAL for every "
              "review",
    "cycle": "Review cycle (year of the International Migration Review Forum)",
    "document_id": "Document identifier: first 16 hex digits of the file's SHA-256",
    "file": "File name as submitted",
    "country_iso3": "ISO 3166-1 alpha-3 code of the reviewing country",
    "country_name": "Country name in English",
    "commissions": "Regional commissions of the country",
    "document_kind": "national-review (counted as a State) or stakeholder-contribution "
                     "(quoted, never counted)",
    "date": "Date of submission",
    "language": "Language declared in the register",
    "pages": ("Pages of the document, 0 when it has none (text, or Word not laid out); in "
              "stakeholder_consultation: pages naming the group"),
    "format": "File format",
    "version": "1 for the first submission of its country, cycle and kind; then 2, 3, …",
    "supersedes": "Document id of the earlier version this document replaces",
    "superseded_by": "Document id of the newer version that replaces this document",
    "current": "True when the document is counted (not superseded)",
    "sha256": "SHA-256 of the file",
    "member_states": "Member States of the region (its regional members; the 193 UN Member "
                     "States for GLOBAL)",
    "reviews_submitted": "Current national reviews submitted",
    "states_reporting": "Distinct States with a current national review",
    "share_of_members": "Member States reporting divided by member_states (0 to 1)",
    "stakeholder_contributions": "Current stakeholder contributions",
    "languages": "Declared languages of the national reviews",
    "median_pages": "Median pages of the national reviews",
    "label": "The count as a sentence fragment",
    "objective": "GCM objective number (1-23)",
    "objectives": "GCM objectives the passage is tagged with",
    "round_table": "IMRF round table of the objective (RT1-RT4)",
    "short_name": "Short name of the objective",
    "passages": "Passages (in country_objective_matrix: the body passages reporting on it)",
    "reviews": "The country's reviews reporting the objective",
    "reviews_total": "National reviews (of the country, or of the region)",
    "passage_ids": "Ids of the passages behind the count; see passages.parquet",
    "level": "not-mentioned, mentioned, progress-reported or challenge-reported (a challenge "
             "outranks progress, which outranks a mention)",
    "progress_passage_ids": "Passages reporting progress on the objective",
    "challenge_passage_ids": "Passages reporting a gap or challenge on the objective",
    "good_practice_passage_ids": "Passages presenting a good practice on the objective",
    "reviews_reporting": "National reviews reporting on the objective (see review_findings)",
    "countries_reporting": "Distinct States with a review reporting the objective",
    "countries_total": "Distinct States with a national review",
    "reviews_progress": "Reviews reporting progress on the objective",
    "reviews_challenge": "Reviews reporting a gap or challenge on the objective",
    "reviews_good_practice": "Reviews presenting a good practice on the objective",
    "reviews_support_needed": "Reviews asking for support on the objective",
    "previous_cycle": "The region's previous cycle in the data, if any",
    "reviews_reporting_previous": "Reviews reporting the objective in the previous cycle",
    "change": ("reviews_reporting minus reviews_reporting_previous: two different sets of "
               "reviews; compare the panel_ columns for the same States"),
    "countries_total_previous": "States with a review in the previous cycle",
    "countries_reporting_previous": "States reporting the objective in the previous cycle",
    "panel_countries": "States with a review in both this and the previous cycle",
    "panel_reporting_previous": "Of the panel_countries, those reporting in the previous cycle",
    "panel_reporting": "Of the panel_countries, those reporting in this cycle",
    "panel_change": "panel_reporting minus panel_reporting_previous (the same States)",
    "category": "Kind of evidence: progress, gap-or-challenge, good-practice, support-needed",
    "rank": "Order of the excerpt in its group, from 1; one per country before any second",
    "page": ("Page of the passage in its file; 0 when the file has no pages: cite its "
             "heading_path and paragraph instead"),
    "passage_id": "Passage identifier: <document_id>-<paragraph index>",
    "score": "Confidence of the tags behind the row, 0 to 1",
    "excerpt": "The passage shortened to about 60 words (… marks a cut)",
    "text": "The full passage",
    "support_needs": "Kinds of support asked for: financing, capacity-building, policy-advice, "
                     "data, technology, partnerships",
    "guiding_principle": "GCM guiding principle",
    "stakeholder_group": "Stakeholder group named in the passages",
    "metadata_source": "Where country, cycle and kind came from: register, file name or title "
                       "page",
    "stage": "Stage that set the file aside",
    "reason": "What is wrong with the file",
    "hint": "What to do about it",
    "scope": "region (no review of the region reports it) or review (this review does not)",
    "practice": "Name of the practice as the text gives it (empty when it gives none)",
    "implementer": "Who carries the practice out, as the text says (\"by …\")",
    "period": "Years the practice ran, e.g. 2022–2025, or 2023– for \"since 2023\"",
    "result": "The sentence stating the practice's result in figures",
    "reported": "True when a body paragraph of the review states progress, a challenge or a "
                "good practice on the objective",
    "progress": "True when the review reports progress on the objective",
    "challenge": "True when the review reports a gap, difficulty or pending reform on it",
    "good_practice": "True when the review presents a good practice on it",
    "mentioned_only": "True when the objective is named in the review (cover, lists, passing "
                      "mentions…) without being reported on: never counted",
    "support_passage_ids": "Passages asking for support on the objective",
    "mention_passage_ids": "Passages naming the objective without reporting on it",
    "confidence": "0 to 1: the best objective score times content score behind the finding",
}

