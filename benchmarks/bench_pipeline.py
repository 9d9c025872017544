"""End-to-end benchmark of the regional compilation against a running Prefect server.

Generates a corpus (default 200 reviews x 40 pages, EN/FR/ES, from the sample generator),
starts `prefect server` on a free port with its own PREFECT_HOME, then times three runs of
`imrf run` against it: the first run, a rerun after adding one review, and a rerun with nothing
changed. Prints wall time, peak memory (the run's whole process tree, workers included), the
CPU seconds of the run's process, its workers and the Prefect server, the load average, the
time of each stage (first task start to last task end, from the task runs the server recorded;
per-review tasks also give their count by state and their summed run time), and the Prefect
overhead apart: server start, the command's start-up before the flow run
begins (Python, imports, flow run creation), time inside the flow run but outside every stage
(orchestration, collecting shards, the flow's own code) and the shutdown after it ends.

    .venv/bin/python benchmarks/bench_pipeline.py [--reviews 200] [--pages 40]
        [--task-runner processes|threads|dask] [--keep]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
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


def machine_reference() -> float:
    """Return the best of three timings of a fixed pure-Python loop, in seconds.

    Shared 2-core machines differ in speed from day to day; this figure, printed with the
    benchmark, says how fast the one that ran it was.
    """
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sum(i * i for i in range(3_000_000))
        best = min(best, time.perf_counter() - started)
    return best


def tree_cpu_seconds(root: psutil.Process) -> dict[int, float]:
    """Return the CPU seconds (user + system) used so far by ``root`` and each descendant."""
    used = {}
    for process in [root, *root.children(recursive=True)]:
        try:
            times = process.cpu_times()
            used[process.pid] = times.user + times.system
        except psutil.Error:
            pass
    return used


def start_dask_cluster(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """Start a Dask scheduler and two one-thread workers that stay up across the runs.

    Returns:
        The process group's leader (stop it with ``os.killpg``) and the scheduler's address.
    """
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    cluster = subprocess.Popen(
        ["bash", "-c", f"{BIN / 'dask'} scheduler --host 127.0.0.1 --port {port} "
         f"--no-dashboard & sleep 3; exec {BIN / 'dask'} worker {address} --nworkers 2 "
         "--nthreads 1 --no-dashboard"],
        env={**env, "PYTHONPATH": str(PROJECT)}, cwd=PROJECT, stdout=log.open("w"),
        stderr=subprocess.STDOUT, start_new_session=True)
    from distributed import Client

    deadline = time.monotonic() + 60
    while True:  # the scheduler listens a few seconds after it starts
        try:
            with Client(address, timeout=5) as client:
                client.wait_for_workers(2, timeout=max(1, deadline - time.monotonic()))
            return cluster, address
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def timed_run(input_dir: Path, output_dir: Path, env: dict[str, str],
              task_runner: str) -> tuple[float, int, dict[str, float]]:
    """Run `imrf run`; return wall seconds, peak RSS of its process tree (bytes) and CPU seconds.

    CPU seconds are those of the run's own process and of its child processes, sampled every
    0.2 s (the last fraction of a second of each is missed).
    """
    started = time.perf_counter()
    process = subprocess.Popen([str(BIN / "imrf"), "run", "--input", str(input_dir),
                                "--output", str(output_dir), "--task-runner", *task_runner.split()],
                               env=env, cwd=PROJECT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0
    parent = psutil.Process(process.pid)
    cpu: dict[int, float] = {}
    while process.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            cpu.update(tree_cpu_seconds(parent))
        except psutil.Error:
            pass
        time.sleep(0.2)
    if process.returncode != 0:
        raise SystemExit(f"imrf run failed:\n{process.stderr.read()[-3000:]}")
    own = cpu.pop(process.pid, 0.0)
    return time.perf_counter() - started, peak, {"run": own, "children": sum(cpu.values())}


@dataclass
class Stage:
    """One stage's span and, for mapped tasks, the task count by state and summed run time."""

    start: float
    end: float
    states: Counter[str] = field(default_factory=Counter)
    run_seconds: float = 0.0
    state_spans: dict[str, list[float]] = field(default_factory=dict)

    @property
    def seconds(self) -> float:
        """Wall seconds from the stage's first task start to its last task end."""
        return self.end - self.start


def _all(api: str, what: str, since: float) -> list[dict]:
    rows, offset = [], 0
    while True:
        page = httpx.post(f"{api}/{what}/filter", json={"limit": 200, "offset": offset},
                          timeout=30).json()
        if not page:
            return [r for r in rows if r["start_time"] and _epoch(r["start_time"]) >= since]
        rows += page
        offset += len(page)


def run_timings(api: str, since: float) -> tuple[dict[str, Stage], tuple[float, float]]:
    """Return the stages of the flow run started after ``since``, and its start and end."""
    stages: dict[str, Stage] = {}
    for run in _all(api, "task_runs", since):
        name = ("process_review" if run["name"].startswith("process-")
                else run["name"].rsplit("-", 1)[0])
        start = _epoch(run["start_time"])
        end = _epoch(run["end_time"]) if run["end_time"] else start
        stage = stages.setdefault(name, Stage(start, end))
        stage.start, stage.end = min(stage.start, start), max(stage.end, end)
        state = run["state_name"] or "?"
        stage.states[state] += 1
        low, high = stage.state_spans.setdefault(state, [start, end])
        stage.state_spans[state] = [min(low, start), max(high, end)]
        stage.run_seconds += run["total_run_time"] or 0.0
    [flow_run] = _all(api, "flow_runs", since)
    return stages, (_epoch(flow_run["start_time"]), _epoch(flow_run["end_time"]))


def _epoch(stamp: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()


def _union_seconds(stages: list[Stage]) -> float:
    total, reach = 0.0, float("-inf")
    for stage in sorted(stages, key=lambda st: st.start):
        if stage.end > reach:
            total += stage.end - max(stage.start, reach)
            reach = stage.end
    return total


def report(label: str, started: float, seconds: float, peak: int, stages: dict[str, Stage],
           flow_span: tuple[float, float]) -> None:
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"\n{label}: {seconds:.1f} s wall, peak memory {peak / 2**30:.2f} GiB "
          f"(load average {load})")
    for name, stage in sorted(stages.items(), key=lambda kv: -kv[1].seconds):
        mapped = ("  (" + ", ".join(
            f"{n} {s} in {stage.state_spans[s][1] - stage.state_spans[s][0]:.1f} s"
            for s, n in stage.states.most_common())
                  + f"; {stage.run_seconds:.1f} s summed)" if stage.states.total() > 1 else "")
        print(f"  {name:24s} {stage.seconds:7.1f} s{mapped}")
    flow_start, flow_end = flow_span
    print("  Prefect overhead and the flow's own code:")
    print(f"    {'start-up until flow run':22s} {flow_start - started:7.1f} s "
          "(Python, imports, flow run creation)")
    print(f"    {'in flow, between stages':22s} "
          f"{flow_end - flow_start - _union_seconds(list(stages.values())):7.1f} s "
          "(orchestration, collecting shards)")
    print(f"    {'after flow run':22s} {started + seconds - flow_end:7.1f} s "
          "(shutdown, worker exit)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reviews", type=int, default=200)
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--task-runner", default="processes",
                        help="processes (default), threads or dask")
    parser.add_argument("--dask-cluster", action="store_true",
                        help="Run the reviews on a Dask cluster of two workers started once, "
                        "before the first run, and kept up (--task-runner dask --dask-address); "
                        "its CPU is counted with the server's, its memory is not in the peak")
    parser.add_argument("--corpus", type=Path, help="Use (a copy of) this corpus folder")
    parser.add_argument("--keep", action="store_true", help="Keep the work folder")
    args = parser.parse_args()
    print(f"machine reference: {machine_reference():.3f} s for a fixed Python loop "
          "(smaller is faster)")
    work = Path(tempfile.mkdtemp(prefix="imrf-bench-"))
    corpus, output = work / "corpus", work / "out"
    started = time.perf_counter()
    if args.corpus:
        shutil.copytree(args.corpus, corpus)
        files = sorted(corpus.glob("*.pdf"))
    else:
        files = write_corpus(corpus, args.reviews, args.pages)
    print(f"corpus: {len(files)} reviews of ~{args.pages} pages in "
          f"{time.perf_counter() - started:.1f} s ({corpus})")
    home = work / "prefect-home"
    home.mkdir()
    server, env, server_seconds = start_server(home)
    print(f"prefect server start: {server_seconds:.1f} s")
    runner, services = args.task_runner, [server]
    if args.dask_cluster:
        cluster, address = start_dask_cluster(env, work / "dask.log")
        runner, services = f"dask --dask-address {address}", [server, cluster]
        print(f"dask cluster: {address}")
    try:
        for label, change in (("first run", None), ("rerun, one review added", "add"),
                              ("rerun, nothing changed", None)):
            if change == "add":
                extra = corpus / "review-added.pdf"
                extra.write_bytes(long_review_pdf(3, args.pages, day=400, country_iso3="NZL"))
                with (corpus / "register.csv").open("a", newline="", encoding="utf-8") as f:
                    csv.writer(f).writerow([extra.name, "NZL", "2026", "national-review", "en",
                                            "2026-03-01"])
            since = time.time()
            serving = [psutil.Process(service.pid) for service in services]
            server_before = sum(sum(tree_cpu_seconds(p).values()) for p in serving)
            seconds, peak, cpu = timed_run(corpus, output, env, runner)
            cpu["server"] = sum(sum(tree_cpu_seconds(p).values()) for p in serving) - server_before
            stages, flow_span = run_timings(env["PREFECT_API_URL"], since)
            report(label, since, seconds, peak, stages, flow_span)
            # What was compiled: a figure on a corpus mostly quarantined would mean nothing.
            counts = json.loads((output / "data" / "processed" / "run_manifest.json")
                                .read_text(encoding="utf-8"))["counts"]
            print(f"  compiled {counts['documents']} documents ({counts['passages']:,} passages);"
                  f" {counts['quarantined']} quarantine rows")
            print(f"  CPU: {cpu['run']:.1f} s in the flow's process, {cpu['children']:.1f} s in "
                  f"its worker processes, {cpu['server']:.1f} s in the Prefect server "
                  f"{'and the Dask cluster ' if args.dask_cluster else ''}"
                  f"(2 cores give {2 * seconds:.0f} s)")
    finally:
        for service in services:
            os.killpg(service.pid, signal.SIGTERM)
            service.wait(timeout=30)
        if args.keep:
            print(f"work folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
