"""Annotation layers: schemas, loading, and the errors bad files give."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

sys.path.insert(0, str(Path(__file__).parent))
from annotation_corpus import (CORPUS, W, Y, layer_path, make_corpus, read_json,  # noqa: E402
                               real_layer_present, write_json)

import kjpacts.annotations as A  # noqa: E402
from kjpacts.annotations import (Annotations, Claim, Mention, Quote, Span, load_annotations,  # noqa: E402
                                 validate_annotations)
from kjpacts.corpus.files import read_clean_texts as read_texts  # noqa: E402
from kjpacts.corpus.cleaning import EDIT_CATEGORIES  # noqa: E402
from kjpacts.errors import CorpusErrors  # noqa: E402
from kjpacts.annotations.schemas import validate_corpus_files  # noqa: E402

SCHEMAS = CORPUS / "schemas"
LAYER_NAMES = ("entities", "mentions", "quotes", "timex", "claims", "framing")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path)


def problems(corpus_dir: Path) -> list[str]:
    return [str(p) for p in validate_annotations(corpus_dir, read_texts(corpus_dir))]


def edit(corpus_dir: Path, layer: str, doc: str, change) -> None:
    """Load one layer file, let ``change`` modify it, write it back."""
    path = layer_path(corpus_dir, layer, doc)
    data = read_json(path)
    change(data)
    write_json(path, data)


def only_problem(corpus_dir: Path) -> str:
    found = problems(corpus_dir)
    assert len(found) == 1, found
    return found[0]


# -- schemas ---------------------------------------------------------------
@pytest.mark.parametrize("path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_schemas_are_valid_draft_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_documents_cleaning_structure_follow_their_schemas() -> None:
    assert validate_corpus_files(CORPUS) == []


def test_documents_schema_rejects_unexplained_null(tmp_path: Path) -> None:
    shutil.copytree(SCHEMAS, tmp_path / "schemas")
    docs = read_json(CORPUS / "documents.json")
    docs["documents"][0]["outlet"] = None
    del docs["documents"][0]["null_reasons"]["agency"]
    write_json(tmp_path / "documents.json", docs)
    found = [str(p) for p in validate_corpus_files(tmp_path)]
    assert any("koreaherald-2012-05-13.outlet" in p for p in found), found
    assert any("agency" in p for p in found), found


def enum_of(schema_name: str, *path: str) -> list:
    node = json.loads((SCHEMAS / f"{schema_name}.json").read_text(encoding="utf-8"))
    for step in path:
        node = node[step]
    return [v for v in node["enum"] if v is not None]


def test_cleaning_category_enum_is_edit_categories() -> None:
    assert enum_of("cleaning", "properties", "edits", "items", "properties", "category") == list(EDIT_CATEGORIES)


@pytest.mark.parametrize("schema, path, values", [
    ("entities", ("properties", "entities", "items", "properties", "type"), A.ENTITY_TYPES),
    ("mentions", ("properties", "mentions", "items", "properties", "metonymy"), A.METONYMY),
    ("quotes", ("properties", "quotes", "items", "properties", "kind"), A.QUOTE_KINDS),
    ("quotes", ("properties", "quotes", "items", "properties", "speaker_type"), A.SPEAKER_TYPES),
    ("timex", ("properties", "timexes", "items", "properties", "type"), A.TIMEX_TYPES),
    ("timex", ("properties", "timexes", "items", "properties", "mod"), A.TIMEX_MODS),
    ("claims", ("properties", "claims", "items", "properties", "kind"), A.CLAIM_KINDS),
    ("claims", ("properties", "claims", "items", "properties", "status"), A.CLAIM_STATUSES),
    ("claims", ("properties", "claims", "items", "properties", "outcome", "properties", "confidence"), A.CONFIDENCE),
    ("framing", ("properties", "framing", "items", "properties", "category"), A.FRAMING_CATEGORIES),
    ("framing", ("properties", "framing", "items", "properties", "voice"), A.VOICES),
])
def test_schema_enums_match_the_code(schema: str, path: tuple, values) -> None:
    assert enum_of(schema, *path) == list(values)


# -- loading the fixture -----------------------------------------------------
def test_fixture_loads(corpus: Path) -> None:
    ann = load_annotations(corpus, read_texts(corpus))
    assert isinstance(ann, Annotations)
    assert ann.present == frozenset(LAYER_NAMES)
    assert set(ann.mentions) == set(read_texts(corpus))
    assert isinstance(ann.mentions[Y][0], Mention) and ann.mentions[Y][0].span == Span(89, 100, "South Korea")
    q1 = ann.quote(Y, "q1")
    assert isinstance(q1, Quote) and q1.cue.text == "said" and q1.source.text == "a Seoul official"
    assert "\n\n" in ann.quote(Y, "q3").content.text
    assert all(isinstance(c, Claim) for c in ann.claims)
    assert ann.claims[1].outcome.confidence == "high"
    assert len(ann.frame("claim_occurrences")) == 3
    with pytest.raises(Exception):
        q1.kind = "direct"  # frozen


def test_frames_have_every_layer(corpus: Path) -> None:
    ann = load_annotations(corpus, read_texts(corpus))
    sizes = {layer: len(ann.frame(layer)) for layer in A.COLUMNS}
    assert sizes == {"entities": 5, "mentions": 6, "nominal_mentions": 0, "quotes": 3, "timex": 4, "claims": 2,
                     "claim_occurrences": 3, "framing": 3}
    with pytest.raises(KeyError):
        ann.frame("nope")


def test_absent_layer_is_empty(corpus: Path) -> None:
    shutil.rmtree(corpus / "annotations" / "framing")
    ann = load_annotations(corpus, read_texts(corpus))
    assert "framing" not in ann.present
    assert all(v == [] for v in ann.framing.values())
    assert ann.frame("framing").empty


def test_missing_file_in_present_layer(corpus: Path) -> None:
    layer_path(corpus, "timex", "ahram-2011-01-10").unlink()
    msg = only_problem(corpus)
    assert msg.startswith("annotations/timex/ahram-2011-01-10.json: -: missing")


# -- bad input: every message names file, annotation id and field -------------
def test_offset_out_of_range(corpus: Path) -> None:
    edit(corpus, "mentions", Y, lambda d: d["mentions"][3].update(end=10**6))
    msg = only_problem(corpus)
    assert msg.startswith(f"annotations/mentions/{Y}.json: m4.end: offset 1000000 is past the end")


def test_span_text_does_not_match(corpus: Path) -> None:
    edit(corpus, "quotes", Y, lambda d: d["quotes"][1]["content"].update(text="As soon as Korea"))
    msg = only_problem(corpus)
    assert msg.startswith(f"annotations/quotes/{Y}.json: q2.content.text: span text 'As soon as Korea' "
                          "does not match clean text")
    assert "fix the offsets or the text" in msg


def test_whitespace_at_span_edge(corpus: Path) -> None:
    text = read_texts(corpus)[W]
    def widen(d):
        f = d["framing"][0]
        f.update(start=f["start"] - 1, text=text[f["start"] - 1:f["end"]])
    edit(corpus, "framing", W, widen)
    assert only_problem(corpus).startswith(f"annotations/framing/{W}.json: f1.text: span ' strongly' starts or ends with whitespace")


def test_dangling_entity_id(corpus: Path) -> None:
    edit(corpus, "mentions", W, lambda d: d["mentions"][0].update(entity_id="nobody"))
    msg = only_problem(corpus)
    assert msg.startswith(f"annotations/mentions/{W}.json: m1.entity_id: unknown entity 'nobody'")


def test_dangling_quote_id_in_claim(corpus: Path) -> None:
    edit(corpus, "claims", "", lambda d: d["claims"][1]["occurrences"][0].update(quote_id="q99"))
    msg = only_problem(corpus)
    assert msg.startswith(f"annotations/claims.json: sign-this-week.o1.quote_id: no quote 'q99' in annotations/quotes/{Y}.json")


def test_independent_null_is_first_or_in_tension(corpus: Path) -> None:
    edit(corpus, "claims", "", lambda d: d["claims"][0]["occurrences"][1].update(independent=None))
    assert only_problem(corpus) == ("annotations/claims.json: gsomia-talks.o2.independent: null is only for the first "
                                    "occurrence or one whose reason starts 'In tension'; set true or false, or explain "
                                    "the tension")
    edit(corpus, "claims", "", lambda d: d["claims"][0]["occurrences"][1].update(reason="In tension: says otherwise"))
    assert problems(corpus) == []
    edit(corpus, "claims", "", lambda d: d["claims"][0]["occurrences"][0].update(independent=True))
    assert only_problem(corpus).startswith("annotations/claims.json: gsomia-talks.o1.independent: the first occurrence")


def test_dangling_quote_id_in_framing(corpus: Path) -> None:
    edit(corpus, "framing", Y, lambda d: d["framing"][1].update(quote_id="q42"))
    assert only_problem(corpus).startswith(f"annotations/framing/{Y}.json: f2.quote_id: no quote 'q42'")


def test_dangling_document_in_claim(corpus: Path) -> None:
    edit(corpus, "claims", "", lambda d: d["claims"][0]["occurrences"][0].update(doc_id="nyt-2012-01-01"))
    msg = only_problem(corpus)
    assert msg.startswith("annotations/claims.json: gsomia-talks.o1.doc_id: unknown document 'nyt-2012-01-01'")


def test_dangling_timex_anchor(corpus: Path) -> None:
    edit(corpus, "timex", Y, lambda d: d["timexes"][0].update(anchor="t9"))
    assert only_problem(corpus).startswith(f"annotations/timex/{Y}.json: t1.anchor: no timex 't9'")


def test_duplicate_id(corpus: Path) -> None:
    edit(corpus, "timex", Y, lambda d: d["timexes"][2].update(id="t2"))
    msg = only_problem(corpus)
    assert msg.startswith(f"annotations/timex/{Y}.json: t2.id: duplicate id 't2'")


def test_duplicate_entity_and_claim_ids(corpus: Path) -> None:
    edit(corpus, "entities", "", lambda d: d["entities"].append(dict(d["entities"][0])))
    edit(corpus, "claims", "", lambda d: d["claims"][1].update(claim_id="gsomia-talks", kind="shared", status="echo",
                                                                outcome=None))
    found = problems(corpus)
    assert "annotations/entities.json: south-korea.entity_id: duplicate entity_id 'south-korea'; ids must be unique in the registry" in found
    assert any(p.startswith("annotations/claims.json: gsomia-talks.claim_id: duplicate claim_id") for p in found)


def test_unknown_category(corpus: Path) -> None:
    edit(corpus, "framing", W, lambda d: d["framing"][0].update(category="spin"))
    msg = only_problem(corpus)
    assert msg.startswith(f"annotations/framing/{W}.json: f1.category: unknown value 'spin'; use one of: evaluative, hedge")


def test_unknown_and_missing_fields(corpus: Path) -> None:
    def change(d):
        d["mentions"][0]["colour"] = "red"
        del d["mentions"][1]["metonymy"]
    edit(corpus, "mentions", Y, change)
    found = problems(corpus)
    assert f"annotations/mentions/{Y}.json: m1.colour: unexpected field; remove it or fix its name" in found
    assert any(p.startswith(f"annotations/mentions/{Y}.json: m2.metonymy: required field is missing") for p in found)


def test_truncated_json(corpus: Path) -> None:
    path = layer_path(corpus, "quotes", Y)
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index('"id": "q2"') + 40], encoding="utf-8")
    mine = [p for p in problems(corpus) if p.startswith(f"annotations/quotes/{Y}.json")]
    assert len(mine) == 1, mine
    msg = mine[0]
    assert msg.startswith(f"annotations/quotes/{Y}.json: line ")
    assert "in or after record q2" in msg and "invalid JSON" in msg


def test_truncated_json_still_reports_other_files(corpus: Path) -> None:
    layer_path(corpus, "quotes", Y).write_text('{"doc_id": ', encoding="utf-8")
    found = problems(corpus)
    # the quotes are gone, so the claim and the framing span that point at them are reported too
    assert found[0].startswith(f"annotations/quotes/{Y}.json: line 1")
    assert any("sign-this-week.o1.quote_id" in p for p in found)
    assert any(f"annotations/framing/{Y}.json: f2.quote_id" in p for p in found)


def test_not_utf8(corpus: Path) -> None:
    path = layer_path(corpus, "entities")
    path.write_bytes(path.read_bytes().replace(b"South Korea (test", b"South Korea \xff(test"))
    found = problems(corpus)
    assert found[0].startswith("annotations/entities.json: encoding: not valid UTF-8")
    assert found[1:] and all("unknown entity" in p for p in found[1:])  # the registry could not be read


def test_unsorted_records(corpus: Path) -> None:
    edit(corpus, "mentions", W, lambda d: d["mentions"].reverse())
    assert only_problem(corpus).startswith(f"annotations/mentions/{W}.json: m1.start: records are not sorted")


def test_mention_text_must_be_a_variant(corpus: Path) -> None:
    edit(corpus, "entities", "", lambda d: d["entities"][3].update(variants=["Kim"]))
    found = problems(corpus)
    assert f"annotations/mentions/{Y}.json: m4.text: 'Kim Kwan-jin' is not among the variants of entity 'kim-kwan-jin'; " \
        "add it to its variants in annotations/entities.json" in found
    assert len(found) == 2  # the same mention in both documents


def _nominal(corpus: Path, doc: str, phrase: str, entity_id: str) -> None:
    text = (corpus / "clean" / f"{doc}.txt").read_text(encoding="utf-8")
    start = text.index(phrase)

    def add(d: dict) -> None:
        d["mentions"].append({"id": "m99", "start": start, "end": start + len(phrase), "text": phrase,
                              "entity_id": entity_id, "metonymy": None, "refers_to": None, "form": "nominal"})
        d["mentions"].sort(key=lambda m: (m["start"], m["end"]))
    edit(corpus, "mentions", doc, add)


def test_a_nominal_mention_needs_no_variant(corpus: Path) -> None:
    _nominal(corpus, W, "his South Korean counterpart", "kim-kwan-jin")
    assert problems(corpus) == []


def test_a_nominal_mention_links_a_person_without_an_article(corpus: Path) -> None:
    _nominal(corpus, W, "the meeting", "seoul")
    found = problems(corpus)
    assert f"annotations/mentions/{W}.json: m99.form: nominal mentions are for persons; 'seoul' is a place: " \
           "use form 'named', or link the description to a person" in found
    assert f"annotations/mentions/{W}.json: m99.start: 'the meeting' starts with an article; leave the article " \
           "out (guidelines/entities.md §3.8)" in found
    assert len(found) == 2


@pytest.mark.real_corpus
def test_the_nominal_mentions_issue_13_names() -> None:
    """Each description issue 13 lists is linked to its person (expected values written here)."""
    expected = {("koreaherald-2012-05-13", "his Japanese counterpart"): {"yoshihiko-noda"},
                ("koreaherald-2012-05-13", "Japanese leader"): {"yoshihiko-noda"},
                ("wapo-2011-01-11", "chairman of the Joint Chiefs of Staff"): {"mike-mullen"},
                ("wapo-2011-01-11", "analyst at Seoul's Institute of Foreign Affairs and National Security"): {"yun-duk-min"},
                ("wapo-2011-01-11", "his South Korean counterpart"): {"kim-kwan-jin"},
                ("ahram-2011-01-10", "his Japanese counterpart"): {"toshimi-kitazawa"}}
    found: dict = {}
    for path in sorted((CORPUS / "annotations" / "mentions").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for m in data["mentions"]:
            assert m["form"] in ("named", "nominal")
            if m["form"] == "nominal":
                found.setdefault((data["doc_id"], m["text"]), set()).add(m["entity_id"])
    assert found == expected
    ann = load_annotations(CORPUS, read_texts(CORPUS))  # named and nominal mentions: two lists, one file
    assert all(m.form == "named" for ms in ann.mentions.values() for m in ms)
    assert sum(len(ms) for ms in ann.nominal_mentions.values()) == 7 == len(ann.frame("nominal_mentions"))


def test_metonymy_needs_refers_to(corpus: Path) -> None:
    edit(corpus, "mentions", Y, lambda d: d["mentions"][1].update(refers_to=None))
    assert only_problem(corpus).startswith(f"annotations/mentions/{Y}.json: m2.refers_to: refers_to is set exactly when")


def test_file_for_unknown_document_and_wrong_doc_id(corpus: Path) -> None:
    write_json(corpus / "annotations" / "timex" / "bbc-2012.json", {"doc_id": "bbc-2012", "timexes": []})
    edit(corpus, "timex", W, lambda d: d.update(doc_id=Y))
    found = problems(corpus)
    assert "annotations/timex/bbc-2012.json: doc_id: no document 'bbc-2012' in documents.json; rename or remove the file" in found
    assert any(p.startswith(f"annotations/timex/{W}.json: doc_id: '{Y}' does not match the file name") for p in found)


def test_all_problems_reported_at_once(corpus: Path) -> None:
    edit(corpus, "mentions", W, lambda d: d["mentions"][0].update(entity_id="nobody"))
    edit(corpus, "framing", Y, lambda d: d["framing"][0].update(category="spin"))
    with pytest.raises(CorpusErrors) as info:
        load_annotations(corpus, read_texts(corpus))
    err = info.value
    assert len(err.problems) == 2
    lines = str(err).splitlines()
    assert lines[0] == "2 problem(s) in the corpus:"
    assert len(lines) == 3
    assert any(f"annotations/mentions/{W}.json: m1.entity_id" in line for line in lines)
    assert any(f"annotations/framing/{Y}.json: f1.category" in line for line in lines)


def test_schema_and_text_problems_in_one_record(corpus: Path) -> None:
    edit(corpus, "framing", W, lambda d: d["framing"][0].update(category="spin", text="strong"))
    found = problems(corpus)
    assert len(found) == 2
    assert any("f1.category" in p for p in found) and any("f1.text" in p for p in found)


# -- the real corpus ---------------------------------------------------------
@pytest.mark.real_corpus
@pytest.mark.parametrize("layer", LAYER_NAMES)
def test_real_layer_is_valid(layer: str) -> None:
    """Problems in the real layer's own files (cross-layer references included)."""
    if not real_layer_present(layer):
        pytest.skip(f"corpus/annotations has no {layer} files yet")
    name = A.LAYERS[layer][0]
    found = [str(p) for p in validate_annotations(CORPUS, read_texts(CORPUS)) if p.file.startswith(f"annotations/{name}")]
    assert found == []


@pytest.mark.real_corpus
def test_real_corpus_loads() -> None:
    missing = [layer for layer in LAYER_NAMES if not real_layer_present(layer)]
    if missing:
        pytest.skip(f"corpus/annotations has no files yet for: {', '.join(missing)}")
    ann = load_annotations(CORPUS, read_texts(CORPUS))
    assert ann.present == frozenset(LAYER_NAMES)
