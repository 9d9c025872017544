"""Every entry of an input folder, under a printable name, and whether it may be read at all.

Links are not followed out of the folder, links to folders are not walked into, and a name
that is not valid UTF-8 or holds control characters is shown escaped, so each entry can be
written to Parquet and counted in the run manifest.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

_RENAME = "rename the file using letters, digits, spaces, '-' and '_' and submit it again"


@dataclass(frozen=True)
class InputFile:
    """One entry of the input folder.

    Attributes:
        name: path relative to the input folder, with ``/`` separators, printable.
        path: where to read it.
        problem: why it cannot be read (reason, hint), or None.
    """

    name: str
    path: Path
    problem: tuple[str, str] | None = None


def printable_name(raw: str) -> str:
    r"""Return ``raw`` with undecodable bytes and control characters escaped.

    Returns:
        The name itself when it is printable UTF-8; else the same name with ``\\xNN`` escapes.
    """
    text = raw.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


def _entry(path: Path, root: Path, raw_name: str) -> InputFile:
    name = printable_name(raw_name)
    if name != raw_name:
        return InputFile(name, path, (
            "the file name holds control characters or bytes that are not UTF-8", _RENAME))
    if path.is_symlink():
        target = path.resolve()
        if not target.exists():
            return InputFile(name, path, ("a link to a file that does not exist",
                                          "put the file itself in the input folder"))
        if not _inside(target, root):
            return InputFile(name, path, ("a link pointing outside the input folder",
                                          "copy the file itself into the input folder"))
        if target.is_dir():
            return InputFile(name, path, ("a link to a folder; links are not followed",
                                          "put the files themselves in the input folder"))
    elif not path.is_file():
        return InputFile(name, path, ("not a regular file (a device, socket or pipe)",
                                      "remove it from the input folder"))
    return InputFile(name, path)


def list_input_files(input_dir: Path, ignored: frozenset[str]) -> list[InputFile]:
    """Return every file, link and special entry under ``input_dir``, sorted by name.

    Returns:
        Entries whose base name is in ``ignored`` at the top of the folder are left out;
        everything else is listed, readable or not.
    """
    root = input_dir.resolve()
    found: list[InputFile] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        base = Path(folder)
        links = [d for d in dirs if (base / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in links)
        for raw in sorted(files + links):
            path = base / raw
            relative = path.relative_to(root).as_posix()
            if base == root and raw in ignored:
                continue
            found.append(_entry(path, root, relative))
    return sorted(found, key=lambda f: f.name)
