"""Inter-annotator agreement: span F1 and Cohen's kappa (``nltk.metrics.agreement``).

Two annotations of one layer are compared span by span. Spans match exactly
(same document, start and end) or, for the relaxed score, by overlap (each span
paired with at most one span of the other pass, largest overlap first). On the
matched pairs, each categorical attribute gets Cohen's kappa.

>>> a = {"d": [(0, 5, {"kind": "x"}), (10, 15, {"kind": "y"})]}
>>> b = {"d": [(0, 5, {"kind": "x"}), (11, 15, {"kind": "y"}), (20, 25, {"kind": "x"})]}
>>> r = compare(a, b, ["kind"])
>>> r["exact"]["f1"], r["overlap"]["f1"]
(0.4, 0.8)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from ..io import read_json

SpanRecord = tuple[int, int, dict]

#: layer -> (folder or file under a pass dir, how to get (start, end, attrs) from a record)
ATTRIBUTES = {
    "mentions": ["type", "metonymy"],
    "nominal mentions": ["entity_id"],
    "quotes": ["kind", "speaker_type", "named"],
    "timex": ["type", "value"],
    "framing": ["category", "voice"],
    "claims": ["independent"],
}


def prf(tp: int, n_a: int, n_b: int) -> dict:
    p = tp / n_b if n_b else 1.0
    r = tp / n_a if n_a else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "matched": tp, "a": n_a, "b": n_b}


def match_overlap(a: list[SpanRecord], b: list[SpanRecord]) -> list[tuple[int, int]]:
    """Pairs of indices (i in a, j in b), each used once, greatest overlap first."""
    cands = []
    for i, (s1, e1, _) in enumerate(a):
        for j, (s2, e2, _) in enumerate(b):
            ov = min(e1, e2) - max(s1, s2)
            if ov > 0:
                cands.append((-ov, i, j))
    used_a, used_b, pairs = set(), set(), []
    for _, i, j in sorted(cands):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(frozen=True)
class Kappa:
    """Cohen's kappa, or ``None`` with the reason it is undefined."""

    value: float | None
    reason: str = ""


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> Kappa:
    """Cohen's kappa over ``(label_a, label_b)`` pairs, with ``nltk.metrics.agreement.AnnotationTask``.

    The kit's one kappa: the agreement report, the practice widget and the lessons use it.

    >>> cohen_kappa([("yes", "yes"), ("no", "no"), ("no", "yes")]).value
    0.4
    >>> cohen_kappa([("yes", "yes"), ("yes", "yes")]).reason
    'only one label was used, so agreement by chance is 100% and kappa is 0/0'
    """
    from nltk.metrics.agreement import AnnotationTask

    if len(pairs) < 2:
        return Kappa(None, "fewer than two items were labelled by both")
    labels = {str(x) for x, _ in pairs} | {str(y) for _, y in pairs}
    if len(labels) < 2:
        return Kappa(None, "only one label was used, so agreement by chance is 100% and kappa is 0/0")
    data = [("A", str(i), str(x)) for i, (x, _) in enumerate(pairs)] + [("B", str(i), str(y)) for i, (_, y) in enumerate(pairs)]
    return Kappa(round(AnnotationTask(data=data).kappa(), 3))


def compare(a: dict[str, list[SpanRecord]], b: dict[str, list[SpanRecord]], attributes: list[str]) -> dict:
    """Exact and overlap span scores of ``b`` against ``a``, and kappa per attribute on overlap pairs."""
    n_a = sum(len(v) for v in a.values())
    n_b = sum(len(v) for v in b.values())
    exact = overlap = 0
    attr_pairs: dict[str, list] = {k: [] for k in attributes}
    for doc in sorted(set(a) | set(b)):
        xa, xb = a.get(doc, []), b.get(doc, [])
        exact += len({(s, e) for s, e, _ in xa} & {(s, e) for s, e, _ in xb})
        pairs = match_overlap(xa, xb)
        overlap += len(pairs)
        for i, j in pairs:
            for k in attributes:
                attr_pairs[k].append((xa[i][2].get(k), xb[j][2].get(k)))
    return {
        "exact": prf(exact, n_a, n_b),
        "overlap": prf(overlap, n_a, n_b),
        "kappa": {k: cohen_kappa(v).value for k, v in attr_pairs.items()},
        "attribute_agreement": {k: round(sum(x == y for x, y in v) / len(v), 3) if v else None for k, v in attr_pairs.items()},
    }


def _load(path: Path) -> dict:
    return read_json(path, path.as_posix())


def layer_records(pass_dir: Path, layer: str) -> dict[str, list[SpanRecord]]:
    """Span records of one layer from a pass folder laid out like ``corpus/annotations``."""
    out: dict[str, list[SpanRecord]] = {}
    if layer == "claims":
        for claim in _load(pass_dir / "claims.json")["claims"]:
            for o in claim["occurrences"]:
                out.setdefault(o["doc_id"], []).append((o["start"], o["end"], o))
        return out
    nominal = layer == "nominal mentions"  # the nominal person mentions; "mentions" are the named ones
    layer = "mentions" if nominal else layer
    types = {}
    if layer == "mentions":
        types = {e["entity_id"]: e["type"] for e in _load(pass_dir / "entities.json")["entities"]}
    for path in sorted((pass_dir / layer).glob("*.json")):
        data = _load(path)
        key = {"mentions": "mentions", "quotes": "quotes", "timex": "timexes", "framing": "framing"}[layer]
        recs = []
        for r in data[key]:
            if layer == "quotes":
                recs.append((r["content"]["start"], r["content"]["end"], r))
            elif layer == "mentions":
                if (r.get("form", "named") == "nominal") == nominal:
                    recs.append((r["start"], r["end"], {**r, "type": types.get(r["entity_id"])}))
            else:
                recs.append((r["start"], r["end"], r))
        out[data["doc_id"]] = recs
    return out


def agreement_markdown(report: dict) -> str:
    """The agreement table for DATASHEET.md."""
    rows = ["| layer | spans (pass 1 / pass 2) | exact F1 | overlap F1 | Cohen's κ on attributes (overlap pairs) |",
            "|---|---|---|---|---|"]
    for layer, r in report.items():
        kap = ", ".join(f"{k} {'n/a' if v is None else f'{v:.2f}'}" for k, v in r["kappa"].items())
        rows.append(f"| {layer} | {r['exact']['a']} / {r['exact']['b']} | {r['exact']['f1']:.2f} | "
                    f"{r['overlap']['f1']:.2f} | {kap} |")
    return "\n".join(rows)


def agreement_report(pass1: Path, pass2: Path) -> dict:
    """Agreement for every layer present in both pass folders."""
    report = {}
    for layer, attrs in ATTRIBUTES.items():
        folder = "mentions" if layer == "nominal mentions" else layer
        present = [(p / folder).is_dir() or (p / f"{folder}.json").is_file() for p in (pass1, pass2)]
        if all(present):
            result = compare(layer_records(pass1, layer), layer_records(pass2, layer), attrs)
            if layer != "nominal mentions" or result["exact"]["a"] or result["exact"]["b"]:
                report[layer] = result
    return report
