"""A small fixture corpus with every annotation layer, for the annotation and format tests.

It copies the real clean texts, documents.json and schemas into a temporary
folder and writes tiny layer files computed from phrases, so the tests do not
depend on the real annotation files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
Y, W = "yonhap-2012-06-27", "wapo-2011-01-11"
LAYER_KEYS = {"mentions": "mentions", "quotes": "quotes", "timex": "timexes", "framing": "framing"}


def read_text(corpus_dir: Path, doc: str) -> str:
    with open(corpus_dir / "clean" / f"{doc}.txt", encoding="utf-8", newline="") as fh:
        return fh.read()


def span(text: str, phrase: str, after: str = "", end_phrase: str | None = None) -> dict:
    """Span of ``phrase`` (first one after ``after``), or from ``phrase`` to the end of ``end_phrase``."""
    base = text.index(after) if after else 0
    start = text.index(phrase, base)
    end = text.index(end_phrase, start) + len(end_phrase) if end_phrase else start + len(phrase)
    return {"start": start, "end": end, "text": text[start:end]}


def write_json(path: Path, obj: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def numbered(prefix: str, records: list[dict], part: str | None = None) -> list[dict]:
    """Sort records by start, end (of ``part`` if given) and number them ``m1``, ``m2``..."""
    key = (lambda r: (r[part]["start"], r[part]["end"])) if part else (lambda r: (r["start"], r["end"]))
    return [{"id": f"{prefix}{i}", **r} for i, r in enumerate(sorted(records, key=key), 1)]


def entity(eid: str, name: str, kind: str, country: str | None) -> dict:
    return {"entity_id": eid, "name": name, "type": kind, "variants": [name], "country": country,
            "description": f"{name} (test fixture)"}


def mention(sp: dict, eid: str, metonymy: str | None = None, refers_to: str | None = None) -> dict:
    return {**sp, "entity_id": eid, "metonymy": metonymy, "refers_to": refers_to, "form": "named"}


def quote(kind: str, content: dict, cue: dict | None, source: dict | None, **extra) -> dict:
    rec = {"kind": kind, "content": content, "cue": cue, "source": source, "speaker": "Seoul official",
           "speaker_entity": None, "source_group": "official-1", "speaker_type": "government-official",
           "named": False, "anonymity_reason": None, "country": "KR", "unattributed": False, "note": ""}
    return {**rec, **extra}


def fixture_layers(corpus_dir: Path) -> dict:
    """``{layer: {doc_id or "": file content}}`` for the fixture."""
    y, w = read_text(corpus_dir, Y), read_text(corpus_dir, W)
    entities = [entity("south-korea", "South Korea", "country", "KR"), entity("japan", "Japan", "country", "JP"),
                entity("seoul", "Seoul", "place", "KR"), entity("kim-kwan-jin", "Kim Kwan-jin", "person", "KR"),
                entity("gsomia", "General Security of Military Information Agreement", "agreement", None)]
    mentions_y = numbered("m", [
        mention(span(y, "South Korea", "SEOUL, June 27"), "south-korea"),
        mention(span(y, "Seoul", "military intelligence, "), "seoul", "capital-for-government", "south-korea"),
        mention(span(y, "Kim Kwan-jin"), "kim-kwan-jin"),
        mention(span(y, "General Security of Military Information Agreement"), "gsomia"),
    ])
    mentions_w = numbered("m", [mention(span(w, "Seoul", "held talks"), "seoul"), mention(span(w, "Kim Kwan-jin"), "kim-kwan-jin")])
    quotes_y = numbered("q", [
        quote("indirect", span(y, "South Korea and Japan will sign", end_phrase="as early as this week"),
              span(y, "said", "a Seoul official"), span(y, "a Seoul official")),
        quote("direct", span(y, "As soon as Japan", end_phrase="with Japan"), span(y, "said", "the official said on"),
              span(y, "the official", "with Japan,\""), anonymity_reason="on the condition of anonymity"),
        # content runs over a paragraph break: brat must split it
        quote("mixed", span(y, "needs the pact", end_phrase="our national security"), span(y, "said", "\" he said"),
              span(y, "he", "security,\" "), source_group="official-1"),
    ], part="content")
    timex_y = numbered("t", [
        {**span(y, "Wednesday"), "type": "DATE", "value": "2012-06-27", "mod": None, "anchor": "published", "function": None, "note": ""},
        {**span(y, "1910-45"), "type": "RANGE", "value": "1910/1945", "mod": None, "anchor": "absolute", "function": None, "note": ""},
        {**span(y, "as early as this week"), "type": "DATE", "value": "2012-W26", "mod": "ON_OR_BEFORE", "anchor": "published",
         "function": None, "note": ""},
    ])
    wednesday = next(t["id"] for t in timex_y if t["text"] == "Wednesday")
    timex_y[0]["anchor"] = wednesday  # "as early as this week" comes first; resolve it against "Wednesday"
    timex_w = numbered("t", [{**span(w, "Monday"), "type": "DATE", "value": "2011-01-10", "mod": None, "anchor": "published",
                              "function": None, "note": ""}])
    framing_y = numbered("f", [
        {**span(y, "brutal"), "category": "evaluative", "note": "", "voice": "reporter", "quote_id": None},
        {**span(y, "possibly"), "category": "hedge", "note": "", "voice": "quoted-speaker", "quote_id": "q2"},
    ])
    framing_w = numbered("f", [{**span(w, "strongly"), "category": "intensifier", "note": "", "voice": "reporter", "quote_id": None}])
    claims = [
        {"claim_id": "gsomia-talks", "statement": "Seoul and Tokyo are negotiating military pacts.", "kind": "shared",
         "status": "corroborated", "outcome": None, "occurrences": [
             {"id": "o1", "doc_id": W, **span(w, "intelligence- and equipment-sharing agreements"), "attributed_to": "reporter",
              "quote_id": None, "independent": None, "reason": "first report"},
             {"id": "o2", "doc_id": Y, **span(y, "Seoul and Tokyo have been in talks", end_phrase="logistics"),
              "attributed_to": "reporter", "quote_id": None, "independent": True, "reason": "own reporting"}]},
        {"claim_id": "sign-this-week", "statement": "The pact will be signed this week.", "kind": "prediction",
         "status": "prediction-failed", "outcome": {"what_happened": "The signing was called off.", "confidence": "high",
                                                    "sources": ["ox-gsomia-signing-postponed-2012-06-29-ap"]},
         "occurrences": [{"id": "o1", "doc_id": Y, **quotes_y[0]["content"], "attributed_to": "a Seoul official",
                          "quote_id": "q1", "independent": None, "reason": "only source"}]},
    ]
    docs = [d["doc_id"] for d in read_json(corpus_dir / "documents.json")["documents"]]
    per_doc = {"mentions": {Y: mentions_y, W: mentions_w}, "quotes": {Y: quotes_y}, "timex": {Y: timex_y, W: timex_w},
               "framing": {Y: framing_y, W: framing_w}}
    layers: dict = {"entities": {"": {"entities": entities}}, "claims": {"": {"claims": claims}}}
    for layer, by_doc in per_doc.items():
        layers[layer] = {d: {"doc_id": d, LAYER_KEYS[layer]: by_doc.get(d, [])} for d in docs}
    return layers


def layer_path(corpus_dir: Path, layer: str, doc: str = "") -> Path:
    ann = corpus_dir / "annotations"
    return ann / f"{layer}.json" if not doc else ann / layer / f"{doc}.json"


def make_corpus(tmp_path: Path) -> Path:
    """A corpus folder in ``tmp_path`` with the real texts and the fixture layers."""
    corpus_dir = tmp_path / "corpus"
    shutil.copytree(CORPUS / "clean", corpus_dir / "clean")
    shutil.copytree(CORPUS / "schemas", corpus_dir / "schemas")
    shutil.copy(CORPUS / "documents.json", corpus_dir / "documents.json")
    for layer, files in fixture_layers(corpus_dir).items():
        for doc, content in files.items():
            write_json(layer_path(corpus_dir, layer, doc), content)
    return corpus_dir


def real_layer_present(layer: str) -> bool:
    """Whether the real corpus has files for ``layer`` (a file, or a folder with .json files)."""
    path = layer_path(CORPUS, layer) if layer in ("entities", "claims") else CORPUS / "annotations" / layer
    return path.is_file() or (path.is_dir() and any(path.glob("*.json")))
