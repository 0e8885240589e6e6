"""brat standoff: ``<doc_id>.txt`` (the clean text, byte-identical), ``<doc_id>.ann``,
``annotation.conf``, ``visual.conf``, ``tools.conf`` and ``kjpacts_entities.tsv``, and a reader
for ``.ann`` files.

Normalisation lines (brat 1.3+, ``N<n>\tReference T<i> <DB>:<ID>\t<text>``) link every mention to
its entity id (DB ``kjpacts_entities``, described in ``kjpacts_entities.tsv``, the input format of
brat's ``tools/norm_db_init.py``) and every time expression to its TIMEX3 value (DB ``TIMEX3``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..annotations.records import Annotations, Entity
from ..annotations.vocabulary import (
    CLAIM_STATUSES,
    METONYMY,
    QUOTE_KINDS,
    SPEAKER_TYPES,
    TIMEX_MODS,
    TIMEX_TYPES,
    VOICES,
)
from ..errors import CorpusError
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


ENTITY_DB, TIMEX_DB = "kjpacts_entities", "TIMEX3"


def _reference(s: ExportSpan, entities: dict[str, Entity]) -> tuple[str, str, str] | None:
    """``(DB, ID, text)`` that normalises a span: a mention's entity, a timex's value."""
    if s.layer == "mentions":
        eid = s.fields["entity_id"]
        return ENTITY_DB, eid, entities[eid].name if eid in entities else eid
    if s.layer == "timex" and s.fields.get("value") and " " not in s.fields["value"]:
        return TIMEX_DB, s.fields["value"], s.fields["value"]
    return None


def brat_ann(spans: list[ExportSpan], text: str, entities: dict[str, Entity] | None = None) -> str:
    """The ``.ann`` file of one document."""
    lines, rels, tids = [], [], {}
    n_attr = n_note = n_norm = 0
    for i, s in enumerate(spans, 1):
        tids[s.key] = f"T{i}"
        frags = _fragments(text, s.start, s.end)
        offsets = ";".join(f"{a} {b}" for a, b in frags)
        lines.append(f"T{i}\t{s.label} {offsets}\t{' '.join(text[a:b] for a, b in frags)}")
        for name, value in s.attributes:
            n_attr += 1
            lines.append(f"A{n_attr}\t{name} T{i}" + (f" {value}" if value else ""))
        ref = _reference(s, entities or {})
        if ref is not None:
            n_norm += 1
            lines.append(f"N{n_norm}\tReference T{i} {ref[0]}:{ref[1]}\t{_note({'t': ref[2]})[2:]}")
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
        ("Nominal", MENTION_LABELS["person"], None),
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


#: Span colours for visual.conf, by label family.
COLOURS = {"Mention": "#9fc5e8", "Quote_content": "#fff2cc", "Quote_cue": "#f6b26b", "Quote_source": "#b6d7a8",
           "Timex": "#d5a6bd", "Framing": "#ea9999", "Claim": "#cccccc"}


def visual_conf() -> str:
    """``visual.conf``: a readable label and a colour for every span type, styles for the relations."""
    out = ["# kjpacts display settings (written by kjpacts.exports.brat)", "[labels]"]
    for label in LABELS:
        words = label.replace("_", " ")
        out.append(f"{label} | {words} | {label.split('_', 1)[-1].replace('_', ' ')}")
    out += ["Source_of | source of | src", "Cue_of | cue of | cue", "", "[drawing]",
            "SPAN_DEFAULT\tfgColor:black, bgColor:lightgray, borderColor:darken",
            "ARC_DEFAULT\tcolor:black, arrowHead:triangle-5",
            "Source_of\tcolor:#38761d", "Cue_of\tcolor:#b45f06, dashArray:3-3"]
    for label in LABELS:
        family = next(k for k in COLOURS if label.startswith(k))
        out.append(f"{label}\tbgColor:{COLOURS[family]}")
    return "\n".join(out) + "\n"


def tools_conf() -> str:
    """``tools.conf``: the two normalisation resources. ``DB:<NONE>``: no server DB is needed to show
    the N lines; run brat's ``tools/norm_db_init.py kjpacts_entities.tsv`` to search the entities."""
    return ("# kjpacts normalisation resources (written by kjpacts.exports.brat)\n[normalization]\n"
            f"{ENTITY_DB}\tDB:<NONE>, <URL>:{ENTITY_DB}.tsv\n"
            f"{TIMEX_DB}\tDB:<NONE>, <URL>:https://www.timeml.org/\n")


def entities_tsv(entities: dict[str, Entity]) -> str:
    """The entity registry in the input format of brat's ``tools/norm_db_init.py``
    (``ID<TAB>name:Name:...<TAB>attr:Type:...<TAB>info:Description:...``)."""
    clean = lambda s: re.sub(r"[\t\r\n]+", " ", s)  # noqa: E731
    lines = []
    for e in entities.values():
        names = dict.fromkeys([e.name, *e.variants])
        fields = [f"name:Name:{clean(n)}" for n in names] + [f"attr:Type:{e.type}"]
        if e.country:
            fields.append(f"attr:Country:{clean(e.country)}")
        fields.append(f"info:Description:{clean(e.description)}")
        lines.append("\t".join([e.entity_id, *fields]))
    return "".join(line + "\n" for line in lines)


def write_brat(ann: Annotations, texts: dict[str, str], out_dir: Path) -> list[Path]:
    """Write ``<doc_id>.txt`` (byte-identical clean text) and ``<doc_id>.ann`` per document, and the
    configuration: ``annotation.conf``, ``visual.conf``, ``tools.conf``, ``kjpacts_entities.tsv``."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc, spans in export_spans(ann).items():
        (out_dir / f"{doc}.txt").write_bytes(texts[doc].encode("utf-8"))
        (out_dir / f"{doc}.ann").write_bytes(brat_ann(spans, texts[doc], ann.entities).encode("utf-8"))
        paths += [out_dir / f"{doc}.txt", out_dir / f"{doc}.ann"]
    for name, text in (("annotation.conf", brat_conf()), ("visual.conf", visual_conf()),
                       ("tools.conf", tools_conf()), (f"{ENTITY_DB}.tsv", entities_tsv(ann.entities))):
        (out_dir / name).write_bytes(text.encode("utf-8"))
        paths.append(out_dir / name)
    return paths


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




@dataclass
class AnnSpan:
    """One text-bound (T) annotation of an ``.ann`` file, with what points at it."""

    tid: str
    label: str
    fragments: list[tuple[int, int]]
    line: int  # 1-based line of the T line
    attributes: dict[str, str | None] = field(default_factory=dict)  # A lines: name -> value (None: binary)
    references: dict[str, str] = field(default_factory=dict)  # N lines: DB -> ID
    note: str = ""  # AnnotatorNotes
    relations: list[tuple[str, str]] = field(default_factory=list)  # R lines with this span as Arg1: (type, Arg2 tid)

    @property
    def start(self) -> int:
        return self.fragments[0][0]

    @property
    def end(self) -> int:
        return self.fragments[-1][1]


_T = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
_A = re.compile(r"^(A\d+)\t(\S+) (T\d+)(?: (\S+))?$")
_N = re.compile(r"^(N\d+)\tReference (T\d+) ([^:\s]+):(\S+)(?:\t.*)?$")
_R = re.compile(r"^(R\d+)\t(\S+) Arg1:(T\d+) Arg2:(T\d+)$")
_NOTE = re.compile(r"^(#\d+)\tAnnotatorNotes (T\d+)\t?(.*)$")


def read_ann(path: Path, text: str) -> list[AnnSpan]:
    """Every span of an ``.ann`` file over the document ``text``, strictly: a line brat would not
    write, offsets outside the text, a span whose text is not the document's there, or a reference
    to a missing span raise a one-line :class:`~kjpacts.errors.CorpusError` naming file and line."""
    spans: dict[str, AnnSpan] = {}
    pending: list[tuple[int, re.Match, str]] = []
    for n, line in enumerate(read_text(path, path.as_posix()).split("\n"), 1):
        line = line.rstrip("\r")
        if not line.strip():
            continue
        where = f"line {n}"
        m = _T.match(line)
        if m:
            frags = [tuple(int(x) for x in f.split()) for f in m.group(3).split(";")]
            if any(a >= b or b > len(text) for a, b in frags):
                raise CorpusError(path, where, f"offsets {m.group(3)!r} are outside the text ({len(text)} characters) or empty")
            surface = " ".join(text[a:b] for a, b in frags)
            if surface != m.group(4):
                raise CorpusError(path, where, f"span text {m.group(4)!r} is not the document's text at {m.group(3)} "
                                               f"({surface!r}); fix the offsets or the text")
            if m.group(1) in spans:
                raise CorpusError(path, where, f"{m.group(1)} is defined twice")
            spans[m.group(1)] = AnnSpan(m.group(1), m.group(2), frags, n)
            continue
        for kind, pattern in (("A", _A), ("N", _N), ("R", _R), ("#", _NOTE)):
            m = pattern.match(line)
            if m:
                pending.append((n, m, kind))
                break
        else:
            raise CorpusError(path, where, f"not a brat annotation line ({line[:40]!r}); expected T, A, N, R or # lines")
    for n, m, kind in pending:
        targets = [m.group(3)] if kind == "A" else [m.group(2)] if kind in ("N", "#") else [m.group(3), m.group(4)]
        missing = [t for t in targets if t not in spans]
        if missing:
            raise CorpusError(path, f"line {n}", f"refers to {missing[0]}, which no T line defines")
        if kind == "A":
            spans[m.group(3)].attributes[m.group(2)] = m.group(4)
        elif kind == "N":
            spans[m.group(2)].references[m.group(3)] = m.group(4)
        elif kind == "#":
            spans[m.group(2)].note = m.group(3)
        else:
            spans[m.group(3)].relations.append((m.group(2), m.group(4)))
    return list(spans.values())
