"""Processes started by a run end with it, even when the run is killed.

A run's review workers, its export process and Prefect's temporary server are children of the
run. When the run ends normally it stops them; when it is killed (``kill -9``, out of memory)
nothing does, and they would live on with their models loaded (about 2 GB for a pool).

- ``exit_when_orphaned``, called in a child the project starts (workers, the export process),
  starts a daemon thread that checks once a second whether the process's parent is still the
  one that started it, and ends the process when it is not.
- ``start_reaper``, called by ``imrf run``, starts a small process that keeps the list of the
  run's descendants, whoever started them (Prefect starts its temporary server itself), and
  ends those still running once the run is gone.

(The kernel's parent-death signal, ``prctl(PR_SET_PDEATHSIG)``, fires when the *thread* that
forked the child ends, and pools start workers from short-lived threads; polling has no such
catch and works on every POSIX system.)
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time

import psutil

ORPHAN_EXIT_CODE = 70  # EX_SOFTWARE: the process ends because its run is gone


def _watch(parent: int, poll_seconds: float) -> None:
    while True:
        time.sleep(poll_seconds)
        if os.getppid() != parent:
            os._exit(ORPHAN_EXIT_CODE)


def exit_when_orphaned(poll_seconds: float = 1.0) -> threading.Thread:
    """End this process within ``poll_seconds`` of its parent's end (call it in the child).

    The parent is the process that started this one (``multiprocessing.parent_process``), so
    a child whose parent died while it was still starting ends too.

    Returns:
        The watching thread (a daemon: it never keeps the process alive).
    """
    parent = multiprocessing.parent_process()
    expected = parent.pid if parent is not None and parent.pid else os.getppid()
    watcher = threading.Thread(target=_watch, args=(expected, poll_seconds), daemon=True,
                               name="exit-when-orphaned")
    watcher.start()
    return watcher


def start_reaper(poll_seconds: float = 0.2) -> subprocess.Popen[bytes]:
    """Start a process that ends this process's descendants once this process is gone.

    Returns:
        The reaper's process (it ends by itself after this process).
    """
    return subprocess.Popen([sys.executable, "-m", "imrf_analysis.runs.child_process",
                             str(os.getpid()),
                             str(poll_seconds)], stdin=subprocess.DEVNULL)


def reap_descendants_of(pid: int, poll_seconds: float = 0.2, grace_seconds: float = 3.0) -> None:
    """Watch process ``pid``; when it is gone, end the descendants it had (TERM, then KILL).

    Orphans are adopted by init, so their ancestry is lost with their parent: the list is taken
    every ``poll_seconds`` while ``pid`` lives. ``psutil.Process`` identifies a process by pid
    and start time, so a pid reused after a descendant ended is never signalled.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the run's to handle
    me = os.getpid()
    known: dict[int, psutil.Process] = {}
    try:
        run = psutil.Process(pid)
        while run.is_running() and run.status() != psutil.STATUS_ZOMBIE:
            known.update((child.pid, child) for child in run.children(recursive=True)
                         if child.pid != me)
            time.sleep(poll_seconds)
    except psutil.NoSuchProcess:
        pass
    alive = [process for process in known.values() if process.is_running()]
    for process in alive:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    _, still = psutil.wait_procs(alive, timeout=grace_seconds)
    for process in still:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


if __name__ == "__main__":
    reap_descendants_of(int(sys.argv[1]), float(sys.argv[2]))
