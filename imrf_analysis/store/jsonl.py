"""Reading JSON Lines files with errors that name the file and line."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def read_jsonl_objects(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(where, row)`` for each non-blank line of ``path``; ``where`` is "FILE, line N".

    Lines end at line feeds only: a JSON string may hold U+2028 or U+2029 as they are. An
    escaped lone surrogate (half of a surrogate pair) is no character and cannot be written
    back as UTF-8: it is read as U+FFFD, the replacement character.

    Raises:
        ValueError: a line is not valid JSON or not a JSON object; the message names the line.
    """
    for where, row in read_jsonl_lines(path):
        if isinstance(row, ValueError):
            raise row
        yield where, row


def read_jsonl_lines(path: Path) -> Iterator[tuple[str, dict[str, Any] | ValueError]]:
    """Yield ``(where, row)`` for each non-blank line, with a ``ValueError`` for a bad line.

    As ``read_jsonl_objects``, for readers that go on past a bad line and report it.
    """
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            yield where, ValueError(f"{where}: not valid JSON ({error.msg})")
            continue
        if not isinstance(row, dict):
            yield where, ValueError(f"{where}: expected a JSON object")
            continue
        yield where, _replace_lone_surrogates(row)


def _replace_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_replace_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_replace_lone_surrogates(k): _replace_lone_surrogates(v)
                for k, v in value.items()}
    return value
