"""A scheduled deployment on a real Prefect server: served, triggered through the API, checked.

Starts `prefect server` on a free local port with its own PREFECT_HOME, serves the ECA
deployment of prefect.yaml with `imrf serve`, triggers a run with `prefect deployment run`
(parameters pointing at a copy of the sample), waits for it, then reads the files written and
the artifacts the run published through the server's REST API.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.slow
BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(api: str, process: subprocess.Popen, log: Path, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"prefect server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    pytest.fail(f"prefect server not healthy after {seconds}s: {log.read_text()[-2000:]}")


def _start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    return subprocess.Popen(args, env=env, cwd=REPO, stdout=log.open("w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory):
    home = tmp_path_factory.mktemp("prefect-server-home")
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_UI_ENABLED": "false",
           "GX_ANALYTICS_ENABLED": "false"}
    log = home / "server.log"
    server = _start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                     "--port", str(port), "--no-ui"], env, log)
    try:
        _wait_healthy(api, server, log)
        yield api, env, home
    finally:
        _stop(server)


def test_served_deployment_runs_on_trigger_and_publishes_outputs_and_artifacts(
        prefect_server, tmp_path):
    api, env, home = prefect_server
    input_dir = tmp_path / "raw"
    shutil.copytree(REPO / "data" / "raw", input_dir)
    output_dir = tmp_path / "out"
    served = _start([str(BIN / "imrf"), "serve", "--deployment", "regional-compilation-eca",
                     "--limit", "1"], env, home / "serve.log")
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            found = httpx.post(f"{api}/deployments/filter", json={}, timeout=5).json()
            if any(d["name"] == "regional-compilation-eca" for d in found):
                break
            time.sleep(1)
        else:
            pytest.fail((home / "serve.log").read_text()[-2000:])
        deployment = next(d for d in found if d["name"] == "regional-compilation-eca")
        assert deployment["schedules"][0]["schedule"]["cron"] == "0 5 * * 1"
        params = {"settings": {"input_dir": str(input_dir), "output_dir": str(output_dir),
                               "regions": ["ECA"]}}
        run = subprocess.run(
            [str(BIN / "prefect"), "deployment", "run",
             "regional-compilation/regional-compilation-eca", "--params", json.dumps(params),
             "--watch", "--watch-timeout", "600"],
            env=env, cwd=REPO, capture_output=True, text=True, timeout=700)
        assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
        assert "Completed" in run.stdout
    finally:
        _stop(served)
    assert (output_dir / "reports" / "2026" / "synthesis-ECA.html").exists()
    manifest = json.loads((output_dir / "data" / "processed" / "run_manifest.json").read_text())
    assert manifest["quarantined"] == ["zz-truncated-submission.pdf"]
    artifacts = httpx.post(f"{api}/artifacts/filter", json={}, timeout=10).json()
    by_key = {a["key"]: a for a in artifacts if a.get("key")}
    assert "| ECA | 2026 |" in by_key["coverage-summary"]["data"]
    register = json.loads(by_key["submission-register"]["data"])
    assert {row["country_iso3"] for row in register} >= {"KEN", "SEN", "GHA"}
