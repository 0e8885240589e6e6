"""kjpacts.annotations.checks: the Checker's cross-layer checks on hand-written records, each with
the exact one-line problem (file: field: message) the guidelines ask for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kjpacts.annotations.checks import Checker, _short, check_annotations

#       0         1         2         3         4
#       01234567890123456789012345678901234567890123456789
TEXT = "Seoul and Tokyo met on Monday. The envoy said so. "
F = "annotations/x/d.json"


def checker(tmp_path: Path | None = None) -> Checker:
    return Checker(tmp_path or Path("/nonexistent"), {"d": TEXT})


def lines(ck: Checker) -> list[str]:
    return [str(p) for p in ck.problems]


def _load(ck: Checker, layer: str, records: list[dict], doc: str = "d", file: str = F) -> None:
    ck.raw[layer][doc] = records
    ck.files[(layer, doc)] = file


def test_short_cuts_long_texts_in_the_middle():
    assert _short("abc") == "'abc'" and _short("x" * 60) == repr("x" * 60)
    assert _short("a" * 30 + "MIDDLE" + "b" * 30) == repr("a" * 30 + "…" + "b" * 30)
    assert _short("abcdefghij", limit=4) == repr("ab…ij")


@pytest.mark.parametrize("span, problem", [
    ({"start": 0, "end": 5, "text": "Seoul"}, None),
    ({"start": 0, "end": 50, "text": TEXT}, f"{F}: m1.text: span {_short(TEXT)} starts or ends with whitespace; move the offsets inward"),
    ({"start": 0, "end": 5, "text": "Seoux"}, f"{F}: m1.text: span text 'Seoux' does not match clean text 'Seoul' at 0-5; fix the offsets or the text"),
    ({"start": 51, "end": 52, "text": "x"}, f"{F}: m1.start: offset 51 is past the end of the clean text (50 characters); fix the offsets"),
    ({"start": 50, "end": 50, "text": ""}, f"{F}: m1.end: end 50 is not after start 50; a span needs at least one character"),
    ({"start": 48, "end": 51, "text": "x"}, f"{F}: m1.end: offset 51 is past the end of the clean text (50 characters); fix the offsets"),
    ({"start": 5, "end": 4, "text": "x"}, f"{F}: m1.end: end 4 is not after start 5; a span needs at least one character"),
    ({"start": 0, "end": 5}, None), ({"start": -1, "end": 5, "text": "x"}, None), ({"start": 0, "end": -1, "text": "x"}, None),
    ({"start": True, "end": 5, "text": "x"}, None), ({"start": 0, "end": "5"}, None), (None, None),
    ({"start": 45, "end": 50, "text": "so. "}, f"{F}: m1.text: span text 'so. ' does not match clean text ' so. ' at 45-50; "
                                              "fix the offsets or the text"),
])
def test_check_span(span, problem):
    ck = checker()
    ck.check_span(F, "m1", span, "d")
    assert lines(ck) == ([problem] if problem else [])


def test_check_span_without_a_field_name():
    ck = checker()
    ck.check_span(F, "", {"start": 1, "end": 0, "text": "x"}, "d")
    assert lines(ck) == [f"{F}: end: end 0 is not after start 1; a span needs at least one character"]


def test_unique_and_sorted():
    ck = checker()
    ck.check_unique(F, [("m1", "m1"), ("m2", "m1"), ("m3", 3), ("m4", 3), ("m5", "m1")], "id", "in the file")
    ck.check_sorted(F, [("a", 5, 9), ("b", 5, 8), ("c", "x", 1), ("d", 6, 7), ("e", 6, 7), ("f", 1, 2)])
    assert lines(ck) == [
        f"{F}: m2.id: duplicate id 'm1'; ids must be unique in the file",
        f"{F}: m5.id: duplicate id 'm1'; ids must be unique in the file",
        f"{F}: b.start: records are not sorted by start, then end: b at 5-8 comes after a at 5-9; sort the list",
        f"{F}: f.start: records are not sorted by start, then end: f at 1-2 comes after e at 6-7; sort the list",
    ]


def _entities(ck: Checker) -> None:
    _load(ck, "entities", [{"entity_id": "seoul", "type": "city", "variants": ["Seoul"]},
                           {"entity_id": "envoy", "type": "person", "variants": ["Kim"]},
                           {"entity_id": "seoul", "type": "city", "variants": ["Seoul"]},
                           {"name": "no id"}], doc="", file="annotations/entities.json")
    ck.check_entities()


def test_entities_and_mentions():
    ck = checker()
    _entities(ck)
    assert ck.entity_ids == {"seoul", "envoy"} and ck.types == {"seoul": "city", "envoy": "person"}
    _load(ck, "mentions", [
        {"id": "m1", "start": 0, "end": 5, "text": "Seoul", "entity_id": "seoul", "metonymy": "capital-for-government",
         "refers_to": None, "form": "named"},
        {"id": "m2", "start": 10, "end": 15, "text": "Tokyo", "entity_id": "tokyo", "metonymy": None, "refers_to": "ghost"},
        {"id": "m3", "start": 31, "end": 40, "text": "The envoy", "entity_id": "envoy", "metonymy": None,
         "refers_to": None, "form": "nominal"},
        {"id": "m4", "start": 35, "end": 40, "text": "envoy", "entity_id": "seoul", "metonymy": "x", "refers_to": "seoul",
         "form": "nominal"},
        {"id": "m5", "start": 35, "end": 40, "text": "envoy", "entity_id": "seoul", "metonymy": None, "refers_to": None,
         "form": "named"},
    ])
    ck.check_mentions()
    assert lines(ck) == [
        "annotations/entities.json: seoul.entity_id: duplicate entity_id 'seoul'; ids must be unique in the registry",
        f"{F}: m1.refers_to: refers_to is set exactly when metonymy is; give both (the entity actually meant) or neither",
        f"{F}: m2.entity_id: unknown entity 'tokyo'; add it to annotations/entities.json or fix the id",
        f"{F}: m2.refers_to: unknown entity 'ghost'; add it to annotations/entities.json or fix the id",
        f"{F}: m2.refers_to: refers_to is set exactly when metonymy is; give both (the entity actually meant) or neither",
        f"{F}: m3.start: 'The envoy' starts with an article; leave the article out (guidelines/entities.md §3.8)",
        f"{F}: m4.form: nominal mentions are for persons; 'seoul' is a city: use form 'named', or link the description to a person",
        f"{F}: m4.metonymy: a nominal mention has no metonymy; set metonymy and refers_to to null",
        f"{F}: m5.text: 'envoy' is not among the variants of entity 'seoul'; add it to its variants in annotations/entities.json",
    ]


def test_quotes_and_framing_references():
    ck = checker()
    _entities(ck)
    _load(ck, "quotes", [
        {"id": "q1", "content": {"start": 46, "end": 48, "text": "so"}, "cue": {"start": 41, "end": 45, "text": "said"},
         "source": {"start": 35, "end": 40, "text": "envoy"}, "speaker_entity": "envoy"},
        {"id": "q2", "content": {"start": 46, "end": 48, "text": "sx"}, "cue": None, "source": None,
         "unattributed": False, "note": "", "speaker_entity": "nobody"},
        {"id": "q3", "content": {"start": 47, "end": 48, "text": "o"}, "cue": None, "source": None, "unattributed": False,
         "note": "source carried over from q1"},
        {"id": "q4", "content": {"start": 20, "end": 22, "text": "on"}, "cue": None, "source": None, "unattributed": True},
    ])
    ck.check_quotes()
    _load(ck, "framing", [
        {"id": "f1", "start": 16, "end": 19, "text": "met", "voice": "quoted-speaker", "quote_id": None},
        {"id": "f2", "start": 16, "end": 19, "text": "met", "voice": "reporter", "quote_id": "q1"},
        {"id": "f3", "start": 16, "end": 19, "text": "met", "voice": "quoted-speaker", "quote_id": "q9"},
        {"id": "f4", "start": 16, "end": 19, "text": "met", "voice": "headline", "quote_id": None},
        {"id": "f5", "start": 16, "end": 19, "text": "met", "voice": "quoted-speaker", "quote_id": "q2"},
    ])
    ck.check_framing()
    assert lines(ck)[1:] == [
        f"{F}: q4.start: records are not sorted by start, then end: q4 at 20-22 comes after q3 at 47-48; sort the list",
        f"{F}: q2.content.text: span text 'sx' does not match clean text 'so' at 46-48; fix the offsets or the text",
        f"{F}: q2.speaker_entity: unknown entity 'nobody'; add it to annotations/entities.json or fix the id",
        f"{F}: q2.source: source is null but the quote is not unattributed; set unattributed to true or say in note "
        "where the source is carried over from",
        f"{F}: f1.quote_id: voice 'quoted-speaker' needs the quote_id of the quote",
        f"{F}: f2.quote_id: quote_id is only for voice 'quoted-speaker'; set it to null",
        f"{F}: f3.quote_id: no quote 'q9' in annotations/quotes/d.json; fix the id or add the quote",
    ]


def test_timex_anchors_and_values():
    ck = checker()
    _load(ck, "timex", [
        {"id": "t1", "start": 23, "end": 29, "text": "Monday", "type": "DATE", "value": "2011-01-10", "anchor": "t1"},
        {"id": "t2", "start": 23, "end": 29, "text": "Monday", "type": "RANGE", "value": "2011", "anchor": "t7"},
        {"id": "t3", "start": 23, "end": 29, "text": "Monday", "type": "DURATION", "value": "35Y", "anchor": "t2"},
        {"id": "t4", "start": 23, "end": 29, "text": "Monday", "type": "RANGE", "value": "1910/1945", "anchor": "published"},
        {"id": "t5", "start": 23, "end": 29, "text": "Monday", "type": "DURATION", "value": "P35Y", "anchor": None},
    ])
    ck.check_timex()
    assert lines(ck) == [
        f"{F}: t1.anchor: a timex cannot be anchored to itself",
        f"{F}: t2.anchor: no timex 't7' in this file; fix the anchor",
        f"{F}: t2.value: a RANGE value is an ISO 8601 interval like '1910/1945', not '2011'",
        f"{F}: t3.value: a DURATION value starts with 'P' (e.g. 'P35Y'), not '35Y'",
    ]


def _occ(i: str, doc: str = "d", independent=None, reason: str = "", **extra) -> dict:
    return {"id": i, "doc_id": doc, "start": 0, "end": 5, "text": "Seoul", "independent": independent, "reason": reason, **extra}


def test_claims():
    ck = Checker(Path("/nonexistent"), {"d": TEXT, "e": TEXT})
    _load(ck, "quotes", [{"id": "q1", "content": {"start": 46, "end": 48, "text": "so"}}])
    C = "annotations/claims.json"
    _load(ck, "claims", [
        {"claim_id": "c1", "kind": "single", "status": "prediction-failed", "outcome": {"x": 1},
         "occurrences": [_occ("o1", independent=True), _occ("o2", doc="e", independent=None, reason="echo"),
                         _occ("o2", doc="zz"), {"doc_id": 3}, _occ("o4", independent=False, quote_id="q2")]},
        {"claim_id": "c1", "kind": "shared", "status": "single-source", "outcome": None,
         "occurrences": [_occ("o1"), {"doc_id": "d", "start": 0, "end": 5, "text": "Seoul", "independent": None,
                                      "reason": "In tension with o1"}, _occ("o3", quote_id="q1", independent=True)]},
        {"claim_id": "c2", "kind": "prediction", "status": "prediction-fulfilled", "outcome": {"x": 1},
         "occurrences": [_occ("o1"), _occ("o2", doc="e", independent=False)]},
        {"claim_id": "c3", "kind": "single", "status": "single-source", "outcome": None, "occurrences": [_occ("o1")]},
    ], doc="", file=C)
    ck.check_claims()
    assert lines(ck) == [
        f"{C}: c1.claim_id: duplicate claim_id 'c1'; ids must be unique in the corpus",
        f"{C}: c1.o2.id: duplicate id 'o2'; ids must be unique within a claim",
        f"{C}: c1.o2.doc_id: unknown document 'zz'; use a doc_id from documents.json",
        f"{C}: c1.o4.quote_id: no quote 'q2' in annotations/quotes/d.json; fix the id or add the quote",
        f"{C}: c1.status: status 'prediction-failed' is only for claims of kind 'prediction'",
        f"{C}: c1.outcome: only predictions have an outcome; set it to null",
        f"{C}: c1.kind: a 'single' claim occurs in exactly one document; use kind 'shared'",
        f"{C}: c1.o1.independent: the first occurrence has independent null (nothing earlier to be independent of); set it to null",
        f"{C}: c1.o2.independent: null is only for the first occurrence or one whose reason starts 'In tension'; "
        "set true or false, or explain the tension",
        f"{C}: c1.o2.independent: null is only for the first occurrence or one whose reason starts 'In tension'; "
        "set true or false, or explain the tension",  # the second o2 (doc zz) too
        f"{C}: c1.kind: a 'shared' claim occurs in two or more documents; add the occurrences, or give it kind 'single'",
    ]


def _write(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj), encoding="utf-8")


def test_reading_layers_files_and_names(tmp_path):
    ann = tmp_path / "annotations"
    _write(ann / "timex" / "d.json", {"doc_id": "e", "timexes": [{"id": "t1"}, 3]})
    _write(ann / "timex" / "stray.json", {"doc_id": "stray", "timexes": []})
    _write(ann / "framing" / "d.json", {"doc_id": "d", "framing": []})
    ck = Checker(tmp_path, {"d": TEXT, "e": TEXT})
    for layer in ("timex", "mentions", "entities"):
        ck.read_layer(layer)
    assert ck.present == {"timex"} and ck.raw["timex"] == {"d": [{"id": "t1"}]}
    assert list(ck.records("timex")) == [("d", "annotations/timex/d.json", 0, "t1", {"id": "t1"})]
    problems = lines(ck)
    assert ("annotations/timex/e.json: -: missing: the timex layer has files for other documents, so every document "
            'needs one (write {"doc_id": "e", "timexes": []} if it has none)') in problems
    assert "annotations/timex/stray.json: doc_id: no document 'stray' in documents.json; rename or remove the file" in problems
    assert "annotations/timex/d.json: doc_id: 'e' does not match the file name; use 'd'" in problems
    _write(ann / "entities.json", {"entities": [{"name": "x"}]})
    ck.read_layer("entities")
    assert "entities" in ck.present and [r[3] for r in ck.records("entities")] == ["entities[0]"]


def test_check_annotations_on_the_shipped_corpus_with_and_without_trust(corpus):
    texts = {d.doc_id: d.text for d in corpus}
    for trust in (False, True):
        problems, raw, present = check_annotations(corpus.root, texts, trust_datapackage=trust)
        assert problems == [] and present == {"entities", "mentions", "quotes", "timex", "claims", "framing"}
        assert raw["claims"][""][0]["claim_id"] == json.loads(
            (corpus.root / "annotations" / "claims.json").read_text(encoding="utf-8"))["claims"][0]["claim_id"]


def test_withheld_fields_silence_only_their_own_problems(tmp_path):
    """A grading copy nulls the answers it withholds and lists them in WITHHELD.json: problems on
    those fields (or resting on them: a null source explained by a withheld note, a null
    independent explained by a withheld reason) are not problems there; all others still are."""
    C = "annotations/claims.json"
    Q = "annotations/quotes/d.json"
    _write(tmp_path / "WITHHELD.json", {C: ["independent", "reason"], Q: ["note"]})
    ck = Checker(tmp_path, {"d": TEXT, "e": TEXT})
    assert ck.withheld == {C: {"independent", "reason"}, Q: {"note"}}
    ck.add(C, "c1.o2.independent", "null is only for ...")
    ck.add(C, "c1.o2.reason", "x")
    ck.add(Q, "q9.source", "source is null but ...")  # rests on the withheld note
    ck.add(Q, "q9.note", "x")
    assert lines(ck) == []
    ck.add(C, "c1.kind", "a 'single' claim ...")  # not withheld
    ck.add(Q, "q9.cue", "x")
    ck.add("annotations/quotes/e.json", "q9.source", "x")  # another file: nothing withheld there
    ck.add(C, "c1.o2.source", "x")  # rests on note, which this file does not withhold
    assert lines(ck) == [f"{C}: c1.kind: a 'single' claim ...", f"{Q}: q9.cue: x",
                         "annotations/quotes/e.json: q9.source: x", f"{C}: c1.o2.source: x"]


def test_an_ordinary_corpus_withholds_nothing_and_a_broken_list_is_named(tmp_path):
    from kjpacts.annotations.checks import withheld_fields
    from kjpacts.errors import CorpusError

    assert withheld_fields(tmp_path) == {} and Checker(tmp_path, {}).withheld == {}
    _write(tmp_path / "WITHHELD.json", {"annotations/claims.json": "independent"})
    with pytest.raises(CorpusError, match=r'^WITHHELD.json: -: expected \{"annotations/<file>": \[field, \.\.\.\]\}; rebuild the copy$'):
        withheld_fields(tmp_path)
    _write(tmp_path / "WITHHELD.json", ["independent"])
    with pytest.raises(CorpusError, match="^WITHHELD.json: -: expected"):
        withheld_fields(tmp_path)


def test_before_the_registry_is_read_every_entity_is_unknown():
    ck = checker()
    _load(ck, "mentions", [{"id": "m1", "start": 0, "end": 5, "text": "Seoul", "entity_id": "seoul",
                            "metonymy": None, "refers_to": None, "form": "nominal"}])
    ck.check_mentions()
    assert lines(ck) == [f"{F}: m1.entity_id: unknown entity 'seoul'; add it to annotations/entities.json or fix the id"]


def test_duplicate_ids_and_span_problems_in_a_timex_file_name_the_timex():
    ck = checker()
    _load(ck, "timex", [{"id": "t1", "start": 23, "end": 29, "text": "Monday"},
                        {"id": "t1", "start": 23, "end": 29, "text": "monday"}])
    ck.check_timex()
    assert lines(ck) == [
        f"{F}: t1.id: duplicate id 't1'; ids must be unique in the file",
        f"{F}: t1.text: span text 'monday' does not match clean text 'Monday' at 23-29; fix the offsets or the text",
    ]


def test_quote_cue_and_source_spans_are_checked():
    ck = checker()
    _load(ck, "quotes", [{"id": "q1", "content": {"start": 46, "end": 48, "text": "so"},
                          "cue": {"start": 41, "end": 45, "text": "sAid"},
                          "source": {"start": 35, "end": 40, "text": "Envoy"}, "speaker_entity": None}])
    ck.check_quotes()
    assert lines(ck) == [
        f"{F}: q1.cue.text: span text 'sAid' does not match clean text 'said' at 41-45; fix the offsets or the text",
        f"{F}: q1.source.text: span text 'Envoy' does not match clean text 'envoy' at 35-40; fix the offsets or the text",
    ]


def test_only_a_null_source_needs_unattributed_or_a_note_not_a_missing_one():
    ck = checker()
    _load(ck, "quotes", [
        {"id": "q1", "content": {"start": 46, "end": 48, "text": "so"}, "cue": None, "unattributed": False},
        {"id": "q2", "content": {"start": 46, "end": 48, "text": "so"}, "cue": None, "source": None, "unattributed": False},
    ])
    ck.check_quotes()
    assert lines(ck) == [f"{F}: q2.source: source is null but the quote is not unattributed; set unattributed to true "
                         "or say in note where the source is carried over from"]


def test_claim_occurrence_spans_are_checked_in_the_claims_file():
    ck = checker()
    C = "annotations/claims.json"
    _load(ck, "claims", [{"claim_id": "c1", "kind": "single", "occurrences": [_occ("o1", text="Seoux")]}], doc="", file=C)
    ck.check_claims()
    assert lines(ck) == [f"{C}: c1.o1.text: span text 'Seoux' does not match clean text 'Seoul' at 0-5; fix the offsets or the text"]


def test_a_null_reason_is_no_reason_for_a_null_independent():
    ck = checker()
    C = "annotations/claims.json"
    _load(ck, "claims", [{"claim_id": "c1", "kind": "single",
                          "occurrences": [_occ("o1"), _occ("o2", reason=None), _occ("o3", reason=3)]}], doc="", file=C)
    ck.check_claims()
    why = "null is only for the first occurrence or one whose reason starts 'In tension'; set true or false, or explain the tension"
    assert lines(ck) == [f"{C}: c1.o2.independent: {why}", f"{C}: c1.o3.independent: {why}"]


def test_headline_and_standfirst_framing_take_no_quote_id():
    ck = checker()
    _load(ck, "quotes", [{"id": "q1", "content": {"start": 46, "end": 48, "text": "so"}}])
    _load(ck, "framing", [{"id": "f1", "start": 16, "end": 19, "text": "met", "voice": "headline", "quote_id": "q1"},
                          {"id": "f2", "start": 16, "end": 19, "text": "met", "voice": "standfirst", "quote_id": "q1"}])
    ck.check_framing()
    assert lines(ck) == [f"{F}: f1.quote_id: quote_id is only for voice 'quoted-speaker'; set it to null",
                         f"{F}: f2.quote_id: quote_id is only for voice 'quoted-speaker'; set it to null"]


def test_a_withheld_list_that_is_not_json_is_named(tmp_path):
    from kjpacts.annotations.checks import withheld_fields
    from kjpacts.errors import CorpusError

    (tmp_path / "WITHHELD.json").write_text("{", encoding="utf-8")
    with pytest.raises(CorpusError) as info:
        withheld_fields(tmp_path)
    assert str(info.value) == ("WITHHELD.json: line 1 column 2: invalid JSON: Expecting property name enclosed in "
                               "double quotes; fix or restore the file")


#: An entity without its description: the one schema problem of the file below.
NO_DESCRIPTION = {"entities": [{"entity_id": "seoul", "name": "Seoul", "type": "place", "variants": ["Seoul"], "country": "KR"}]}
SCHEMA_PROBLEM = ("annotations/entities.json: seoul.description: required field is missing; "
                  "add it (use null where the format allows)")


def _entities_file(tmp_path: Path) -> str:
    """Write NO_DESCRIPTION as entities.json; return its sha256, computed here."""
    import hashlib

    _write(tmp_path / "annotations" / "entities.json", NO_DESCRIPTION)
    return hashlib.sha256((tmp_path / "annotations" / "entities.json").read_bytes()).hexdigest()


def test_a_trusted_checksum_skips_the_schema_pass_of_that_file_only(tmp_path):
    sha = _entities_file(tmp_path)
    trusting = Checker(tmp_path, {"d": TEXT}, {"annotations/entities.json": sha})
    trusting.read_layer("entities")
    other = Checker(tmp_path, {"d": TEXT}, {"annotations/claims.json": sha})
    other.read_layer("entities")
    assert lines(trusting) == [] and lines(other) == [SCHEMA_PROBLEM]


def test_check_annotations_trusts_datapackage_checksums_only_when_asked(tmp_path):
    sha = _entities_file(tmp_path)
    _write(tmp_path / "datapackage.json", {"resources": [{"path": "annotations/entities.json", "hash": f"sha256:{sha}"}]})
    assert [str(p) for p in check_annotations(tmp_path, {"d": TEXT})[0]] == [SCHEMA_PROBLEM]
    assert [str(p) for p in check_annotations(tmp_path, {"d": TEXT}, trust_datapackage=False)[0]] == [SCHEMA_PROBLEM]
    assert check_annotations(tmp_path, {"d": TEXT}, trust_datapackage=True)[0] == []
