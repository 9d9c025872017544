"""Read a compilation run from Python: its datasets, the evidence behind a finding, comparisons.

``open_run`` takes the output folder of a run (the folder holding ``data/processed`` and
``reports``; the project folder after ``make run``) or its ``data/processed`` folder::

    >>> import imrf_analysis
    >>> run = imrf_analysis.open_run(".")
    >>> run.evidence(country="Senegal", objective=5, flag="progress")[["citation", "text"]]
    >>> run.coverage().pivot(index="objective", columns="region", values="label")
    >>> run.compare(regions=["ECA", "ECE"]).query("measure == 'challenge'")

Every count here is an aggregation of the review findings (``review_findings``), as the
compiled tables are: over current national reviews, a State in two commissions counting in
both, stakeholder contributions quoted but never counted. Only pandas is used: no Prefect, no
model is loaded (``tagging_errors`` takes the tagger it is given).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

import pandas as pd

from imrf_analysis.compilation.objectives import scoped_findings
from imrf_analysis.compilation.scope import (
    GLOBAL,
    NATIONAL_REVIEW,
    REGIONS,
    documents_in_region,
    national_reviews,
    region_documents,
)
from imrf_analysis.reference import gcm, regions
from imrf_analysis.store.catalog import PROCESSED_DATASETS, Catalog

if TYPE_CHECKING:
    from imrf_analysis.reporting.report.sources import PassageIndex
    from imrf_analysis.tagging.evaluation import ScoringTagger

__all__ = ["FLAGS", "Run", "RunNotFoundError", "open_run", "tagging_errors"]

# The findings a count is made of, in the order tables list them. ``support`` is a review
# asking for support on the objective (``support_needs`` not empty).
FLAGS: tuple[str, ...] = ("reported", "progress", "challenge", "good_practice", "support")
# Flag -> the review findings' list of the passages behind it. "mentioned": passages naming
# the objective without reporting on it (evidence of nothing counted).
_FLAG_PASSAGES: dict[str, str] = {
    "reported": "passage_ids", "progress": "progress_passage_ids",
    "challenge": "challenge_passage_ids", "good_practice": "good_practice_passage_ids",
    "support": "support_passage_ids", "mentioned": "mention_passage_ids"}
_FLAG_ALIASES: dict[str, str] = {
    "good-practice": "good_practice", "gap-or-challenge": "challenge",
    "support_needs": "support", "support-needed": "support", "support_needed": "support",
    "mentioned_only": "mentioned"}
# The columns the findings have always had; any other column (an analyst's decision, a
# verification mark) is carried into ``evidence`` as it is.
_BASE_FINDING_COLUMNS = frozenset((
    "document_id", "file", "country_iso3", "cycle", "document_kind", "language", "objective",
    "round_table", "reported", "progress", "challenge", "good_practice", "support_needs",
    "mentioned_only", *_FLAG_PASSAGES.values(), "confidence"))
# Measure -> the objective_totals column counting it.
_MEASURE_COLUMNS: dict[str, str] = {
    "reported": "reviews_reporting", "progress": "reviews_progress",
    "challenge": "reviews_challenge", "good_practice": "reviews_good_practice",
    "support": "reviews_support_needed"}
# Files a folder must hold to be a run's data/processed folder.
_RUN_FILES: tuple[str, ...] = ("documents", "passages", "review_findings")


class RunNotFoundError(FileNotFoundError):
    """The folder given holds no compilation run."""


def open_run(path: str | Path) -> Run:
    """Open the compilation run written in ``path``.

    Args:
        path: The output folder of a run (holding ``data/processed`` and ``reports``; the
            project folder for ``make run``), or its ``data/processed`` folder itself.

    Raises:
        RunNotFoundError: ``path`` holds no run; the message names the path and what is missing.

    Example::

        >>> run = open_run("/data/imrf-2026")   # or "/data/imrf-2026/data/processed"
        >>> run.cycles, run.regions
        (['2026'], ['ECA', 'ECE', 'ECLAC', 'ESCAP', 'ESCWA', 'GLOBAL'])
    """
    folder = Path(path).expanduser().absolute()
    if not folder.is_dir():
        raise RunNotFoundError(f"{folder}: no such folder (give the output folder of a run, "
                               "holding data/processed and reports, or its data/processed)")
    catalog = Catalog.under(folder / "data" / "raw", folder)
    processed = catalog.processed_dir
    if _holds_run(processed):
        return Run(catalog)
    if _holds_run(folder):
        # <output>/data/processed given: the reports sit beside it, two levels up.
        output = folder.parent.parent if folder.parent.name == "data" else folder
        return Run(replace(Catalog.under(output / "data" / "raw", output),
                           processed_dir=folder))
    expected = ", ".join(PROCESSED_DATASETS[name] for name in _RUN_FILES)
    raise RunNotFoundError(
        f"{folder}: no compilation run here; expected {expected} in {processed} (an output "
        "folder of `imrf run`) or in the folder itself (its data/processed)")


def _holds_run(folder: Path) -> bool:
    return all((folder / PROCESSED_DATASETS[name]).is_file() for name in _RUN_FILES)


class _Dataset:
    """A dataset of the run, read from its Parquet file on first use and kept."""

    def __init__(self, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, run: None, owner: type) -> _Dataset: ...

    @overload
    def __get__(self, run: Run, owner: type) -> pd.DataFrame: ...

    def __get__(self, run: Run | None, owner: type) -> pd.DataFrame | _Dataset:
        return self if run is None else run.dataset(self.name)


class Run:
    """The datasets of one compilation run, and ways to read them.

    Every dataset is read on first use and kept (the frames are shared: copy one before
    changing it in place).

    Attributes:
        catalog: Where the run's datasets and reports are.
        findings: ``review_findings``: one row per current review x objective, its flags and
            the passages behind each.
        passages, tags, documents: The run's passages, their tags, and every document read.
        submission_register, regional_coverage, country_objective_matrix, objective_totals,
        round_table_evidence, principle_matrix, stakeholder_consultation,
        good_practice_register, challenge_register, coverage_gaps, quarantine: the compiled
            tables, as in ``reports/<cycle>/``.

    Example::

        >>> run = open_run(".")
        >>> run.objective_totals.query("region == 'ECA' and objective == 5")["label"]
        >>> run.evidence(country="SEN", objective=5)[["citation", "evidence_of", "text"]]
    """

    findings = _Dataset("review_findings")
    passages = _Dataset("passages")
    tags = _Dataset("tags")
    documents = _Dataset("documents")
    quarantine = _Dataset("quarantine")
    submission_register = _Dataset("submission_register")
    regional_coverage = _Dataset("regional_coverage")
    country_objective_matrix = _Dataset("country_objective_matrix")
    objective_totals = _Dataset("objective_totals")
    round_table_evidence = _Dataset("round_table_evidence")
    principle_matrix = _Dataset("principle_matrix")
    stakeholder_consultation = _Dataset("stakeholder_consultation")
    good_practice_register = _Dataset("good_practice_register")
    challenge_register = _Dataset("challenge_register")
    coverage_gaps = _Dataset("coverage_gaps")

    def __init__(self, catalog: Catalog) -> None:
        """Read the run written under ``catalog`` (``open_run`` finds it from a path)."""
        self.catalog = catalog
        self._frames: dict[str, pd.DataFrame] = {}
        self._index: PassageIndex | None = None

    def __repr__(self) -> str:
        """Say where the run is and what it holds."""
        reviews = national_reviews(self._current)
        return (f"<Run {self.catalog.output_dir}: {reviews['document_id'].nunique()} national "
                f"reviews, cycles {', '.join(self.cycles)}>")

    # -- datasets ---------------------------------------------------------------------------

    @property
    def datasets(self) -> list[str]:
        """The names of the datasets this run holds (``PROCESSED_DATASETS`` keys)."""
        return [name for name in PROCESSED_DATASETS if self.catalog.path(name).is_file()]

    def dataset(self, name: str) -> pd.DataFrame:
        """Return dataset ``name`` of the run (a Parquet dataset of ``PROCESSED_DATASETS``).

        Raises:
            KeyError: ``name`` is not a dataset name.
            FileNotFoundError: the run has no such file (an older run); names the path.
        """
        if name not in self._frames:
            path = self.catalog.path(name)
            if path.suffix != ".parquet":
                raise KeyError(f"{name!r} is not a table ({path.name}); see Run.manifest")
            if not path.is_file():
                raise FileNotFoundError(f"{path}: this run has no {name} dataset")
            self._frames[name] = self.catalog.load(name)
        return self._frames[name]

    @property
    def manifest(self) -> dict[str, Any]:
        """The run's manifest (``run_manifest.json``): counts, inputs, outputs and timings."""
        return dict(json.loads(self.catalog.path("manifest").read_text(encoding="utf-8")))

    @property
    def reports_dir(self) -> Path:
        """The folder of the run's reports, tables and charts (``reports/<cycle>/``)."""
        return self.catalog.reports_dir

    @property
    def cycles(self) -> list[str]:
        """The review cycles of the run's current documents, in order."""
        return sorted(self._current["cycle"].astype(str).unique())

    @property
    def regions(self) -> list[str]:
        """The regional commissions with a current national review, and ``GLOBAL`` last."""
        present = set(national_reviews(self._scoped)["region"])
        return [region for region in REGIONS if region in present]

    @property
    def _current(self) -> pd.DataFrame:
        """The documents counted: every one not superseded by a newer version."""
        documents = self.documents
        if "superseded_by" in documents.columns:
            documents = documents[documents["superseded_by"].isna()]
        documents = documents.assign(cycle=documents["cycle"].astype(str))
        return documents.reset_index(drop=True)

    @property
    def _scoped(self) -> pd.DataFrame:
        """One row per region x current document (GLOBAL holds every one)."""
        if "_scoped" not in self._frames:
            self._frames["_scoped"] = region_documents(self._current)
        return self._frames["_scoped"]

    # -- findings and their evidence --------------------------------------------------------

    def findings_in(self, region: str = GLOBAL, cycle: str | int | None = None,
                    country: str | None = None) -> pd.DataFrame:
        """Return the findings of the national reviews of ``region``: a row per review x objective.

        The rows the region's counts are made of, with the country's name and the objective's
        short name; sort them by ``confidence`` to read the least certain first.

        Args:
            region: A regional commission (``"ECA"``…) or ``"GLOBAL"`` (every review).
            cycle: Only this cycle.
            country: Only this country (ISO3 code or English name).

        Example::

            >>> cells = run.findings_in("ECA")
            >>> cells[cells["reported"]].sort_values("confidence").head(10)
        """
        region = self._region(region)
        rows = scoped_findings(self._scoped, self.findings)
        rows = rows[rows["region"] == region]
        if cycle is not None:
            rows = rows[rows["cycle"] == self._cycle(cycle)]
        if country is not None:
            rows = rows[rows["country_iso3"] == self._country(country)]
        names = self._country_names()
        rows = rows.assign(
            country_name=rows["country_iso3"].map(names),
            objective_name=rows["objective"].map(_short_name),
            passages=rows["passage_ids"].map(len).astype(int))
        first = ["region", "cycle", "country_iso3", "country_name", "file", "objective",
                 "objective_name", "round_table", *FLAGS[:-1], "support_needs",
                 "mentioned_only", "confidence", "passages"]
        first = [column for column in first if column in rows.columns]
        return rows[first + [c for c in rows.columns if c not in first]].sort_values(
            ["cycle", "country_iso3", "objective"], kind="stable", ignore_index=True)

    def reviews_counted(self, region: str, objective: int, measure: str = "reported",
                        cycle: str | int | None = None) -> pd.DataFrame:
        """Return the national reviews a count of the reports is made of.

        ``objective_totals`` says e.g. "4 of 6 reviews" report on objective 5 in ECA: these are
        the 4, one row per review with its finding; ``evidence`` gives their passages.

        Args:
            region: A regional commission or ``"GLOBAL"``.
            objective: An objective number, 1 to 23.
            measure: One of ``FLAGS``: ``reported`` (``reviews_reporting``), ``progress``,
                ``challenge``, ``good_practice``, ``support`` (``reviews_support_needed``).
            cycle: Only this cycle (the totals have one row per cycle).

        Example::

            >>> counted = run.reviews_counted("ECA", 5, "challenge")
            >>> len(counted)   # == objective_totals' reviews_challenge of ECA, objective 5
        """
        flag = _flag(measure, allowed=FLAGS)
        number = _objective(objective)
        rows = self.findings_in(region, cycle)
        rows = rows[rows["objective"] == number]
        return rows[_flag_values(rows, flag)].reset_index(drop=True)

    def evidence(self, country: str | None = None, objective: int | None = None,
                 flag: str | None = None, *, region: str | None = None,
                 cycle: str | int | None = None) -> pd.DataFrame:
        """Return the passages behind the findings, with their context and citations.

        One row per review x objective x passage. ``evidence_of`` lists the flags the passage
        is evidence of; ``citation`` is the citation as the reports print it, e.g.
        ``"(Senegal, senegal-review.pdf, p. 4)"`` or, for a file without pages,
        ``"(Morocco, maroc.docx, § Objectif 5, para. 2)"``. Each row has the passage's
        ``text``, ``heading_path``, and the texts of the passages just before and after it in
        its document (``previous_text``, ``next_text``). Columns a later run adds to the
        findings (an analyst's decision, say) come along.

        Args:
            country: ISO3 code or name (English, French or Spanish) of the reviewing State.
            objective: An objective number, 1 to 23.
            flag: ``reported``, ``progress``, ``challenge``, ``good_practice``, ``support`` or
                ``mentioned`` (passages naming the objective without reporting on it); by
                default the passages behind any counted flag (reported or support).
            region: Only reviews of this regional commission.
            cycle: Only this cycle.

        Raises:
            ValueError: an unknown country, objective, flag, region or cycle, or a country
                with no document in the run.

        Example::

            >>> rows = run.evidence(country="Senegal", objective=5, flag="challenge")
            >>> for row in rows.itertuples():
            ...     print(row.citation, row.text)
        """
        findings = self.findings
        if country is not None:
            findings = findings[findings["country_iso3"] == self._country(country)]
        if objective is not None:
            findings = findings[findings["objective"] == _objective(objective)]
        if region is not None:
            inside = documents_in_region(self._current, self._region(region))
            findings = findings[findings["document_id"].isin(inside["document_id"])]
        if cycle is not None:
            findings = findings[findings["cycle"].astype(str) == self._cycle(cycle)]
        wanted = FLAGS if flag is None else (_flag(flag, allowed=(*FLAGS, "mentioned")),)
        listed = [f for f in _FLAG_PASSAGES if f != "mentioned" or "mentioned" in wanted]
        behind = _passages_behind(findings, listed)
        behind = behind[behind["evidence_of"].map(
            lambda flags: bool(set(flags) & set(wanted))).astype(bool)]
        extras = [c for c in findings.columns if c not in _BASE_FINDING_COLUMNS]
        cells = findings[["document_id", "objective", "file", "country_iso3", "cycle",
                          "document_kind", "confidence", *extras]]
        rows = behind.merge(cells, on=["document_id", "objective"], how="left")
        rows = rows.merge(self._passage_context(), on="passage_id", how="left",
                          suffixes=("", "_passage"))
        rows["country_name"] = rows["country_iso3"].map(self._country_names())
        rows["objective_name"] = rows["objective"].map(_short_name)
        rows["page"] = rows["page"].fillna(0).astype(int)
        # A State's own review first, then contributions on it; passages in document order.
        rows = rows.sort_values(["cycle", "country_iso3", "objective", "document_kind",
                                 "document_id", "paragraph_index"], kind="stable",
                                ignore_index=True)
        rows["where"], rows["citation"] = self._citations(rows)
        columns = ["country_iso3", "country_name", "cycle", "document_kind", "file", "objective",
                   "objective_name", "evidence_of", "passage_id", "page", "where", "citation",
                   "heading_path", "text", "previous_text", "next_text", "language",
                   "confidence", *extras, "document_id"]
        return rows[columns]

    def citation(self, passage_id: str) -> str:
        """Return the citation of one passage as the reports print it.

        Example::

            >>> run.citation("8c227fb48a455b29-0012")
            '(Bangladesh, bangladesh-gcm-review-2026.pdf, p. 2)'
        """
        rows = self.passages[self.passages["passage_id"] == passage_id]
        if rows.empty:
            raise ValueError(f"passage {passage_id!r} is not in this run")
        row = rows.iloc[0]
        document = self.documents[self.documents["document_id"] == row["document_id"]].iloc[0]
        frame = pd.DataFrame([{"passage_id": passage_id, "page": int(row["page"]),
                               "country_name": document["country_name"],
                               "file": document["file"],
                               "document_kind": document["document_kind"]}])
        return str(self._citations(frame)[1][0])

    def _passage_context(self) -> pd.DataFrame:
        """Each passage with the texts of the passages before and after it in its document."""
        if "_context" not in self._frames:
            columns = ["passage_id", "document_id", "paragraph_index", "page", "heading_path",
                       "text", "language"]
            ordered = self.passages[columns].sort_values(["document_id", "paragraph_index"],
                                                         kind="stable")
            same = ordered.groupby("document_id", sort=False)["text"]
            self._frames["_context"] = ordered.assign(
                previous_text=same.shift(1), next_text=same.shift(-1)).drop(
                columns="document_id")
        return self._frames["_context"]

    def _citations(self, rows: pd.DataFrame) -> tuple[list[str], list[str]]:
        """Return where each passage is in its file, and its citation, as the reports write them."""
        from imrf_analysis.reporting.report.labels import Labels
        from imrf_analysis.reporting.report.model import Citation
        from imrf_analysis.reporting.report.sources import index_passages

        if self._index is None:
            self._index = index_passages(self.passages)
        labels = Labels("en")
        wheres, citations = [], []
        for row in rows[["passage_id", "page", "country_name", "file",
                         "document_kind"]].itertuples(index=False):
            where = self._index.where(str(row.passage_id), int(row.page), labels)
            citation = Citation(str(row.passage_id), str(row.country_name), str(row.file),
                                int(row.page), stakeholder=row.document_kind != NATIONAL_REVIEW,
                                where=where)
            wheres.append(where)
            citations.append(citation.text())
        return wheres, citations

    # -- counts -----------------------------------------------------------------------------

    def compare(self, regions: Iterable[str] | None = None,
                cycles: Iterable[str | int] | None = None,
                measures: Sequence[str] = FLAGS) -> pd.DataFrame:
        """Compare regions and cycles objective by objective, as a tidy frame.

        One row per region x cycle x objective x measure: ``reviews`` (national reviews with
        that finding), ``reviews_total`` (national reviews of the region in the cycle),
        ``share`` (0..1) and ``label`` ("4 of 6 reviews"): the counts of the published
        ``objective_totals`` (``reviews_reporting``, ``reviews_progress``…), one per row.

        Args:
            regions: Regional commissions and/or ``"GLOBAL"`` (default: every region present).
            cycles: Cycles (default: every cycle of the run).
            measures: Among ``FLAGS``: reported, progress, challenge, good_practice, support.

        Example::

            >>> table = run.compare(regions=["ECA", "ECLAC"], measures=["reported"])
            >>> table.pivot(index="objective", columns="region", values="share").plot.bar()
        """
        chosen_regions = (self.regions if regions is None
                          else [self._region(r) for r in _listed(regions)])
        chosen_cycles = (self.cycles if cycles is None
                         else [self._cycle(c) for c in _listed(cycles)])
        flags = [_flag(m, allowed=FLAGS) for m in _listed(measures)]
        # The published counts, reshaped: one source for every "N of M reviews".
        totals = self.objective_totals.assign(
            cycle=lambda frame: frame["cycle"].astype(str))
        totals = totals[totals["region"].isin(chosen_regions)
                        & totals["cycle"].isin(chosen_cycles) & (totals["reviews_total"] > 0)]
        table = totals.melt(
            id_vars=["region", "cycle", "objective", "round_table", "reviews_total"],
            value_vars=[_MEASURE_COLUMNS[flag] for flag in flags], var_name="measure",
            value_name="reviews")
        table["measure"] = table["measure"].map({v: k for k, v in _MEASURE_COLUMNS.items()})
        table["reviews"] = table["reviews"].astype(int)
        table["share"] = table["reviews"] / table["reviews_total"]
        table["label"] = (table["reviews"].astype(str) + " of "
                          + table["reviews_total"].astype(str) + " reviews")
        table["objective_name"] = table["objective"].map(_short_name)
        order = {name: rank for rank, name in enumerate(REGIONS)}
        measure_order = {name: rank for rank, name in enumerate(flags)}
        table = table.sort_values(
            ["region", "cycle", "objective", "measure"], kind="stable",
            key=lambda column: (column.map(order) if column.name == "region" else
                                column.map(measure_order) if column.name == "measure"
                                else column), ignore_index=True)
        return table[["region", "cycle", "objective", "objective_name", "round_table",
                      "measure", "reviews", "reviews_total", "share", "label"]]

    def coverage(self, regions: Iterable[str] | None = None,
                 cycles: Iterable[str | int] | None = None) -> pd.DataFrame:
        """Return how many national reviews report on each objective, per region and cycle.

        One row per region x cycle x objective: ``reviews_reporting``, ``reviews_total``,
        ``share`` and ``label`` ("N of M reviews", as the reports print it).

        Example::

            >>> run.coverage().pivot(index="objective", columns="region", values="label")
        """
        table = self.compare(regions, cycles, measures=("reported",))
        return table.drop(columns="measure").rename(columns={"reviews": "reviews_reporting"})

    # -- names ------------------------------------------------------------------------------

    def _country_names(self) -> dict[str, str]:
        names = self.documents.drop_duplicates("country_iso3").set_index("country_iso3")
        return {str(code): str(name) for code, name in names["country_name"].items()}

    def _country(self, value: str) -> str:
        """Return the ISO3 code of a country of the run, given its code or its name."""
        text = str(value).strip()
        known = set(self.documents["country_iso3"].astype(str))
        code = text.upper() if text.upper() in known else regions.country_iso3(text)
        if code is None and len(text) == 3 and text.isalpha():
            code = text.upper()
        if code is None:
            raise ValueError(f"unknown country {value!r}: give an ISO3 code (SEN) or a name "
                             "(Senegal, Sénégal)")
        if code not in known:
            raise ValueError(f"{value!r} ({code}) has no document in the run at "
                             f"{self.catalog.processed_dir}; countries: {', '.join(sorted(known))}")
        return code

    def _region(self, value: str) -> str:
        code = str(value).strip().upper()
        if code not in REGIONS:
            raise ValueError(f"unknown region {value!r}; expected one of {', '.join(REGIONS)}")
        if code not in self.regions:
            raise ValueError(f"region {code} has no national review in the run at "
                             f"{self.catalog.processed_dir}; regions: {', '.join(self.regions)}")
        return code

    def _cycle(self, value: str | int) -> str:
        cycle = str(value).strip()
        if cycle not in self.cycles:
            raise ValueError(f"cycle {cycle!r} is not in the run at {self.catalog.processed_dir}"
                             f"; cycles: {', '.join(self.cycles)}")
        return cycle


def _passages_behind(findings: pd.DataFrame, flags: Sequence[str]) -> pd.DataFrame:
    """Return one row per document x objective x passage with the flags it is evidence of."""
    frames = []
    for flag in flags:
        column = _FLAG_PASSAGES[flag]
        exploded = findings[["document_id", "objective", column]].explode(column).dropna(
            subset=[column])
        frames.append(pd.DataFrame({"document_id": exploded["document_id"].astype(str),
                                    "objective": exploded["objective"].astype(int),
                                    "passage_id": exploded[column].astype(str),
                                    "flag": flag}))
    if not frames or all(frame.empty for frame in frames):
        return pd.DataFrame({"document_id": pd.Series(dtype=str),
                             "objective": pd.Series(dtype=int),
                             "passage_id": pd.Series(dtype=str),
                             "evidence_of": pd.Series(dtype=object)})
    rank = {flag: position for position, flag in enumerate(_FLAG_PASSAGES)}
    every = pd.concat(frames, ignore_index=True)
    grouped = every.groupby(["document_id", "objective", "passage_id"], sort=False)["flag"]
    return grouped.agg(lambda values: sorted(set(values), key=rank.__getitem__)).rename(
        "evidence_of").reset_index()


def _flag_values(findings: pd.DataFrame, flag: str) -> pd.Series:
    """Return, per finding row, whether it has ``flag`` (as ``objective_totals`` counts it)."""
    if flag == "support":
        return findings["support_needs"].map(
            lambda needs: needs is not None and len(needs) > 0).astype(bool)
    if flag == "mentioned":
        return findings["mentioned_only"].astype(bool)
    return findings[flag].astype(bool)


def _flag(value: str, allowed: Sequence[str]) -> str:
    flag = _FLAG_ALIASES.get(str(value), str(value))
    if flag not in allowed:
        raise ValueError(f"unknown flag {value!r}; expected one of {', '.join(allowed)}")
    return flag


def _objective(value: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number not in gcm.OBJECTIVE_NUMBERS:
        raise ValueError(f"objective {value!r} is not a GCM objective (1 to 23)")
    return number


def _short_name(number: int) -> str:
    return gcm.objective(int(number)).short_name["en"]


def _listed(values: Iterable[Any]) -> list[Any]:
    """Return ``values`` as a list; a single string is one value, not its characters."""
    return [values] if isinstance(values, str | int) else list(values)


def tagging_errors(rows: Sequence[dict[str, Any]], tagger: ScoringTagger) -> pd.DataFrame:
    """Return the tagger's mistakes on labelled passages: one row per false positive or negative.

    ``rows`` are labelled passages as ``imrf evaluate`` reads them (``text``, ``language``,
    ``objectives``, ``guiding_principles``, optional ``heading_path``, ``labels_complete``,
    ``id``); the labels are judged as ``imrf_analysis.tagging.evaluation.evaluate`` judges them:
    a row
    whose ``labels_complete`` is ``"no"`` has no false positive, a row whose
    ``guiding_principles`` is null has its principles not judged.

    Returns:
        Columns ``row`` (position in ``rows``), ``id``, ``language``, ``kind`` (objective or
        guiding principle), ``label``, ``error`` (``false positive`` / ``false negative``),
        ``score`` and ``threshold`` (what the label needed), ``text``.

    Example::

        >>> from imrf_analysis.tagging import Tagger
        >>> tagging_errors([{"text": "Remittance costs fell to 3%.", "language": "en",
        ...                  "objectives": [20], "guiding_principles": []}], Tagger.load())
    """
    scores = tagger.score([str(row.get("text") or "") for row in rows],
                          [row.get("language") for row in rows],
                          [list(row.get("heading_path") or []) for row in rows])
    thresholds = tagger.thresholds
    errors: list[dict[str, Any]] = []
    for position, (row, score) in enumerate(zip(rows, scores, strict=True)):
        complete = row.get("labels_complete") != "no"
        top = score.top_objective()
        kept_objectives = set(score.objectives(thresholds))
        gold_objectives = {int(n) for n in row.get("objectives") or []}
        judged: list[tuple[str, set[Any], set[Any], dict[Any, float]]] = [
            ("objective", gold_objectives, kept_objectives, score.objective_scores)]
        if row.get("guiding_principles") is not None:
            judged.append(("guiding principle", set(row["guiding_principles"]),
                           set(score.guiding_principles(thresholds)),
                           score.guiding_principle_scores))
        for kind, gold, kept, label_scores in judged:
            mistakes = [(label, "false negative") for label in sorted(gold - kept, key=str)]
            if complete:
                mistakes += [(label, "false positive") for label in sorted(kept - gold, key=str)]
            for label, error in mistakes:
                if kind == "objective":
                    threshold = thresholds.for_objective(label)
                    if label == top and thresholds.top_objective is not None:
                        threshold = min(threshold, thresholds.top_objective)
                else:
                    threshold = thresholds.for_guiding_principle(label)
                errors.append({"row": position, "id": row.get("id"),
                               "language": row.get("language"), "kind": kind,
                               "label": str(label), "error": error,
                               "score": round(float(label_scores.get(label, 0.0)), 3),
                               "threshold": threshold, "text": str(row.get("text") or "")})
    columns = ["row", "id", "language", "kind", "label", "error", "score", "threshold", "text"]
    return pd.DataFrame(errors, columns=columns).astype({"row": int})

