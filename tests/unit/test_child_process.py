"""A worker process ends by itself when the run that started it is killed."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

# A "run" that starts a pool worker with the run's initializer, prints the worker's pid and
# waits; the test kills it with SIGKILL, as an operator or the out-of-memory killer would.
RUN = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from imrf_analysis.runs.child_process import exit_when_orphaned

def pid():
    import os
    return os.getpid()

if __name__ == "__main__":
    pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"), initializer=exit_when_orphaned,
                               initargs=(0.2,))
    print(pool.submit(pid).result(), flush=True)
    time.sleep(60)
"""


def test_a_worker_ends_within_seconds_of_its_run_being_killed(tmp_path):
    script = tmp_path / "run.py"
    script.write_text(RUN, encoding="utf-8")
    run = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    worker = psutil.Process(int(run.stdout.readline()))
    assert worker.is_running()
    os.kill(run.pid, signal.SIGKILL)
    run.wait(10)
    deadline = time.monotonic() + 10
    while worker.is_running() and worker.status() != psutil.STATUS_ZOMBIE:
        assert time.monotonic() < deadline, "the worker outlived its run by 10 s"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_killed_imrf_run_takes_prefect_s_server_and_its_workers_with_it(tmp_path):
    repo = Path(__file__).resolve().parents[2]
    shutil.copytree(repo / "data" / "raw", tmp_path / "raw")
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"),
           "PREFECT_API_URL": "", "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    run = subprocess.Popen([str(Path(sys.executable).with_name("imrf")), "run", "--input",
                            str(tmp_path / "raw"), "--output", str(tmp_path / "out")], env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent = psutil.Process(run.pid)
    deadline = time.monotonic() + 120
    # Wait until the run has started Prefect's server and its pool of review workers.
    while True:
        descendants = parent.children(recursive=True)
        commands = [" ".join(p.cmdline()) for p in descendants if p.is_running()]
        if any("uvicorn" in c for c in commands) and any("spawn_main" in c for c in commands):
            break
        assert time.monotonic() < deadline, f"the run did not start its workers: {commands}"
        time.sleep(0.2)
    os.kill(run.pid, signal.SIGKILL)
    run.wait(10)
    gone, alive = psutil.wait_procs(descendants, timeout=15)
    assert not [" ".join(p.cmdline())[:80] for p in alive if p.status() != psutil.STATUS_ZOMBIE]
