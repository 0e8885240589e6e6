"""JSON Schema checks for corpus files, with errors that name file, record and field.

The schemas live in ``corpus/schemas/<name>.json`` (draft 2020-12). A
problem is reported as ``file: field: message`` where ``field`` starts at the
record's id when the record has one (``q3.content.text``), else at its list
index (``edits[4].category``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any


def _import_jsonschema():
    """Import jsonschema without ``rfc3987_syntax``: jsonschema loads it only to check the
    'iri' format (unused here) and it takes seconds to import. Restored afterwards."""
    import sys

    blocked = "rfc3987_syntax" not in sys.modules and "jsonschema" not in sys.modules
    if blocked:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import jsonschema
    finally:
        if blocked:
            del sys.modules["rfc3987_syntax"]
    return jsonschema


if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError

from ..errors import CorpusError
from ..io import parse_json, read_text, rel_name, sha256_bytes
from ..paths import schema_path

#: Keys that identify a record inside a list, tried in this order.
ID_KEYS = ("id", "entity_id", "claim_id", "doc_id")

#: Every machine-readable corpus file (glob relative to the corpus folder) and its schema's name.
FILE_SCHEMAS = {
    "documents.json": "documents",
    "cleaning/*.json": "cleaning",
    "structure/*.json": "structure",
    "annotations/entities.json": "entities",
    "annotations/mentions/*.json": "mentions",
    "annotations/quotes/*.json": "quotes",
    "annotations/timex/*.json": "timex",
    "annotations/claims.json": "claims",
    "annotations/framing/*.json": "framing",
    "outside/records.json": "outside",
    "agreement/agreement.json": "agreement",
}
#: The files checked outside the annotation layers (the layers are checked by :mod:`.checks`).
CORPUS_FILES = {glob: name for glob, name in FILE_SCHEMAS.items() if not glob.startswith("annotations/")}


def schema_for(rel: str) -> str | None:
    """The schema name of the corpus file ``rel`` (a path relative to the corpus folder), if any."""
    for pattern, name in FILE_SCHEMAS.items():
        if Path(rel).match(pattern) and rel.count("/") == pattern.count("/"):
            return name
    return None


def load_schema(name: str) -> dict:
    """The kit's own ``schemas/<name>.json``; raise ``CorpusError`` if it is missing or broken."""
    return parse_json(read_text(schema_path(name), f"schemas/{name}.json",
                                missing="schema is missing; reinstall the kit"), f"schemas/{name}.json")


def read_json(path: Path, rel: str) -> tuple[Any, list[CorpusError]]:
    """Parse a UTF-8 JSON file; on failure return ``(None, [problem])`` instead of raising."""
    try:
        return parse_json(read_text(path, rel, missing="cannot read the file; restore it"), rel), []
    except CorpusError as problem:
        return None, [problem]


def record_label(item: Any) -> str | None:
    """The id of a record, when it has a usable one."""
    if isinstance(item, dict):
        for key in ID_KEYS:
            if isinstance(item.get(key), str) and item[key]:
                return item[key]
    return None


def field_path(data: Any, path: list) -> str:
    """Readable field name for a JSON path: ``["quotes", 2, "cue"]`` -> ``q3.cue``."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            label = record_label(node[step]) if isinstance(node, list) and step < len(node) else None
            if label is not None:
                if parts:
                    parts.pop()  # the list's own key: the id says enough
                parts.append(label)
            elif parts:
                parts[-1] += f"[{step}]"
            else:
                parts.append(f"[{step}]")
        else:
            parts.append(str(step))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(parts)


def _join(base: str, name: str) -> str:
    return f"{base}.{name}" if base else name


def _describe(error: ValidationError, base: str) -> list[tuple[str, str]]:
    """``(field, message)`` pairs for one schema error."""
    inst = error.instance
    if error.validator == "required":
        missing = [k for k in error.validator_value if isinstance(inst, dict) and k not in inst]
        return [(_join(base, k), "required field is missing; add it (use null where the format allows)") for k in missing]
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = [k for k in inst if k not in known] if isinstance(inst, dict) else []
        return [(_join(base, k), "unexpected field; remove it or fix its name") for k in extra]
    if error.validator == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in error.validator_value)
        return [(base, f"unknown value {inst!r}; use one of: {allowed}")]
    if error.validator == "type":
        wanted = error.validator_value
        wanted = " or ".join(wanted) if isinstance(wanted, list) else wanted
        return [(base, f"expected {wanted}, got {json.dumps(inst, ensure_ascii=False)[:60]}")]
    if error.validator == "pattern":
        return [(base, f"{inst!r} does not have the expected form (pattern {error.validator_value})")]
    return [(base, f"{error.message}")]


def _error_order(error: ValidationError) -> list[tuple]:
    """Sort key: position in the file (list indexes as numbers)."""
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in error.absolute_path]


def schema_problems(data: Any, schema: dict, rel: str) -> list[CorpusError]:
    """Every schema violation of ``data``, sorted by position in the file."""
    validator = _import_jsonschema().Draft202012Validator(schema)
    problems, seen = [], set()
    for error in sorted(validator.iter_errors(data), key=_error_order):
        base = field_path(data, list(error.absolute_path))
        for field, message in _describe(error, base):
            if (field, message) not in seen:  # jsonschema repeats "required" once per missing field
                seen.add((field, message))
                problems.append(CorpusError(rel, field or "-", message))
    return problems


def check_file(corpus_dir: Path, path: Path, schema_name: str,
               trusted_sha256: str | None = None) -> tuple[Any, list[CorpusError]]:
    """Read one JSON file and check it against its schema.

    With ``trusted_sha256`` (the checksum ``kjpacts build`` recorded after the corpus
    validated), a file whose bytes still have that checksum skips the schema pass.
    """
    rel = rel_name(path, corpus_dir)
    data, problems = read_json(path, rel)
    if problems:
        return None, problems
    if trusted_sha256 is not None and sha256_bytes(path.read_bytes()) == trusted_sha256:
        return data, []
    try:
        schema = load_schema(schema_name)
    except CorpusError as exc:
        return data, [exc]
    return data, schema_problems(data, schema, rel)


def validate_corpus_files(corpus_dir: Path) -> list[CorpusError]:
    """Schema problems in ``documents.json``, ``cleaning/*.json`` and ``structure/*.json``."""
    problems: list[CorpusError] = []
    for pattern, schema_name in CORPUS_FILES.items():
        for path in sorted(corpus_dir.glob(pattern)):
            problems += check_file(corpus_dir, path, schema_name)[1]
    return problems
