"""brat standoff: ``<doc_id>.txt`` (the clean text, byte-identical), ``<doc_id>.ann`` and
``annotation.conf``, and a reader for ``.ann`` files."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..annotations.records import Annotations
from ..annotations.vocabulary import (
    CLAIM_STATUSES,
    METONYMY,
    QUOTE_KINDS,
    SPEAKER_TYPES,
    TIMEX_MODS,
    TIMEX_TYPES,
    VOICES,
)
from ..io import read_text
from .spans import (
    CLAIM_LABEL,
    FRAMING_LABELS,
    INDEPENDENCE,
    LABELS,
    MENTION_LABELS,
    QUOTE_LABELS,
    TIMEX_LABEL,
    ExportSpan,
    SpanTuple,
    export_spans,
)


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a span at line breaks into brat fragments without whitespace at their edges."""
    frags = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        piece = m.group()
        lead = len(piece) - len(piece.lstrip())
        trail = len(piece.rstrip())
        if trail > lead:
            frags.append((start + m.start() + lead, start + m.start() + trail))
    return frags


def _note(fields: dict[str, Any]) -> str:
    """Fields as ``key=value; ...`` on one line, empty values left out."""
    parts = [f"{k}={v}" for k, v in fields.items() if v not in (None, "")]
    return re.sub(r"[\t\r\n]+", " ", "; ".join(parts))


def brat_ann(spans: list[ExportSpan], text: str) -> str:
    """The ``.ann`` file of one document."""
    lines, rels, tids = [], [], {}
    n_attr = n_note = 0
    for i, s in enumerate(spans, 1):
        tids[s.key] = f"T{i}"
        frags = _fragments(text, s.start, s.end)
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        lines.append(f"T{i}\t{s.label} {offsets}\t{' '.join(text[a:b] for a, b in frags)}")
        for name, value in s.attributes:
            n_attr += 1
            lines.append(f"A{n_attr}\t{name} T{i}" + (f" {value}" if value else ""))
        n_note += 1
        lines.append(f"#{n_note}\tAnnotatorNotes T{i}\t{_note(s.fields)}")
    for s in spans:
        for relation, target in s.links:
            rels.append(f"R{len(rels) + 1}\t{relation} Arg1:{tids[s.key]} Arg2:{tids[target]}")
    return "".join(line + "\n" for line in lines + rels)


def brat_conf() -> str:
    """``annotation.conf`` declaring every label, relation and attribute used."""
    mentions, framing = "|".join(MENTION_LABELS.values()), "|".join(FRAMING_LABELS.values())
    attrs = [
        ("Metonymy", mentions, list(METONYMY)),
        ("Quote_kind", QUOTE_LABELS["content"], list(QUOTE_KINDS)),
        ("Unattributed", QUOTE_LABELS["content"], None),
        ("Speaker_type", QUOTE_LABELS["source"], list(SPEAKER_TYPES)),
        ("Named", QUOTE_LABELS["source"], None),
        ("Timex_type", TIMEX_LABEL, list(TIMEX_TYPES)),
        ("Timex_mod", TIMEX_LABEL, list(TIMEX_MODS)),
        ("Voice", framing, list(VOICES)),
        ("Claim_status", CLAIM_LABEL, list(CLAIM_STATUSES)),
        ("Independence", CLAIM_LABEL, list(INDEPENDENCE.values())),
    ]
    out = ["# kjpacts annotation layers (written by kjpacts.exports.brat)", "[entities]", *LABELS,
           "", "[relations]",
           f"Source_of\tArg1:{QUOTE_LABELS['source']}, Arg2:{QUOTE_LABELS['content']}",
           f"Cue_of\tArg1:{QUOTE_LABELS['cue']}, Arg2:{QUOTE_LABELS['content']}",
           "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
           "", "[events]", "", "[attributes]"]
    for name, arg, values in attrs:
        out.append(f"{name}\tArg:{arg}" + (f", Value:{'|'.join(values)}" if values else ""))
    return "\n".join(out) + "\n"


def write_brat(ann: Annotations, texts: dict[str, str], out_dir: Path) -> list[Path]:
    """Write ``<doc_id>.txt`` (byte-identical clean text), ``<doc_id>.ann`` and ``annotation.conf``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc, spans in export_spans(ann).items():
        (out_dir / f"{doc}.txt").write_bytes(texts[doc].encode("utf-8"))
        (out_dir / f"{doc}.ann").write_bytes(brat_ann(spans, texts[doc]).encode("utf-8"))
        paths += [out_dir / f"{doc}.txt", out_dir / f"{doc}.ann"]
    (out_dir / "annotation.conf").write_bytes(brat_conf().encode("utf-8"))
    return paths + [out_dir / "annotation.conf"]


def read_brat(directory: Path) -> dict[str, list[SpanTuple]]:
    """Text-bound (T) annotations of every ``.ann`` file, as ``(label, start, end, text)``.

    A discontinuous span gives one tuple from its first start to its last end,
    its text taken from the ``.txt`` beside it (or the fragment text without one).
    """
    result: dict[str, list[SpanTuple]] = {}
    for ann_path in sorted(Path(directory).glob("*.ann")):
        txt_path = ann_path.with_suffix(".txt")
        text = read_text(txt_path, txt_path.as_posix()) if txt_path.exists() else None
        spans = []
        for line in read_text(ann_path, ann_path.as_posix()).split("\n"):
            if not line.startswith("T"):
                continue
            _, middle, surface = line.split("\t", 2)
            label, offsets = middle.split(" ", 1)
            frags = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";")]
            start, end = frags[0][0], frags[-1][1]
            spans.append((label, start, end, text[start:end] if text is not None else surface))
        result[ann_path.stem] = sorted(spans)
    return result


