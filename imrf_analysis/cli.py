"""The ``imrf`` command: run compilations, tag passages, evaluate tagging."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

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
    task_runner: Annotated[str, typer.Option(
        help="threads (default) or dask: where the per-review tasks run")] = "threads",
    dask_address: Annotated[str | None, typer.Option(
        help="tcp://HOST:PORT of an existing Dask scheduler (with --task-runner dask; "
        "default: a local cluster of two workers)")] = None,
) -> None:
    """Run the regional compilation flow on a folder of reviews."""
    from imrf_analysis.settings import RunSettings

    try:
        settings = RunSettings(input_dir=input_dir, output_dir=output_dir,
                               regions=tuple(region or ()))
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    if not input_dir.is_dir():
        raise typer.BadParameter(f"{input_dir} is not a folder")
    from pipelines.compile_flow import with_task_runner  # imports Prefect only when running

    try:
        compilation = with_task_runner(task_runner, dask_address)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None
    reports = compilation(settings)
    typer.echo("Reports:")
    for path in reports:
        typer.echo(f"  {path}")


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
) -> None:
    """Tag passages by objective and guiding principle (stable JSONL contract)."""
    from imrf_analysis.tagging import tag_jsonl

    written = tag_jsonl(input_jsonl, output)
    typer.echo(f"{written} passages tagged -> {output}", err=True)


@app.command()
def evaluate(
    gold_jsonl: Annotated[Path, typer.Argument(help="Gold passages with objectives and "
                                               "guiding_principles labels")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Metrics JSON")]
    = Path("data/processed/evaluation.json"),
) -> None:
    """Measure tagging against labelled passages; print a table and write a metrics JSON."""
    from imrf_analysis.catalog import write_json
    from imrf_analysis.evaluation import evaluate as run_evaluation
    from imrf_analysis.evaluation import format_metrics_table
    from imrf_analysis.tagging import Tagger

    rows = [json.loads(line) for line in gold_jsonl.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    metrics = run_evaluation(rows, Tagger.load())
    write_json(metrics, output)
    typer.echo(format_metrics_table(metrics))
    typer.echo(f"metrics -> {output}", err=True)


if __name__ == "__main__":
    app()
