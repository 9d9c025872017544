"""What a newcomer relies on: the README's commands, the flows and deployments it lists."""

import importlib
import re
from pathlib import Path

import yaml

from imrf_analysis.reference.regions import COMMISSION_CODES

REPO = Path(__file__).resolve().parents[2]
README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_and_make_and_ci_run_them():
    assert "make run" in README and "make test" in README
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_every_flow_entrypoint_in_readme_and_prefect_yaml_exists():
    entrypoints = set(re.findall(r"`(\w+\.py:\w+)`", README))
    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    entrypoints |= {d["entrypoint"].removeprefix("pipelines/") for d in config["deployments"]}
    assert entrypoints
    for entrypoint in entrypoints:
        path, name = entrypoint.split(":")
        assert (REPO / "pipelines" / path).is_file(), path
        flow = getattr(importlib.import_module(f"pipelines.{Path(path).stem}"), name)
        assert callable(flow)


def test_each_commission_has_a_scheduled_deployment_for_its_region():
    config = yaml.safe_load((REPO / "prefect.yaml").read_text())
    by_region = {}
    for deployment in config["deployments"]:
        assert deployment["schedules"][0]["cron"]
        regions = deployment["parameters"]["settings"].get("regions", ["GLOBAL"])
        by_region[regions[0]] = deployment["name"]
        assert deployment["work_pool"]["name"] == "imrf-process"
    assert set(COMMISSION_CODES) | {"GLOBAL"} == set(by_region)


def test_readme_lists_the_commands_the_cli_has():
    from typer.testing import CliRunner

    from pipelines.cli import app

    result = CliRunner().invoke(app, ["--help"])
    for command in re.findall(r"`imrf (\w+)", README):
        assert command in result.output
