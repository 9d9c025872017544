"""One run at a time writes an output folder; the lock goes with the process that holds it."""

import subprocess
import sys

import pytest

from imrf_analysis.store.catalog import Catalog, OutputLockedError, output_lock


def test_a_second_run_into_the_same_folder_stops_naming_the_folder_and_the_first_run(tmp_path):
    catalog = Catalog.under(tmp_path / "raw", tmp_path / "out")
    with output_lock(catalog) as lock:
        pid = lock.read_text(encoding="utf-8")
        with pytest.raises(OutputLockedError, match=rf"out: another run \(process {pid}\)"):
            with output_lock(catalog):
                pass
    with output_lock(catalog):  # released when the first run ended
        pass


def test_another_folder_is_not_locked(tmp_path):
    with output_lock(Catalog.under(tmp_path / "raw", tmp_path / "a")):
        with output_lock(Catalog.under(tmp_path / "raw", tmp_path / "b")):
            pass


def test_a_run_killed_while_holding_the_lock_does_not_leave_the_folder_locked(tmp_path):
    code = ("import os, sys\n"
            "from pathlib import Path\n"
            "from imrf_analysis.store.catalog import Catalog, output_lock\n"
            f"catalog = Catalog.under(Path({str(tmp_path)!r}) / 'raw', "
            f"Path({str(tmp_path)!r}) / 'out')\n"
            "with output_lock(catalog):\n"
            "    os._exit(9)\n")  # ends without releasing anything, as a killed run does
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 9
    with output_lock(Catalog.under(tmp_path / "raw", tmp_path / "out")):
        pass


def test_writing_outputs_never_opens_the_umask_to_other_threads(tmp_path):
    import os
    import threading

    from imrf_analysis.store.catalog import process_umask, write_text

    previous = os.umask(0o022)
    try:
        process_umask.cache_clear()
        stop = threading.Event()
        folders = []

        def make_folders():
            i = 0
            while not stop.is_set():
                folder = tmp_path / "folders" / str(i)
                folder.mkdir(parents=True)
                folders.append(folder)
                i += 1

        maker = threading.Thread(target=make_folders)
        maker.start()
        for i in range(300):
            written = write_text("x", tmp_path / "out" / f"{i}.txt")
            assert written.stat().st_mode & 0o777 == 0o644
            process_umask.cache_clear()  # every write reads the mask again
        stop.set()
        maker.join()
        assert folders and all(f.stat().st_mode & 0o777 == 0o755 for f in folders)
    finally:
        os.umask(previous)
        process_umask.cache_clear()
