"""The ``imrf`` command: run compilations, tag passages, evaluate tagging.

It lives beside the flows, which it runs: the package ``imrf_analysis`` imports neither.
"""

from __future__ import annotations

import atexit
import gc
import logging
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, cast

import typer

if TYPE_CHECKING:
    from imrf_analysis.findings.corrections import Decision
    from imrf_analysis.store.catalog import Catalog

# No usage data leaves the machine: Prefect's temporary server and Great Expectations would
# otherwise try to send theirs (and print an error where there is no network). A user who
# wants them sets these variables.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")

app = typer.Typer(help="Compile voluntary GCM reviews for the IMRF.", no_args_is_help=True,
                  add_completion=False)


@app.command()
def run(
    input_dir: Annotated[Path, typer.Option("--input", help="Folder of reviews + register.csv")]
    = Path("data/raw"),
    output_dir: Annotated[Path, typer.Option("--output", help="Writes data/processed and "
                                             "reports under this folder")] = Path("."),
    region: Annotated[list[str] | None, typer.Option(
        "--region", help="ECA, ECE, ECLAC, ESCAP, ESCWA or GLOBAL; repeat for several "
        "(default: every region with a review)")] = None,
    lang: Annotated[str, typer.Option(
        "--lang", help="Language of the reports: en (default), fr or es")] = "en",
    task_runner: Annotated[str, typer.Option(
        help="processes (default: one worker process per core), threads or dask: where the "
        "per-review tasks run")] = "processes",
    dask_address: Annotated[str | None, typer.Option(
        help="tcp://HOST:PORT of an existing Dask scheduler (with --task-runner dask; "
        "default: a local cluster of two workers)")] = None,
    corrections: Annotated[Path | None, typer.Option(
        "--corrections", help="Folder of analysts' decisions on findings (review sheets saved "
        "there, CSVs), applied before anything is counted (default: data/corrections under "
        "--output)")] = None,
) -> None:
    """Run the regional compilation flow on a folder of reviews."""
    from imrf_analysis.runs.settings import ReportLanguage, RunSettings

    try:
        settings = RunSettings(input_dir=input_dir, output_dir=output_dir,
                               regions=tuple(region or ()),
                               report_language=cast(ReportLanguage, lang),
                               corrections_dir=corrections)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    if not input_dir.is_dir():
        raise typer.BadParameter(f"{input_dir} is not a folder")
    from pipelines.compile_flow import with_task_runner  # imports Prefect only when running

    try:
        compilation = with_task_runner(task_runner, dask_address)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    from imrf_analysis.findings.corrections import CorrectionsError, read_decisions
    from imrf_analysis.ingest.inventory import list_input_files
    from imrf_analysis.ingest.plan import IGNORED_FILES
    from imrf_analysis.ingest.register import RegisterError, read_register
    from imrf_analysis.store.catalog import (
        Catalog,
        OutputFolderError,
        OutputLockedError,
        check_writable,
    )

    # Permanent errors stop the command before any work, in one line: no server is started.
    try:
        check_writable(Catalog.under(input_dir, output_dir))
        read_decisions(Catalog.under(input_dir, output_dir, corrections).corrections_dir)
        if (input_dir / "register.csv").exists():  # without one, files are read by name
            read_register(input_dir / "register.csv")
        elif not list_input_files(input_dir, IGNORED_FILES):
            raise RegisterError(f"{input_dir}: no review file and no register.csv in the folder")
    except (OutputFolderError, RegisterError, CorrectionsError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    from imrf_analysis.runs import progress
    from imrf_analysis.runs.child_process import start_reaper

    # Prefect's temporary server, the workers and the export process end with this command,
    # even when it is killed.
    start_reaper()
    log_file = _record_run_log(Catalog.under(input_dir, output_dir).logs_dir)
    started = time.monotonic()
    try:
        with progress.shown():
            reports = compilation(settings)
    except (OutputLockedError, RegisterError) as err:
        logging.getLogger(__name__).error("%s", err)
        typer.echo(f"error: {err} (log: {log_file})", err=True)
        raise typer.Exit(1) from None
    except Exception as err:  # the run failed: say what is left where (details in the log)
        from imrf_analysis.store.staging import FAILED_RUN

        logging.getLogger(__name__).exception("the run failed")
        typer.echo(f"error: the run failed ({type(err).__name__}: {err}); details in "
                   f"{log_file}", err=True)
        typer.echo(f"The compilation published in {output_dir} is unchanged.", err=True)
        if (output_dir / FAILED_RUN).is_dir():
            typer.echo(f"What this run wrote, with its checks, is in {output_dir / FAILED_RUN}",
                       err=True)
        raise typer.Exit(1) from None
    finally:
        from imrf_analysis.runs.run_log import LOG_FILE_VARIABLE

        os.environ.pop(LOG_FILE_VARIABLE, None)  # no worker of this run is left to start
    # The one speed trick kept, in this one place: the process ends here, and the collector's
    # passes at interpreter exit would walk every object the run left for nothing. Measured
    # with benchmarks/bench_pipeline.py (2026-12-07): the end of a run after its flow (Prefect's
    # shutdown and the exit) took 2.9 s without it after the first run and after one review
    # added (10% of that figure), 0.3 s with it.
    gc.freeze()
    from imrf_analysis.runs.summary import run_summary

    typer.echo(run_summary(Catalog.under(input_dir, output_dir, corrections),
                           time.monotonic() - started, log_file))
    typer.echo("Reports:")
    for path in reports:
        typer.echo(f"  {path}")


def _record_run_log(logs_dir: Path) -> Path:
    """Send this run's details (log records, warnings, tracebacks) to a new log file; return it.

    The file is recorded until the process ends: Prefect's temporary server logs its stop when
    the interpreter exits, after the summary. The console keeps the progress, the errors and
    the summary (``sys.stderr`` and stdout); what child processes and C code write to the
    standard error goes to the file.
    """
    from imrf_analysis.runs.run_log import RunLog, new_log_file, stop_recording

    recording = RunLog.start(new_log_file(logs_dir), standard_error=True)
    atexit.register(stop_recording)
    return recording.path


@app.command()
def serve(
    deployment: Annotated[list[str] | None, typer.Option(
        "--deployment", "-d", help="Serve only this deployment of prefect.yaml; repeat for "
        "several (default: all)")] = None,
    limit: Annotated[int | None, typer.Option(help="Most flow runs at once")] = None,
) -> None:
    """Serve the scheduled compilations of prefect.yaml from this process (needs a Prefect API)."""
    from pipelines.deployments import serve_deployments  # imports Prefect only when serving

    serve_deployments(tuple(deployment or ()), limit)


@app.command()
def tag(
    input_jsonl: Annotated[Path, typer.Argument(help="Lines of {id, text, language?}")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write tagged lines")],
    skip_bad_lines: Annotated[bool, typer.Option(
        help="Report a malformed line by its number and tag the others (default: stop at the "
        "first, writing nothing)")] = False,
) -> None:
    """Tag passages by objective and guiding principle (stable JSONL contract)."""
    from imrf_analysis.tagging import tag_jsonl

    skipped: list[str] = []
    try:
        written = tag_jsonl(input_jsonl, output, on_bad_line=skipped.append if skip_bad_lines
                            else None)
    except (ValueError, UnicodeDecodeError, OSError) as error:
        typer.echo(f"imrf tag: {error} (nothing written; --skip-bad-lines tags the other lines)"
                   if isinstance(error, ValueError) else f"imrf tag: {input_jsonl}: {error}",
                   err=True)
        raise typer.Exit(1) from None
    for problem in skipped:
        typer.echo(f"skipped {problem}", err=True)
    typer.echo(f"{written} passages tagged -> {output}"
               + (f"; {len(skipped)} malformed lines skipped" if skipped else ""), err=True)


def _project_catalog() -> Catalog:
    """Return the catalog of the project folder: ``data/raw`` read, ``.`` written.

    The commands other than ``run`` read its datasets and keep passage vectors in its cache.
    """
    from imrf_analysis.store.catalog import Catalog

    return Catalog.under(Path("data/raw"), Path("."))


@app.command()
def train(
    passages: Annotated[list[Path] | None, typer.Option(
        "--passages", help="passages.parquet of a run, for structural labels; repeat for "
        "several (default: data/processed/passages.parquet when it exists)")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Model folder (default: the bundled model)")] = None,
    layout: Annotated[str, typer.Option(help="multilingual or per-language")] = "multilingual",
    folds: Annotated[int, typer.Option(help="Folds for choosing thresholds")] = 3,
    epochs: Annotated[int | None, typer.Option(help="Epochs (default: the config's)")] = None,
    reference: Annotated[Path | None, typer.Option(
        help="The Compact's text (objectives and guiding principles, EN/FR/ES Markdown): "
        "fit the encoder heads on it, the seeds and --labelled passages")] = None,
    labelled: Annotated[list[Path] | None, typer.Option(
        "--labelled", help="Labelled passages (JSON Lines with text, language, objectives, "
        "guiding_principles) for the encoder heads; repeat for several")] = None,
    encoder_output: Annotated[Path | None, typer.Option(
        help="Encoder pipeline folder (default: the bundled one)")] = None,
    classifier: Annotated[bool, typer.Option(
        help="Train the bag-of-words classifiers too (--no-classifier: encoder heads only)")]
    = True,
    corrections: Annotated[Path | None, typer.Option(
        "--corrections", help="Folder of analysts' decisions (review sheets saved there, or "
        "CSVs of their columns): the passages decided on become labelled examples")] = None,
) -> None:
    """Train the objective and guiding-principle models and write their folders."""
    import pandas as pd

    from imrf_analysis.findings.corrections import CorrectionsError, read_decisions
    from imrf_analysis.tagging.classifier import bundled_model_dir
    from imrf_analysis.training import LAYOUTS, build_training_examples, train_classifier

    if layout not in LAYOUTS:
        raise typer.BadParameter(f"layout {layout!r} is not one of {LAYOUTS}")
    decisions = []
    if corrections is not None:
        if not corrections.is_dir():
            raise typer.BadParameter(f"{corrections} is not a folder")
        try:
            decisions = read_decisions(corrections)
        except CorrectionsError as err:
            raise typer.BadParameter(str(err)) from None
        typer.echo(f"{len(decisions)} analysts' decisions read from {corrections}", err=True)
    if reference is not None:
        _train_encoder(reference, labelled or [], encoder_output, decisions)
    elif labelled:
        raise typer.BadParameter("--labelled trains the encoder heads: give --reference too")
    if not classifier:
        return
    default = _project_catalog().path("passages")
    paths = passages if passages is not None else ([default] if default.is_file() else [])
    frames = []
    for path in paths:
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such passages file")
        frames.append(pd.read_parquet(path))
    if not frames:
        typer.echo("no passages given: training without structural labels", err=True)
    examples = build_training_examples(pd.concat(frames, ignore_index=True) if frames else None,
                                       decisions=decisions)
    target = output or bundled_model_dir()
    card = train_classifier(examples, target, layout=layout, folds=folds, max_epochs=epochs)
    for lang, data in card["data"].items():
        typer.echo(f"{lang}: {data['total']} examples {data['by_source']}; out-of-fold "
                   f"{card['out_of_fold'].get(lang, {})}")
    typer.echo(f"model -> {target}", err=True)


def _train_encoder(reference: Path, labelled: list[Path], output: Path | None,
                   decisions: Sequence[Decision] = ()) -> None:
    from imrf_analysis.tagging.encoder import EmbeddingStore, SentenceEncoder
    from imrf_analysis.tagging.encoder_classifier import bundled_encoder_model_dir
    from imrf_analysis.training.encoder import encoder_training_examples, train_encoder_classifier

    for path in [reference, *labelled]:
        if not path.exists():
            raise typer.BadParameter(f"{path}: no such file or folder")
    try:
        examples = encoder_training_examples(reference, labelled, decisions)
    except (ValueError, FileNotFoundError) as error:
        raise typer.BadParameter(str(error)) from None
    target = output or bundled_encoder_model_dir()
    card = train_encoder_classifier(examples, target,
                                    SentenceEncoder(store=EmbeddingStore(_project_catalog().embeddings_path)))
    typer.echo(f"encoder heads: {card['data']['total']} examples "
               f"{card['by_source_and_language']}")
    typer.echo(f"encoder pipeline -> {target}", err=True)


@app.command("train-content")
def train_content(
    passages: Annotated[list[Path] | None, typer.Option(
        "--passages", help="Labelled review passages (an answer key's passages.jsonl) to "
        "train on and to measure by grouped cross-validation; repeat for several")] = None,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Model folder (default: the bundled content classifier)")] = None,
    folds: Annotated[int, typer.Option(help="Folds of the grouped cross-validation")] = 4,
) -> None:
    """Train the content classifier (progress, challenge, good practice, support needed)."""
    from imrf_analysis.tagging.content_classifier import bundled_content_model_dir
    from imrf_analysis.training.content import (
        read_labelled_passages,
        read_seed_examples,
        train_content_classifier,
    )

    labelled = []
    for path in passages or []:
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such passages file")
        try:
            labelled += read_labelled_passages(path)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None
    target = output or bundled_content_model_dir()
    card = train_content_classifier([*read_seed_examples(), *labelled], target,
                                    measured=labelled, folds=folds)
    for name in ("cross_validated", "leave_one_language_out"):
        if name in card:
            typer.echo(f"{name.replace('_', ' ')}:")
            typer.echo(_format_content_figures(card[name]))
    typer.echo(f"model -> {target}", err=True)


def _format_content_figures(figures: dict[str, Any]) -> str:
    if "content_types" not in figures:  # leave-one-language-out: one block per language
        return "\n".join(f"  without {lang}: " + _format_content_figures(block).strip()
                         for lang, block in figures.items())
    overall = figures["content_types"]
    lines = [f"  content types micro P {overall['precision']:.2f} R {overall['recall']:.2f} "
             f"F1 {overall['f1']:.2f} ({figures['passages']} passages); support categories "
             f"F1 {figures['support_needs']['f1']:.2f}"]
    lines += [f"    {label}: F1 {scores['f1']:.2f}" for label, scores in
              figures.get("per_label", {}).items()]
    return "\n".join(lines)


@app.command()
def evaluate(
    gold_jsonl: Annotated[list[Path], typer.Argument(
        help="Gold passages with objectives and guiding_principles labels; several files are "
        "measured together and each apart")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Metrics JSON")]
    = Path("data/evaluation/evaluation.json"),
    model: Annotated[Path | None, typer.Option(
        help="Model folder written by `imrf train` (default: the bundled model)")] = None,
    baselines: Annotated[bool, typer.Option(
        help="Also measure rules only, classifier only, encoder only, title keywords and "
        "TF-IDF + logistic regression")] = True,
    cross_validate: Annotated[int, typer.Option(
        help="Also estimate the tagger with encoder heads refitted without each fold's "
        "documents (K folds) and without each language; needs --reference")] = 0,
    reference: Annotated[Path | None, typer.Option(
        help="The Compact's text the refitted heads learn from (as for `imrf train`)")] = None,
    also_train: Annotated[list[Path] | None, typer.Option(
        "--also-train", help="Labelled passages the refitted heads always learn from "
        "(another set; never measured)")] = None,
) -> None:
    """Measure tagging against labelled passages; print a table and write a metrics JSON.

    The plain figures use the bundled models, which may have learnt from these very passages:
    they are tuning figures. ``--cross-validate K`` gives the estimate on unseen text.
    """
    from imrf_analysis.store.catalog import write_json
    from imrf_analysis.store.jsonl import read_jsonl_objects
    from imrf_analysis.tagging import SignalScores, Tagger
    from imrf_analysis.tagging.evaluation import (
        compare,
        format_comparison_table,
        format_metrics_table,
    )
    from imrf_analysis.tagging.evaluation import evaluate as run_evaluation

    try:
        rows = [{**row, "labelled_set": str(path)} for path in gold_jsonl
                for _, row in read_jsonl_objects(path)]
    except (ValueError, UnicodeDecodeError, OSError) as error:
        raise typer.BadParameter(str(error)) from None
    tagger = Tagger.load(model)
    metrics = run_evaluation(rows, tagger)
    if baselines:
        from imrf_analysis.tagging.classifier import bundled_model_dir
        from imrf_analysis.tagging.evaluation import ScoringTagger
        from imrf_analysis.training.baselines import TfidfLogisticTagger, TitleKeywordTagger
        from imrf_analysis.training.train import EXAMPLES_FILE, read_examples

        others: dict[str, ScoringTagger] = {"combined (ours)": tagger,
                                            "rules only": Tagger(signals=("heading", "mention",
                                                                          "lexicon"))}
        if tagger.classifier is not None:
            others["classifier only"] = Tagger(
                classifier=tagger.classifier, signals=("classifier",),
                signal_scores=SignalScores(principle_classifier_weight=1.0, classifier_floor=0.0))
        if tagger.encoder is not None:
            others["encoder only"] = Tagger(
                encoder=tagger.encoder, signals=("encoder",),
                signal_scores=SignalScores(encoder_blend=1.0, principle_encoder_blend=1.0))
        others["title keywords"] = TitleKeywordTagger()
        examples_path = (model or bundled_model_dir()) / EXAMPLES_FILE
        if examples_path.is_file():
            others["tf-idf + logreg"] = TfidfLogisticTagger(read_examples(examples_path))
        comparison = compare(rows, others)
        metrics["comparison"] = comparison["taggers"]
        typer.echo(format_comparison_table(comparison))
        typer.echo("")
    if cross_validate:
        metrics["estimate"] = _cross_validated(rows, tagger, cross_validate, reference,
                                               also_train or [])
    write_json(metrics, output)
    typer.echo(format_metrics_table(metrics))
    typer.echo(f"metrics -> {output}", err=True)


def _cross_validated(rows: list[dict[str, Any]], tagger: Any, folds: int,
                     reference: Path | None, also_train: list[Path]) -> dict[str, Any]:
    from imrf_analysis.tagging.encoder import EmbeddingStore, SentenceEncoder
    from imrf_analysis.tagging.evaluation import format_comparison_table
    from imrf_analysis.training.crossval import cross_validate
    from imrf_analysis.training.encoder import encoder_training_examples

    if reference is None:
        raise typer.BadParameter("--cross-validate refits the encoder heads: give --reference")
    if folds < 2:
        raise typer.BadParameter("--cross-validate needs at least 2 folds")
    base = encoder_training_examples(reference, also_train)
    encoder = SentenceEncoder(store=EmbeddingStore(_project_catalog().embeddings_path))
    estimate = cross_validate(rows, base, encoder, tagger, folds)
    blocks = {f"{folds}-fold, by document": estimate["cross_validated"]}
    blocks.update({f"{lang} left out": block
                   for lang, block in estimate["leave_one_language_out"].items()})
    typer.echo("Estimate on unseen text (encoder heads refitted without the measured passages):")
    typer.echo(format_comparison_table({"order": list(blocks), "taggers": blocks}))
    typer.echo("")
    return estimate


@app.command("evaluate-reviews")
def evaluate_reviews(
    answers_jsonl: Annotated[Path | None, typer.Argument(
        help="Answer key: one line per review with its objectives and flags (or give "
        "--corrections)")] = None,
    input_dir: Annotated[Path | None, typer.Option(
        "--input", help="Folder of reviews + register.csv: read and tag them here, as a run "
        "does")] = None,
    run_dir: Annotated[Path | None, typer.Option(
        "--run", help="Output folder of a run (or its data/processed): score what it wrote")]
    = None,
    passages_jsonl: Annotated[Path | None, typer.Option(
        "--passages", help="Labelled passages of the key (default: passages.jsonl beside "
        "ANSWERS_JSONL when it exists)")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="Metrics JSON")]
    = Path("data/evaluation/review-evaluation.json"),
    content_model: Annotated[Path | None, typer.Option(
        help="With --input: a content classifier folder written by `imrf train-content` "
        "(default: the bundled one), e.g. one trained without this key's passages")] = None,
    cross_validate: Annotated[int | None, typer.Option(
        "--cross-validate", help="With --input and the key's passages: retrain the content "
        "classifier FOLDS times, each time without a group of these reviews' passages, and "
        "score each review by the model that never saw it (the honest estimate)")] = None,
    also_train: Annotated[list[Path] | None, typer.Option(
        "--also-train", help="With --cross-validate: more labelled passages (passages.jsonl) "
        "every fold trains on, as `imrf train-content --passages` would")] = None,
    reference: Annotated[Path | None, typer.Option(
        help="With --cross-validate: the Compact's text, to refit the tagger's encoder heads "
        "per fold too (as `imrf train --reference` would)")] = None,
    corrections: Annotated[Path | None, typer.Option(
        "--corrections", help="Score the model against the analysts' decisions in this folder "
        "(saved review sheets, CSVs) instead of an answer key; with --run, the decisions that "
        "run applied")] = None,
) -> None:
    """Measure review findings against an answer key; print a table and write a metrics JSON."""
    from imrf_analysis.findings.evaluation import (
        document_kinds_of,
        format_review_scores,
        read_input,
        read_input_cross_validated,
        read_run,
        score_findings,
        score_passage_content,
        scores_to_dict,
    )
    from imrf_analysis.ingest import RegisterError
    from imrf_analysis.store.catalog import write_json
    from imrf_analysis.store.jsonl import read_jsonl_objects

    if (input_dir is None) == (run_dir is None):
        raise typer.BadParameter("give exactly one of --input DIR (reviews to read) or --run "
                                 "DIR (a run's output)")
    if corrections is not None:
        _evaluate_against_decisions(corrections, input_dir, run_dir, output)
        return
    if answers_jsonl is None:
        raise typer.BadParameter("give an answer key (ANSWERS_JSONL) or --corrections DIR")
    if passages_jsonl is None and (answers_jsonl.parent / "passages.jsonl").is_file():
        passages_jsonl = answers_jsonl.parent / "passages.jsonl"
    gold: dict[str, list[dict[str, object]]] = {}
    for what, path in (("answers", answers_jsonl), ("passages", passages_jsonl)):
        if path is None:
            continue
        if not path.is_file():
            raise typer.BadParameter(f"{path}: no such {what} file")
        try:
            gold[what] = [row for _, row in read_jsonl_objects(path)]
        except (ValueError, UnicodeDecodeError) as err:
            raise typer.BadParameter(f"{path}: {err}" if str(path) not in str(err)
                                     else str(err)) from None
    if run_dir is not None:
        if not run_dir.is_dir():
            raise typer.BadParameter(f"{run_dir} is not a folder")
        try:
            run = read_run(run_dir)
        except (FileNotFoundError, OSError, ValueError) as err:
            raise typer.BadParameter(str(err)) from None
    else:
        assert input_dir is not None
        if not input_dir.is_dir():
            raise typer.BadParameter(f"{input_dir} is not a folder")
        try:
            if cross_validate:
                if passages_jsonl is None:
                    raise typer.BadParameter("--cross-validate needs the key's passages "
                                             "(--passages)")
                refitted = "content classifier" + (" and encoder heads" if reference else "")
                typer.echo(f"{refitted} retrained {cross_validate} times, each review scored "
                           "by models trained without it", err=True)
                run = read_input_cross_validated(input_dir, passages_jsonl, also_train or [],
                                                 cross_validate, reference=reference)
            else:
                run = read_input(input_dir, content_model)
        except RegisterError as err:
            raise typer.BadParameter(str(err)) from None
    try:
        review_scores = score_findings(run.findings, gold["answers"])
    except ValueError as err:
        raise typer.BadParameter(f"{answers_jsonl}: {err}") from None
    passage_scores = (score_passage_content(run.passages, run.tags, gold["passages"],
                                            document_kinds_of(gold["answers"]))
                      if "passages" in gold else None)
    write_json(scores_to_dict(review_scores, passage_scores), output)
    typer.echo(format_review_scores(review_scores, passage_scores))
    if passage_scores is None:
        typer.echo("no passages file: passage content not scored", err=True)
    typer.echo(f"metrics -> {output}", err=True)


def _evaluate_against_decisions(folder: Path, input_dir: Path | None, run_dir: Path | None,
                                output: Path) -> None:
    import pandas as pd

    from imrf_analysis.findings.corrections import (
        CorrectionsError,
        apply_decisions,
        format_decision_scores,
        read_decisions,
        score_decisions,
    )
    from imrf_analysis.findings.evaluation import read_input
    from imrf_analysis.store.catalog import Catalog, write_json

    if run_dir is not None:
        name = Catalog.under(run_dir, run_dir).path("analyst_decisions")
        path = next((p for p in (run_dir / name.name, name) if p.is_file()), None)
        if path is None:
            raise typer.BadParameter(f"{run_dir}: no {name.name}; the run applied no decisions")
        log = pd.read_parquet(path)
        typer.echo(f"decisions as the run in {run_dir} applied them", err=True)
    else:
        assert input_dir is not None
        try:
            decisions = read_decisions(folder)
        except CorrectionsError as err:
            raise typer.BadParameter(str(err)) from None
        run = read_input(input_dir)
        # Its findings are those of the current reviews already.
        current = run.findings[["document_id"]].drop_duplicates()
        log = apply_decisions(run.findings, current, run.passages, run.tags, decisions).decisions
    unmatched = int((log["status"] != "applied").sum())
    scores = score_decisions(log)
    write_json({"decisions": len(log), "not_applied": unmatched, "flags": scores}, output)
    typer.echo(format_decision_scores(scores))
    if unmatched:
        typer.echo(f"{unmatched} decisions not applied (no longer match, or incomplete)",
                   err=True)
    typer.echo(f"metrics -> {output}", err=True)


if __name__ == "__main__":
    app()
