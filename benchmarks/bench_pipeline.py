"""End-to-end benchmark of the regional compilation against a running Prefect server.

Generates a corpus (default 200 reviews x 40 pages, EN/FR/ES, from the sample generator),
starts `prefect server` on a free port with its own PREFECT_HOME, then times three runs of
`imrf run` against it: the first run, a rerun after adding one review, and a rerun with nothing
changed. Prints wall time, peak memory (the run's whole process tree), the time of each stage
(summed from the task runs the server recorded) and the orchestration overhead (wall time not
spent inside tasks, which includes starting Python, imports and Prefect's bookkeeping).

    .venv/bin/python benchmarks/bench_pipeline.py [--reviews 200] [--pages 40]
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import long_review_pdf, write_corpus  # noqa: E402

BIN = Path(sys.executable).parent
PROJECT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(home: Path) -> tuple[subprocess.Popen, dict[str, str], float]:
    port = _free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": api,
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "false",
           "PREFECT_LOGGING_LEVEL": "WARNING"}
    started = time.perf_counter()
    server = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                               "--port", str(port), "--no-ui"], env=env,
                              stdout=(home / "server.log").open("w"), stderr=subprocess.STDOUT,
                              start_new_session=True)
    while True:
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    return server, env, time.perf_counter() - started


def timed_run(input_dir: Path, output_dir: Path, env: dict[str, str]) -> tuple[float, int]:
    """Run `imrf run`; return wall seconds and the peak RSS of its process tree in bytes."""
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "imrf"), "run", "--input", str(input_dir),
                                "--output", str(output_dir)], env=env, cwd=PROJECT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    parent = psutil.Process(process.pid)
    while process.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.2)
    if process.returncode != 0:
        raise SystemExit(f"imrf run failed:\n{process.stderr.read()[-3000:]}")
    return time.perf_counter() - started, peak


def stage_seconds(api: str, since: float) -> dict[str, float]:
    """Wall time per stage: from its first task start to its last task end (tasks may overlap)."""
    spans: dict[str, list[float]] = {}
    offset = 0
    while True:
        runs = httpx.post(f"{api}/task_runs/filter", json={"limit": 200, "offset": offset},
                          timeout=30).json()
        if not runs:
            break
        for run in runs:
            if run["start_time"] and run["end_time"] and _epoch(run["start_time"]) >= since:
                name = ("process_review" if run["name"].startswith("process-")
                        else run["name"].rsplit("-", 1)[0])
                start, end = _epoch(run["start_time"]), _epoch(run["end_time"])
                low, high = spans.get(name, [start, end])
                spans[name] = [min(low, start), max(high, end)]
        offset += len(runs)
    return {name: high - low for name, (low, high) in spans.items()}


def _epoch(stamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def report(label: str, seconds: float, peak: int, stages: dict[str, float]) -> None:
    print(f"\n{label}: {seconds:.1f} s wall, peak memory {peak / 2**30:.2f} GiB")
    for name, value in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"  {name:24s} {value:7.1f} s")
    print(f"  {'outside the stages':24s} {seconds - sum(stages.values()):7.1f} s "
          "(starting Python, imports, Prefect orchestration)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--pages", type=int, default=40)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="imrf-bench-"))
    corpus, output = work / "corpus", work / "out"
    started = time.perf_counter()
    files = write_corpus(corpus, args.reviews, args.pages)
    print(f"corpus: {len(files)} reviews of ~{args.pages} pages in "
          f"{time.perf_counter() - started:.1f} s ({corpus})")
    home = work / "prefect-home"
    home.mkdir()
    server, env, server_seconds = start_server(home)
    print(f"prefect server start: {server_seconds:.1f} s")
    try:
        for label, change in (("first run", None), ("rerun, one review added", "add"),
                              ("rerun, nothing changed", None)):
            if change == "add":
                extra = corpus / "review-added.pdf"
                extra.write_bytes(long_review_pdf(3, args.pages, day=400))
                with (corpus / "register.csv").open("a", newline="", encoding="utf-8") as f:
                    csv.writer(f).writerow([extra.name, "NZL", "2026", "national-review", "en",
                                            "2026-03-01"])
            since = time.time()
            seconds, peak = timed_run(corpus, output, env)
            report(label, seconds, peak, stage_seconds(env["PREFECT_API_URL"], since))
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
