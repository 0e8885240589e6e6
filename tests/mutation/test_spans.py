"""kjpacts.exports.spans (what every export writes) and kjpacts.exports.export, against the layer
JSON files read directly: keys, labels, offsets, attributes, links and record fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts.exports import export
from kjpacts.exports.spans import export_spans, independence
from tests.gold_spans import gold_spans

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ANN = CORPUS / "annotations"
DOCS = sorted(d["doc_id"] for d in json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"])


def _json(rel: str) -> dict:
    return json.loads((ANN / rel).read_text(encoding="utf-8"))


def _expected(doc: str) -> dict[str, tuple]:
    """``{key: (label, start, end, text, layer, fields, attributes, links)}`` of one document, by hand from the JSON."""
    types = {e["entity_id"]: e["type"] for e in _json("entities.json")["entities"]}
    out = {}
    drop = ("doc_id", "start", "end", "text")
    for m in _json(f"mentions/{doc}.json")["mentions"]:
        attrs = ([("Metonymy", m["metonymy"])] if m["metonymy"] else []) + ([("Nominal", None)] if m["form"] == "nominal" else [])
        out[f"mentions/{m['id']}"] = (f"Mention_{types[m['entity_id']]}", m["start"], m["end"], m["text"], "mentions",
                                      {k: v for k, v in m.items() if k not in drop}, attrs, [])
    for q in _json(f"quotes/{doc}.json")["quotes"]:
        info = {k: v for k, v in q.items() if k not in ("content", "cue", "source")}
        c = q["content"]
        out[f"quotes/{q['id']}/content"] = ("Quote_content", c["start"], c["end"], c["text"], "quotes", {**info, "role": "content"},
                                            [("Quote_kind", q["kind"])] + ([("Unattributed", None)] if q["unattributed"] else []), [])
        if q["cue"]:
            out[f"quotes/{q['id']}/cue"] = ("Quote_cue", q["cue"]["start"], q["cue"]["end"], q["cue"]["text"], "quotes",
                                            {"id": q["id"], "role": "cue"}, [], [("Cue_of", f"quotes/{q['id']}/content")])
        if q["source"]:
            s = q["source"]
            out[f"quotes/{q['id']}/source"] = ("Quote_source", s["start"], s["end"], s["text"], "quotes",
                                               {"id": q["id"], "role": "source"},
                                               [("Speaker_type", q["speaker_type"])] + ([("Named", None)] if q["named"] else []),
                                               [("Source_of", f"quotes/{q['id']}/content")])
    for t in _json(f"timex/{doc}.json")["timexes"]:
        out[f"timex/{t['id']}"] = ("Timex", t["start"], t["end"], t["text"], "timex", {k: v for k, v in t.items() if k not in drop},
                                   [("Timex_type", t["type"])] + ([("Timex_mod", t["mod"])] if t["mod"] else []), [])
    for f in _json(f"framing/{doc}.json")["framing"]:
        out[f"framing/{f['id']}"] = ("Framing_" + f["category"].replace("-", "_"), f["start"], f["end"], f["text"], "framing",
                                     {k: v for k, v in f.items() if k not in drop}, [("Voice", f["voice"])], [])
    for c in _json("claims.json")["claims"]:
        for o in c["occurrences"]:
            if o["doc_id"] != doc:
                continue
            indep = {True: "independent", False: "echo"}.get(o["independent"]) or (
                "in_tension" if o["reason"].startswith("In tension") else "first")
            fields = {"claim_id": c["claim_id"], "statement": c["statement"], "kind": c["kind"],
                      **{k: v for k, v in o.items() if k not in drop}}
            out[f"claims/{c['claim_id']}/{o['id']}"] = ("Claim", o["start"], o["end"], o["text"], "claims", fields,
                                                         [("Claim_status", c["status"]), ("Independence", indep)], [])
    return out


@pytest.fixture(scope="module")
def spans(corpus):
    return export_spans(corpus.annotations)


def test_spans_per_document_match_the_gold_reading(spans):
    assert sorted(spans) == DOCS
    assert {d: sorted((s.label, s.start, s.end, s.text) for s in ss) for d, ss in spans.items()} == gold_spans(CORPUS)
    for ss in spans.values():
        assert [(s.start, s.end) for s in ss] == sorted((s.start, s.end) for s in ss)  # document order


@pytest.mark.parametrize("doc", DOCS)
def test_every_span_carries_its_attributes_links_and_fields(spans, doc):
    def given(fields: dict) -> dict:  # a record's optional fields absent from the JSON are None in the model
        return {k: v for k, v in fields.items() if v is not None}

    got = {s.key: (s.label, s.start, s.end, s.text, s.layer, given(s.fields), s.attributes, s.links) for s in spans[doc]}
    want = {k: (*v[:5], given(v[5]), *v[6:]) for k, v in _expected(doc).items()}
    assert sorted(got) == sorted(want)
    for key in want:
        assert got[key] == want[key], key


def test_the_corpus_has_every_attribute_kind():
    kinds = {a for doc in DOCS for v in _expected(doc).values() for a, _ in v[6]}
    assert kinds >= {"Metonymy", "Quote_kind", "Speaker_type", "Named", "Timex_type", "Timex_mod", "Voice",
                     "Claim_status", "Independence"}


def test_independence_labels():
    assert independence(True, "") == "independent" and independence(False, "x") == "echo"
    assert independence(None, "Only occurrence") == "first"
    assert independence(None, "In tension with o1") == "in_tension" and independence(True, "In tension") == "independent"


def test_export_names_an_unknown_format(corpus, tmp_path):
    with pytest.raises(ValueError) as err:
        export(corpus, "conll", tmp_path)
    assert str(err.value) == "unknown export format 'conll'; use one of csv, brat, w3c"
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("fmt, first", [("brat", "ahram-2011-01-10.txt"), ("w3c", "raw/")])
def test_export_writes_each_format_into_a_new_folder(corpus, tmp_path, fmt, first):
    out = tmp_path / "a" / "b"
    paths = export(corpus, fmt, out)
    assert paths and all(p.is_file() and out in p.parents for p in paths)
    assert any(p.relative_to(out).as_posix().startswith(first) for p in paths)
    assert (out / "annotation.conf").is_file() == (fmt == "brat") and any(out.glob("*.jsonld")) == (fmt == "w3c")
    if fmt == "w3c":
        base = json.loads((out / "wapo-2011-01-11.jsonld").read_text(encoding="utf-8"))["id"]
        assert base == "urn:kjpacts:wapo-2011-01-11.jsonld"
        assert export(corpus, fmt, tmp_path / "c", base_uri="https://h/x")[0].is_file()
        assert json.loads((tmp_path / "c" / "wapo-2011-01-11.jsonld").read_text(encoding="utf-8"))["id"] == \
            "https://h/x/wapo-2011-01-11.jsonld"


def test_a_document_without_layer_lists_and_a_source_without_a_cue():
    from kjpacts.annotations.records import Annotations, Quote, Span

    assert export_spans(Annotations(doc_ids=("d",))) == {"d": []}
    q = Quote("d", "q1", "according-to", Span(10, 14, "deal"), None, Span(0, 5, "Seoul"), "Seoul", None, "g",
              "government-official", False, None, "KR", False, "")
    spans = export_spans(Annotations(doc_ids=("d",), quotes={"d": [q]}))["d"]
    assert [(s.key, s.attributes, s.links) for s in spans] == [
        ("quotes/q1/source", [("Speaker_type", "government-official")], [("Source_of", "quotes/q1/content")]),
        ("quotes/q1/content", [("Quote_kind", "according-to")], [])]


def test_csv_export_refuses_layers_that_do_not_validate(corpus_copy, tmp_path):
    from kjpacts.corpus.load import load
    from kjpacts.errors import CorpusErrors

    loaded = load(corpus_copy)  # layers as built: parsed on first use
    path = corpus_copy / "annotations" / "framing" / "wapo-2011-01-11.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["framing"][0]["category"] = "sarcasm"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CorpusErrors):
        export(loaded, "csv", tmp_path / "out")
    assert not (tmp_path / "out" / "datapackage.json").exists()
