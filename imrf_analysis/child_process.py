"""Worker processes end with the run that started them, even when the run is killed.

A run's review workers and its export process are children of the run. When the run ends
normally it stops them; when it is killed (``kill -9``, out of memory) nothing does, and they
would live on with their models loaded (about 2 GB for a pool). ``exit_when_orphaned`` starts a
daemon thread that checks once a second whether the process's parent is still the one that
started it, and ends the process when it is not.

(The kernel's parent-death signal, ``prctl(PR_SET_PDEATHSIG)``, fires when the *thread* that
forked the child ends, and pools start workers from short-lived threads; polling has no such
catch and works on every POSIX system.)
"""

from __future__ import annotations

import os
import threading
import time

ORPHAN_EXIT_CODE = 70  # EX_SOFTWARE: the process ends because its run is gone


def _watch(parent: int, poll_seconds: float) -> None:
    while True:
        time.sleep(poll_seconds)
        if os.getppid() != parent:
            os._exit(ORPHAN_EXIT_CODE)


def exit_when_orphaned(poll_seconds: float = 1.0) -> threading.Thread:
    """End this process within ``poll_seconds`` of its parent's end (call it in the child).

    Returns:
        The watching thread (a daemon: it never keeps the process alive).
    """
    watcher = threading.Thread(target=_watch, args=(os.getppid(), poll_seconds), daemon=True,
                               name="exit-when-orphaned")
    watcher.start()
    return watcher
