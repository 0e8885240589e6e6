"""kjpacts.exports.w3c on hand-made spans: the exact Web Annotation JSON (bodies, selectors,
target), the collection file, and the reader's re-anchoring, written out here by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts.annotations.records import Entity
from kjpacts.exports.spans import ExportSpan
from kjpacts.exports.w3c import context, properties, read_w3c, resolve_selectors, w3c_annotation, write_w3c
from tests.gold_spans import gold_spans

B = "https://example.org/kjp/"
TEXT = "x" * 40 + "Lee said so."  # Lee at 40-43
LEE = Entity("lee", "Lee Myung-bak", "person", ("Lee",), None, "President")
MENTION = ExportSpan("mentions/m1", "Mention_person", 40, 43, "Lee", "mentions",
                     {"id": "m1", "entity_id": "lee", "metonymy": None}, [("Nominal", None)])
CUE = ExportSpan("quotes/q1/cue", "Quote_cue", 44, 48, "said", "quotes", {"id": "q1", "role": "cue"},
                 [("Speaker_type", "official")], [("Cue_of", "quotes/q1/content")])
IDS = {"mentions/m1": f"{B}d/mentions/m1", "quotes/q1/cue": f"{B}d/quotes/q1/cue", "quotes/q1/content": f"{B}d/quotes/q1/content"}
TARGET = {"source": f"{B}d.txt"}


def test_context_and_properties():
    assert context(B) == ["http://www.w3.org/ns/anno.jsonld", {"kjp": f"{B}vocab#", "kjp:rawPage": {"@type": "@id"}}]
    assert properties({"a": 1, "b": None, "c": False, "d": ""}) == {"kjp:a": 1, "kjp:c": False, "kjp:d": ""}


def test_a_mention_with_its_entity_described():
    assert w3c_annotation(MENTION, TEXT, TARGET, IDS, B, {"lee": LEE}) == {
        "id": f"{B}d/mentions/m1", "type": "Annotation", "motivation": "tagging",
        "body": [
            {"type": "TextualBody", "purpose": "tagging", "value": "Mention_person"},
            {"type": "kjp:Record", "purpose": "describing", "kjp:layer": "mentions", "kjp:id": "m1",
             "kjp:entity_id": "lee", "kjp:Nominal": True},
            {"type": "SpecificResource", "purpose": "identifying", "source": {
                "id": f"{B}entities/lee", "type": "kjp:Entity", "kjp:entity_id": "lee", "kjp:name": "Lee Myung-bak",
                "kjp:entity_type": "person", "kjp:variants": ["Lee"], "kjp:description": "President"}},
        ],
        "target": {"source": f"{B}d.txt", "selector": [
            {"type": "TextQuoteSelector", "exact": "Lee", "prefix": "x" * 32, "suffix": " said so."},
            {"type": "TextPositionSelector", "start": 40, "end": 43}]},
    }


def test_an_unknown_entity_is_named_by_its_id_and_a_link_points_at_its_target():
    assert w3c_annotation(MENTION, TEXT, TARGET, IDS, B)["body"][2] == {
        "type": "SpecificResource", "purpose": "identifying", "source": f"{B}entities/lee"}
    got = w3c_annotation(CUE, TEXT, TARGET, IDS, B, {"lee": LEE})
    assert got["body"][1:] == [
        {"type": "kjp:Record", "purpose": "describing", "kjp:layer": "quotes", "kjp:id": "q1", "kjp:role": "cue",
         "kjp:Speaker_type": "official"},
        {"type": "SpecificResource", "purpose": "linking", "source": f"{B}d/quotes/q1/content"}]
    assert got["target"]["selector"][0] == {"type": "TextQuoteSelector", "exact": "said", "prefix": "x" * 28 + "Lee ",
                                            "suffix": " so."}


def test_resolve_selectors():
    quote = {"type": "TextQuoteSelector", "exact": "ab", "prefix": "x", "suffix": "y"}
    pos = {"type": "TextPositionSelector", "start": 1, "end": 3}
    text = "xaby zab xabz xaby"
    assert resolve_selectors([pos, quote], text) == (1, 3, "ab")
    assert resolve_selectors([pos, quote], None) == (1, 3, "ab")  # no text to check: trust the position
    assert resolve_selectors([pos], "Qzz") == (1, 3, "zz")  # no quote to check against
    moved = "--" + text  # the position no longer fits: the best quote match wins (prefix, suffix, nearness)
    assert resolve_selectors([pos, quote], moved) == (3, 5, "ab")
    far = {"type": "TextPositionSelector", "start": 16, "end": 18}
    assert resolve_selectors([far, quote], "xaby xaby") == (6, 8, "ab")  # both fit as well: the nearer one
    assert resolve_selectors([quote], "zab xabz xaby") == (10, 12, "ab")
    assert resolve_selectors([{**quote, "prefix": "", "suffix": ""}], "zab ab") == (1, 3, "ab")
    with pytest.raises(ValueError) as err:
        resolve_selectors([quote], "nothing here")
    assert str(err.value) == "quote 'ab' not found in the text"
    with pytest.raises(ValueError) as err:
        resolve_selectors([quote], None)
    assert str(err.value) == "target needs a TextPositionSelector, or a TextQuoteSelector and the text"
    with pytest.raises(ValueError):
        resolve_selectors([], "x")


def _anno(label: str, source: str, start: int, end: int, exact: str) -> dict:
    return {"type": "Annotation", "body": [{"purpose": "describing", "value": "no"}, {"purpose": "tagging", "value": label}],
            "target": {"source": source, "selector": [{"type": "TextPositionSelector", "start": start, "end": end},
                                                      {"type": "TextQuoteSelector", "exact": exact}]}}


def test_reader_walks_pages_lists_and_single_annotations(tmp_path):
    a, b = _anno("Timex", "urn:x:doc1.txt", 0, 3, "one"), _anno("Claim", "http://h/p/doc1.txt", 4, 7, "two")
    c = {**_anno("Framing_evaluative", "#doc2", 0, 1, "z"), "body": {"purpose": "tagging", "value": "Framing_evaluative"}}
    collection = {"type": "AnnotationCollection", "first": {"type": "AnnotationPage", "items": [a],
                                                            "next": {"type": "AnnotationPage", "items": [b]}}}
    (tmp_path / "c.jsonld").write_text(json.dumps(collection), encoding="utf-8")
    (tmp_path / "p.jsonld").write_text(json.dumps({"type": "AnnotationPage", "items": [c]}), encoding="utf-8")
    (tmp_path / "l.jsonld").write_text(json.dumps([{**c, "target": [c["target"]]}]), encoding="utf-8")
    (tmp_path / "e.jsonld").write_text(json.dumps({"type": "AnnotationCollection", "first": {"items": []}}), encoding="utf-8")
    (tmp_path / "entities.jsonld").write_text("not read", encoding="utf-8")
    assert read_w3c(tmp_path) == {"doc1": [("Claim", 4, 7, "two"), ("Timex", 0, 3, "one")],
                                  "doc2": [("Framing_evaluative", 0, 1, "z")] * 2, "e": []}
    (tmp_path / "doc1.txt").write_text("one two", encoding="utf-8")
    (tmp_path / "s.jsonld").write_text(json.dumps(_anno("Timex", "urn:x:doc1.txt", 0, 3, "two")), encoding="utf-8")
    assert read_w3c(tmp_path / "s.jsonld") == {"doc1": [("Timex", 4, 7, "two")]}  # re-anchored on the text beside it


@pytest.mark.parametrize("base_uri, base", [("https://h/kjp", "https://h/kjp/"), ("https://h/kjp/", "https://h/kjp/"),
                                            ("urn:kjp:", "urn:kjp:"), ("https://h/kjp#", "https://h/kjp#")])
def test_write_w3c_collections_raw_pages_and_entities(corpus, tmp_path, base_uri, base):
    root = Path(__file__).resolve().parents[2]
    gold = gold_spans(root / "corpus")
    metas = {d["doc_id"]: d for d in json.loads((root / "corpus" / "documents.json").read_text(encoding="utf-8"))["documents"]}
    paths = write_w3c(corpus.annotations, {d.doc_id: d.text for d in corpus}, tmp_path, base_uri, {d.doc_id: d for d in corpus})
    assert sorted(p.relative_to(tmp_path).as_posix() for p in paths) == sorted(
        [f"{d}.jsonld" for d in metas] + [f"{d}.txt" for d in metas] + [m["source_file"] for m in metas.values()]
        + ["entities.jsonld"])
    for doc, meta in metas.items():
        data = json.loads((tmp_path / f"{doc}.jsonld").read_text(encoding="utf-8"))
        assert data["@context"] == context(base) and data["id"] == f"{base}{doc}.jsonld"
        assert (data["type"], data["label"], data["total"]) == ("AnnotationCollection", f"kjpacts annotations of {doc}",
                                                                len(gold[doc]))
        page = data["first"]
        assert (page["id"], page["type"], page["startIndex"], len(page["items"])) == (
            f"{base}{doc}.jsonld#page1", "AnnotationPage", 0, len(gold[doc]))
        target = {k: v for k, v in page["items"][0]["target"].items() if k != "selector"}
        url = (meta.get("provenance") or {}).get("source_url")
        assert target == {"source": f"{base}{doc}.txt", "kjp:rawPage": f"{base}{meta['source_file']}",
                          **({"scope": url} if url else {})}
        assert page["items"][0]["id"].startswith(f"{base}{doc}/")
        assert (tmp_path / meta["source_file"]).read_bytes() == (root / "corpus" / meta["source_file"]).read_bytes()
        assert (tmp_path / f"{doc}.txt").read_bytes() == (root / "corpus" / "clean" / f"{doc}.txt").read_bytes()
    assert any((m.get("provenance") or {}).get("source_url") for m in metas.values())
    graph = json.loads((tmp_path / "entities.jsonld").read_text(encoding="utf-8"))
    entities = json.loads((root / "corpus" / "annotations" / "entities.json").read_text(encoding="utf-8"))["entities"]
    assert graph["@context"] == context(base) and graph["id"] == f"{base}entities"
    assert [n["id"] for n in graph["@graph"]] == [f"{base}entities/{e['entity_id']}" for e in entities]
    assert read_w3c(tmp_path) == gold


def test_write_w3c_without_documents_writes_no_raw_page(corpus, tmp_path):
    paths = write_w3c(corpus.annotations, {d.doc_id: d.text for d in corpus}, tmp_path, "urn:k:")
    assert not (tmp_path / "raw").exists() and len(paths) == 2 * len(corpus) + 1
    item = json.loads((tmp_path / "wapo-2011-01-11.jsonld").read_text(encoding="utf-8"))["first"]["items"][0]
    assert set(item["target"]) == {"source", "selector"}


def test_entity_node_prefix_near_the_start_and_quote_search_details():
    from kjpacts.exports.w3c import entity_node

    kr = Entity("seoul", "Seoul", "place", ("Seoul",), "KR", "Capital")
    assert entity_node(kr, B) == {"id": f"{B}entities/seoul", "type": "kjp:Entity", "kjp:entity_id": "seoul",
                                  "kjp:name": "Seoul", "kjp:entity_type": "place", "kjp:country": "KR",
                                  "kjp:variants": ["Seoul"], "kjp:description": "Capital"}
    early = ExportSpan("timex/t1", "Timex", 2, 5, "Lee", "timex", {"id": "t1"})
    assert w3c_annotation(early, "1 Lee x", TARGET, {"timex/t1": "i"}, B)["target"]["selector"][0]["prefix"] == "1 "
    quote = {"type": "TextQuoteSelector", "exact": "ab", "prefix": "x", "suffix": "y"}
    wrong = {"type": "TextPositionSelector", "start": 0, "end": 2}
    assert resolve_selectors([wrong, quote], "zaby xaby") == (6, 8, "ab")  # the prefix outranks nearness
    assert resolve_selectors([{"type": "TextQuoteSelector", "exact": "a"}], "aa") == (0, 1, "a")  # no position: nearest 0
    long = "q" * 45
    with pytest.raises(ValueError) as err:
        resolve_selectors([{"type": "TextQuoteSelector", "exact": long}], "nothing")
    assert str(err.value) == f"quote {'q' * 40!r} not found in the text"


def test_reader_pages_without_items_and_a_broken_file(tmp_path):
    from kjpacts.errors import CorpusError

    (tmp_path / "p.jsonld").write_text(json.dumps({"type": "AnnotationPage"}), encoding="utf-8")
    (tmp_path / "c.jsonld").write_text(json.dumps({"type": "AnnotationCollection", "first": {"type": "AnnotationPage"}}),
                                       encoding="utf-8")
    assert read_w3c(tmp_path) == {"c": [], "p": []}
    (tmp_path / "x.jsonld").write_text("{", encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        read_w3c(tmp_path / "x.jsonld")
    assert str(err.value).startswith(f"{(tmp_path / 'x.jsonld').as_posix()}: line 1 column 2: invalid JSON")


def test_written_files_use_the_kits_json_layout_and_name_entities_under_the_base(corpus, tmp_path):
    out = tmp_path / "new" / "w3c"
    write_w3c(corpus.annotations, {d.doc_id: d.text for d in corpus}, out, "https://h/x", {d.doc_id: d for d in corpus})
    for name in ("koreaherald-2012-05.jsonld", "entities.jsonld"):
        text = (out / name).read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"  # one-space indent, characters as is
    assert any(ord(c) > 127 for c in (out / "koreaherald-2012-05.jsonld").read_text(encoding="utf-8"))  # a timex note
    items = json.loads((out / "wapo-2011-01-11.jsonld").read_text(encoding="utf-8"))["first"]["items"]
    mention = next(i for i in items if i["body"][1]["kjp:layer"] == "mentions")
    assert mention["body"][2]["source"]["id"] == "https://h/x/entities/" + mention["body"][1]["kjp:entity_id"]


def test_entities_file_keeps_non_ascii_names(tmp_path):
    from kjpacts.annotations.records import Annotations

    ann = Annotations(doc_ids=("d",), entities={"s": Entity("s", "Séoul", "place", (), None, "")}, mentions={"d": []})
    write_w3c(ann, {"d": "x"}, tmp_path, "urn:k:")
    text = (tmp_path / "entities.jsonld").read_text(encoding="utf-8")
    assert '"kjp:name": "Séoul"' in text and text == json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n"


def test_reader_takes_a_single_selector_and_names_a_broken_text(tmp_path):
    from kjpacts.errors import CorpusError

    anno = {"type": "Annotation", "body": [{"purpose": "tagging", "value": "Timex"}],
            "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextQuoteSelector", "exact": "two"}}}
    (tmp_path / "s.jsonld").write_text(json.dumps(anno), encoding="utf-8")  # one selector, not a list
    (tmp_path / "doc1.txt").write_text("one two", encoding="utf-8")
    assert read_w3c(tmp_path / "s.jsonld") == {"doc1": [("Timex", 4, 7, "two")]}
    (tmp_path / "doc1.txt").write_bytes(b"\xff")
    with pytest.raises(CorpusError) as err:
        read_w3c(tmp_path / "s.jsonld")
    assert str(err.value).startswith(f"{(tmp_path / 'doc1.txt').as_posix()}: encoding: not valid UTF-8")


@pytest.mark.parametrize("anno, beside, field, message", [
    # a position alone, and no text beside the file to read the span from
    ({"id": "a1", "body": {"purpose": "tagging", "value": "Timex"},
      "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextPositionSelector", "start": 0, "end": 3}}},
     None, "a1.target.selector", "a TextPositionSelector alone gives no span text: put the document's .txt beside "
                                 "this file, or add a TextQuoteSelector"),
    ({"id": "a2", "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextQuoteSelector", "exact": "one"}}},
     "one two", "a2.body", "no body with purpose 'tagging' and a string value; add "
                           '{"type": "TextualBody", "purpose": "tagging", "value": "<label>"}'),
    ({"body": [{"purpose": "commenting", "value": "x"}, {"purpose": "tagging"}],
      "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextQuoteSelector", "exact": "one"}}},
     "one two", "items[0].body", "no body with purpose 'tagging' and a string value; add "
                                 '{"type": "TextualBody", "purpose": "tagging", "value": "<label>"}'),
    ({"id": "a4", "body": {"purpose": "tagging", "value": "Timex"}}, None, "a4.target",
     "needs a source naming the text (.../<doc_id>.txt) and a selector"),
    ({"id": "a5", "body": {"purpose": "tagging", "value": "Timex"}, "target": "urn:x:doc1.txt"}, None, "a5.target",
     "needs a source naming the text (.../<doc_id>.txt) and a selector"),
    ({"id": "a6", "body": {"purpose": "tagging", "value": "Timex"}, "target": {"source": "urn:x:doc1.txt"}},
     "one two", "a6.target.selector", "target needs a TextPositionSelector, or a TextQuoteSelector and the text"),
    ({"id": "a7", "body": {"purpose": "tagging", "value": "Timex"},
      "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextPositionSelector", "start": "0", "end": 3}}},
     "one two", "a7.target.selector", "TextPositionSelector start '0' and end 3 must be whole numbers, start < end"),
    ({"id": "a8", "body": {"purpose": "tagging", "value": "Timex"},
      "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextPositionSelector", "start": 4, "end": 4}}},
     "one two", "a8.target.selector", "TextPositionSelector start 4 and end 4 must be whole numbers, start < end"),
    ({"id": "a9", "body": {"purpose": "tagging", "value": "Timex"},
      "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextPositionSelector", "start": 4, "end": 99}}},
     "one two", "a9.target.selector", "TextPositionSelector 4-99 is outside the text (7 characters)"),
    ({"id": "a10", "body": {"purpose": "tagging", "value": "Timex"},
      "target": {"source": "urn:x:doc1.txt", "selector": {"type": "TextQuoteSelector", "prefix": "one "}}},
     "one two", "a10.target.selector", "TextQuoteSelector needs an 'exact' string"),
    ("just a string", None, "items[0]", 'not an annotation object; each item is {"type": "Annotation", ...}'),
])
def test_hand_made_files_get_one_line_naming_the_annotation(tmp_path, anno, beside, field, message):
    from kjpacts.errors import CorpusError

    path = tmp_path / "hand.jsonld"
    path.write_text(json.dumps({"type": "AnnotationPage", "items": [anno]}), encoding="utf-8")
    if beside is not None:
        (tmp_path / "doc1.txt").write_text(beside, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        read_w3c(path)
    assert str(err.value) == f"{path.as_posix()}: {field}: {message}"


def test_a_position_with_the_text_beside_it_needs_no_quote(tmp_path):
    anno = {"body": {"purpose": "tagging", "value": "Timex"},
            "target": [{"source": "urn:x:doc1.txt", "selector": {"type": "TextPositionSelector", "start": 4, "end": 7}},
                       {"source": "urn:x:doc1.txt", "selector": [{"type": "TextPositionSelector", "start": 0, "end": 3},
                                                                 {"type": "TextQuoteSelector", "exact": "one"}]}]}
    (tmp_path / "a.jsonld").write_text(json.dumps(anno), encoding="utf-8")
    (tmp_path / "doc1.txt").write_text("one two", encoding="utf-8")
    assert read_w3c(tmp_path / "a.jsonld") == {"doc1": [("Timex", 0, 3, "one"), ("Timex", 4, 7, "two")]}
