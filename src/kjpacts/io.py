"""Reading and writing corpus files: one UTF-8 text reader, one JSON reader, one checksum parser.

Every reader raises :class:`~kjpacts.errors.CorpusError` naming the file (relative to the
corpus folder), the field and what to do.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from .errors import CorpusError

_LAST_ID = re.compile(r'"(?:id|entity_id|claim_id|doc_id)"\s*:\s*"([^"]+)"')


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rel_name(path: Path, root: Path) -> str:
    """``path`` relative to ``root``, with forward slashes (the path itself when outside it)."""
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def read_text(path: Path, rel: str, missing: str = "file is missing; run `kjpacts build` to regenerate it") -> str:
    """The file as UTF-8 text, exactly (no newline translation)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise CorpusError(rel, "-", missing) from None
    except OSError as exc:
        raise CorpusError(rel, "-", f"cannot read the file ({exc.strerror}); restore it") from None
    return decode_utf8(data, rel)


def decode_utf8(data: bytes, rel: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(rel, "encoding", f"not valid UTF-8 ({exc.reason} at byte {exc.start}); "
                                           "re-save it as UTF-8") from None


def parse_json(text: str, rel: str) -> Any:
    """Parse JSON text; a syntax error names the line, column and the last record id before it."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        ids = _LAST_ID.findall(text[: exc.pos])
        where = f" (in or after record {ids[-1]})" if ids else ""
        raise CorpusError(rel, f"line {exc.lineno} column {exc.colno}",
                          f"invalid JSON{where}: {exc.msg}; fix or restore the file") from None


def read_json(path: Path, rel: str, missing: str = "file is missing; run `kjpacts build` to regenerate derived files") -> Any:
    """Read and parse a UTF-8 JSON file."""
    return parse_json(read_text(path, rel, missing), rel)


def dump_json(obj: object) -> str:
    """The kit's JSON layout: UTF-8 characters, one-space indent, final newline."""
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def recorded_checksums(root: Path) -> dict[str, str]:
    """``path -> sha256`` of every resource in ``root/datapackage.json`` (empty when unreadable).

    ``kjpacts build`` writes datapackage.json only for a corpus that validated.
    """
    try:
        package = json.loads((Path(root) / "datapackage.json").read_text(encoding="utf-8"))
        return {r["path"]: r["hash"].removeprefix("sha256:") for r in package["resources"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
