"""A worker process ends by itself when the run that started it is killed."""

import os
import signal
import subprocess
import sys
import time

import psutil

# A "run" that starts a pool worker with the run's initializer, prints the worker's pid and
# waits; the test kills it with SIGKILL, as an operator or the out-of-memory killer would.
RUN = """
import sys, time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from imrf_analysis.child_process import exit_when_orphaned

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
