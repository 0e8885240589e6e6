"""Callback latency of every widget, on the corpus and on 10x and 100x synthetic corpora.

    PYTHONPATH=src python bench/widgets_bench.py [--factors 1 10 100] [--repeat 3]

A *callback* is one change of a control made from Python (``dropdown.value = ...``),
timed until every observer has re-rendered; no browser and no comm are involved, so
this is the kernel-side cost (the front end then has to draw ``html_kb`` of HTML).

Synthetic corpora are made by resampling paragraphs: a corpus ``k`` times larger has
``5k`` documents, each keeping the headline of one real page and the same number of
paragraphs drawn at random from all pages, with their cleaning edits and every
annotation (mentions, quotes, time, framing, claim occurrences) moved along.
Every synthetic page still rebuilds its raw page from its clean text and edits.

:func:`run` returns rows (dicts); :func:`main` prints them as a table. Timings are
reported, never asserted.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from kjpacts.annotations.records import Annotations, Claim, Span  # noqa: E402
from kjpacts.corpus.cleaning import rebuild_raw  # noqa: E402
from kjpacts.corpus.load import Corpus
from kjpacts.corpus.model import Document, Segment  # noqa: E402


# --------------------------------------------------------------------------- synthetic corpora

def _units(doc: Document) -> list[tuple[int, int, int, int, Segment]]:
    """(clean start, clean end, raw start, raw end, segment) for each segment with the gap after it."""
    segs = sorted(doc.segments, key=lambda s: s.start)
    out = []
    for i, seg in enumerate(segs):
        c0 = 0 if i == 0 else seg.start
        c1 = segs[i + 1].start if i + 1 < len(segs) else len(doc.text)
        r0 = 0 if i == 0 else doc.to_raw(c0)
        r1 = doc.to_raw(c1) if i + 1 < len(segs) else len(doc.raw)
        out.append((c0, c1, r0, r1, seg))
    return out


def synthetic_corpus(corpus: Corpus, factor: int, seed: int = 0) -> Corpus:
    """A corpus ``factor`` times the size of ``corpus``, by resampling paragraphs (see module doc)."""
    if factor == 1:
        return corpus
    rng = random.Random(seed)
    ann = corpus.annotations
    templates = list(corpus)
    units = {d.doc_id: _units(d) for d in templates}
    pool = [(d.doc_id, u) for d in templates for u in units[d.doc_id][1:] if u[4].kind == "paragraph"]
    docs: dict[str, Document] = {}
    new = Annotations(doc_ids=(), entities=dict(ann.entities), present=ann.present)
    occurrences: dict[str, list] = {}
    for n in range(len(templates) * factor):
        tpl = templates[n % len(templates)]
        doc_id = f"{tpl.doc_id}-s{n:04d}"
        body = [(tpl.doc_id, units[tpl.doc_id][0])]
        body += [rng.choice(pool) for u in units[tpl.doc_id][1:]]
        text, raw, segs, edits = [], [], [], []
        clen = rlen = 0
        counters = {"m": 0, "q": 0, "t": 0, "f": 0}
        recs: dict[str, list] = {"mentions": [], "quotes": [], "timexes": [], "framing": []}

        def nid(prefix: str) -> str:
            counters[prefix] += 1
            return f"{prefix}{counters[prefix]}"

        for src_id, (c0, c1, r0, r1, seg) in body:
            src = corpus[src_id]
            dc, dr = clen - c0, rlen - r0
            text.append(src.text[c0:c1])
            raw.append(src.raw[r0:r1])
            segs.append(Segment(seg.kind, seg.start + dc, seg.end + dc, seg.text))
            edits += [replace(e, raw_start=e.raw_start + dr, raw_end=e.raw_end + dr,
                              clean_start=e.clean_start + dc, clean_end=e.clean_end + dc)
                      for e in src.edits if c0 <= e.clean_start and e.clean_end <= c1
                      and r0 <= e.raw_start and e.raw_end <= r1]
            inside = lambda s, e: c0 <= s and e <= c1  # noqa: E731
            qmap = {}
            for q in ann.quotes[src_id]:
                spans = [x for x in (q.content, q.cue, q.source) if x is not None]
                if all(inside(x.start, x.end) for x in spans):
                    move = lambda x: None if x is None else Span(x.start + dc, x.end + dc, x.text)  # noqa: E731
                    qmap[q.id] = nid("q")
                    recs["quotes"].append(replace(q, doc_id=doc_id, id=qmap[q.id], content=move(q.content),
                                                  cue=move(q.cue), source=move(q.source)))
            for m in ann.mentions[src_id]:
                if inside(m.start, m.end):
                    recs["mentions"].append(replace(m, doc_id=doc_id, id=nid("m"), start=m.start + dc, end=m.end + dc))
            for t in ann.timexes[src_id]:
                if inside(t.start, t.end):
                    recs["timexes"].append(replace(t, doc_id=doc_id, id=nid("t"), start=t.start + dc, end=t.end + dc))
            for f in ann.framing[src_id]:
                if inside(f.start, f.end):
                    recs["framing"].append(replace(f, doc_id=doc_id, id=nid("f"), start=f.start + dc, end=f.end + dc,
                                                   quote_id=qmap.get(f.quote_id) if f.quote_id else None))
            for c in ann.claims:
                for o in c.occurrences:
                    if o.doc_id == src_id and inside(o.start, o.end):
                        occurrences.setdefault(c.claim_id, []).append(
                            replace(o, doc_id=doc_id, start=o.start + dc, end=o.end + dc,
                                    quote_id=qmap.get(o.quote_id) if o.quote_id else None))
            clen += c1 - c0
            rlen += r1 - r0
        clean, page = "".join(text), "".join(raw)
        edits.sort(key=lambda e: e.raw_start)
        if rebuild_raw(clean, edits) != page:
            raise AssertionError(f"{doc_id}: the synthetic page does not rebuild from its edits")
        meta = dict(tpl.meta, doc_id=doc_id)
        docs[doc_id] = Document(doc_id, clean, page, meta, tuple(segs), (), tuple(edits))
        new.mentions[doc_id] = recs["mentions"]
        new.quotes[doc_id] = recs["quotes"]
        new.timexes[doc_id] = recs["timexes"]
        new.framing[doc_id] = recs["framing"]
    for c in ann.claims:
        occ = occurrences.get(c.claim_id, [])
        if occ:
            occ = [replace(o, id=f"o{i}") for i, o in enumerate(occ, 1)]
            new.claims.append(Claim(c.claim_id, c.statement, c.kind, c.status, c.outcome, tuple(occ)))
    new.doc_ids = tuple(sorted(docs))
    out = Corpus(corpus.root, dict(sorted(docs.items())))
    out.__dict__["annotations"] = new
    return out


# --------------------------------------------------------------------------- scenarios

def scenarios(corpus: Corpus, rng: random.Random) -> dict[str, tuple[Callable, Callable]]:
    """name -> (build the widget, list the (control, value) changes to time on it)."""
    from kjpacts import widgets as W

    ids = corpus.fileids()
    some = lambda seq, k: rng.sample(list(seq), min(k, len(seq)))  # noqa: E731

    def viewer_steps(w):
        steps = []
        for d in some(ids, 6):
            steps.append((w.document, d))
            for layer in ("entities", "claims", "framing"):
                box = w.layer_boxes[layer]
                steps.append((box, lambda box=box: not box.value))
            steps.append((w.item, lambda: w.item.options[-1][1]))
        return steps

    def raw_steps(w):
        steps = []
        for d in some(ids, 8):
            steps += [(w.document, d), (w.show, "all"), (w.show, "typography")]
        return steps

    def compare_steps(w):
        steps = []
        for a, b in zip(some(ids, 6), some(ids, 6)):
            steps += [(w.left, a), (w.right, b), (w.n, 3), (w.n, 6), (w.n, 4)]
        return steps

    def concordance_steps(w):
        steps = []
        for q, rx in (("pact", False), ("military", False), (r"agree\w*", True), (r"(South|S\.) Korea", True),
                      ("Korea(", True), ("official", False)):
            steps += [(w.regex, rx), (w.query, q)]
        steps += [(w.outlet, v) for _, v in w.outlet.options[1:]] + [(w.outlet, "")]
        steps += [(w.document, d) for d in some(ids, 3)] + [(w.document, "")]
        return steps

    def quote_steps(w):
        steps = []
        for by in ("speaker", "country", "speaker_type"):
            steps.append((w.group_by, by))
            steps += [(w.named, v) for v in ("anonymous", "named", "")]
            steps += [(w.speaker_type, v) for _, v in w.speaker_type.options[1:4]] + [(w.speaker_type, "")]
            steps += [(w.outlet, v) for _, v in w.outlet.options[1:]] + [(w.outlet, "")]
        return steps

    def claim_steps(w):
        return [(w.claim, v) for _, v in w.claim.options]

    def timeline_steps(w):
        steps = [(w.period, p) for _, p in w.period.options][::-1]
        steps.append((w.event, lambda: w.event.options[len(w.event.options) // 2][1]))
        steps += [(w.document, d) for d in some(ids, 4)] + [(w.document, "")]
        steps += [(w.published, False), (w.published, True), (w.event, lambda: w.event.options[-1][1])]
        return steps

    def practice_steps(w):
        steps = []
        for i in range(min(12, len(w.items))):
            steps += [(w.item, i), (w.label, w.labels[i % len(w.labels)])]
        return steps

    def selfcheck_steps(w):
        return [(w.answer, v) for v in ("Seoul", "beijing", "Peking", "Beijing.")]

    return {
        "DocumentViewer": (lambda: W.DocumentViewer(corpus), viewer_steps),
        "RawVsClean": (lambda: W.RawVsClean(corpus), raw_steps),
        "CompareDocs": (lambda: W.CompareDocs(corpus), compare_steps),
        "Concordance": (lambda: W.Concordance(corpus), concordance_steps),
        "QuoteExplorer": (lambda: W.QuoteExplorer(corpus), quote_steps),
        "ClaimTracker": (lambda: W.ClaimTracker(corpus), claim_steps),
        "Timeline": (lambda: W.Timeline(corpus), timeline_steps),
        "AnnotationPractice": (lambda: W.AnnotationPractice.anonymous_sources(corpus), practice_steps),
        "ShortAnswer": (lambda: W.ShortAnswer("Where?", W.accept("Beijing")), selfcheck_steps),
    }


def _html_kb(widget) -> float:
    """Size of all HTML panes of a widget, in kB (what the browser must draw after a callback)."""
    import ipywidgets

    total, stack = 0, [widget]
    while stack:
        w = stack.pop()
        stack.extend(getattr(w, "children", ()))
        if isinstance(w, ipywidgets.HTML):
            total += len(w.value.encode("utf-8"))
    return total / 1024


class _Gen2Counter:
    """Counts full (generation 2) garbage collections that run inside a timed callback: they
    explain rare maxima (a few hundred ms on a big heap) that are the runtime's, not the widget's."""

    def __init__(self):
        self.count, self.timing = 0, False
        gc.callbacks.append(self)

    def __call__(self, phase, info):
        if phase == "stop" and info["generation"] == 2 and self.timing:
            self.count += 1

    def close(self):
        gc.callbacks.remove(self)


def run(factors=(1, 10, 100), repeat: int = 3, seed: int = 0, only: list[str] | None = None) -> list[dict]:
    """Rows: widget, corpus, documents, characters, build_ms, callbacks, median_ms, p95_ms, max_ms,
    gc_gen2 (full garbage collections during the timed callbacks), html_kb (largest HTML shown)."""
    import kjpacts

    base = kjpacts.load()
    rows = []
    for factor in factors:
        corpus = synthetic_corpus(base, factor, seed)
        chars = sum(len(d.text) for d in corpus)
        rng = random.Random(seed)
        for name, (build, steps_of) in scenarios(corpus, rng).items():
            if only and name not in only:
                continue
            t0 = time.perf_counter()
            widget = build()
            build_ms = (time.perf_counter() - t0) * 1000
            times, kb = [], 0.0
            gc.collect()
            pauses = _Gen2Counter()
            for _ in range(repeat):
                for control, value in steps_of(widget):
                    value = value() if callable(value) else value
                    if control.value == value:  # no change, no callback: not a measurement
                        continue
                    t = time.perf_counter()
                    pauses.timing = True
                    control.value = value
                    pauses.timing = False
                    times.append((time.perf_counter() - t) * 1000)
                    kb = max(kb, _html_kb(widget))
            times.sort()
            rows.append({
                "widget": name, "corpus": "corpus" if factor == 1 else f"{factor}x synthetic",
                "documents": len(corpus), "characters": chars, "build_ms": round(build_ms, 1),
                "callbacks": len(times), "median_ms": round(statistics.median(times), 2),
                "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 2),
                "max_ms": round(times[-1], 2), "gc_gen2": pauses.count, "html_kb": round(kb, 1),
            })
            pauses.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", nargs="*", help="widget class names")
    args = ap.parse_args(argv)
    rows = run(tuple(args.factors), args.repeat, only=args.only)
    cols = list(rows[0])
    print(" | ".join(cols))
    for r in rows:
        print(" | ".join(str(r[c]) for c in cols))
    return 0


if __name__ == "__main__":
    sys.exit(main())
