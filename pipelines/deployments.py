"""The scheduled deployments of ``prefect.yaml``, served by one local process (``imrf serve``).

``prefect.yaml`` is the single place where deployments are declared: ``prefect deploy --all``
registers them for a work pool, and ``serve_deployments`` serves the same ones without a worker.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import yaml
from prefect import serve
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron

PROJECT_DIR = Path(__file__).resolve().parents[1]
PREFECT_YAML = PROJECT_DIR / "prefect.yaml"


def _flow(entrypoint: str) -> Any:
    path, name = entrypoint.split(":")
    module = importlib.import_module(f"pipelines.{Path(path).stem}")
    return getattr(module, name)


def load_deployments(prefect_yaml: Path = PREFECT_YAML, only: tuple[str, ...] = ()
                     ) -> list[RunnerDeployment]:
    """Build the runner deployments declared in ``prefect_yaml`` (all, or those named in ``only``).

    Raises:
        ValueError: a name in ``only`` is not declared.
    """
    declared = yaml.safe_load(prefect_yaml.read_text(encoding="utf-8"))["deployments"]
    unknown = set(only) - {d["name"] for d in declared}
    if unknown:
        raise ValueError(f"{prefect_yaml}: no deployment named {', '.join(sorted(unknown))}")
    deployments = []
    for spec in declared:
        if only and spec["name"] not in only:
            continue
        schedules = [Cron(s["cron"], timezone=s.get("timezone", "UTC"))
                     for s in spec.get("schedules", []) if s.get("active", True)]
        deployments.append(_flow(spec["entrypoint"]).to_deployment(
            name=spec["name"], description=spec.get("description"), tags=spec.get("tags"),
            parameters=spec.get("parameters"), schedules=schedules))
    return deployments


def serve_deployments(only: tuple[str, ...] = (), limit: int | None = None) -> None:
    """Serve the deployments of ``prefect.yaml`` until interrupted (runs flows in subprocesses)."""
    serve(*load_deployments(only=only), limit=limit)
