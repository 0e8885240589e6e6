"""CSV, brat and W3C exports: exact columns, and round trips back to the same spans."""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from annotation_corpus import CORPUS, W, Y, make_corpus, real_layer_present  # noqa: E402
from gold_spans import gold_counts, gold_spans  # noqa: E402

from kjpacts.annotations import COLUMNS, Annotations, load_annotations  # noqa: E402
from kjpacts.corpus.files import read_clean_texts as read_texts  # noqa: E402
from kjpacts.exports.brat import read_brat, write_brat  # noqa: E402
from kjpacts.exports.csv import REQUIRED_CSV_COLUMNS, write_annotation_csvs  # noqa: E402
from kjpacts.exports.spans import LABELS  # noqa: E402
from kjpacts.exports.w3c import read_w3c, write_w3c  # noqa: E402

BASE = "https://example.org/kjpacts/"


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    return make_corpus(tmp_path / "corpus")


@pytest.fixture
def loaded(corpus_dir: Path) -> tuple[Annotations, dict[str, str]]:
    texts = read_texts(corpus_dir)
    return load_annotations(corpus_dir, texts), texts


@pytest.fixture
def gold(corpus_dir: Path) -> dict[str, list[tuple[str, int, int, str]]]:
    """The spans read straight from the JSON files (tests/gold_spans.py), not from the exporter."""
    return gold_spans(corpus_dir)


def test_the_fixture_has_every_span_layer(corpus_dir: Path) -> None:
    """The round trips below mean something only if every layer family is in the fixture."""
    assert gold_counts(corpus_dir) == {"Mention": 6, "Quote": 9, "Timex": 4, "Framing": 3, "Claim": 3}


def read_csv(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


# -- CSV ---------------------------------------------------------------------
def test_columns_start_with_the_required_ones() -> None:
    for layer, required in REQUIRED_CSV_COLUMNS.items():
        assert COLUMNS[layer][: len(required)] == required


def test_csv_files_columns_and_rows(corpus_dir, loaded, tmp_path: Path) -> None:
    ann, texts = loaded
    paths = write_annotation_csvs(corpus_dir, list(texts), tmp_path / "csv")
    assert sorted(p.name for p in paths) == sorted(f"{layer}.csv" for layer in REQUIRED_CSV_COLUMNS)
    counts = {"quotes": 3, "timex": 4, "entities": 5, "mentions": 6, "claims": 2, "claim_occurrences": 3, "framing": 3}
    for path in paths:
        layer = path.stem
        header, rows = read_csv(path)
        assert header[: len(REQUIRED_CSV_COLUMNS[layer])] == REQUIRED_CSV_COLUMNS[layer]
        assert len(rows) == counts[layer], layer
        for row in rows:
            if "start" in row:  # offsets into the clean text
                assert texts[row["doc_id"]][int(row["start"]):int(row["end"])] == row["text"]


def test_csv_values(corpus_dir, loaded, tmp_path: Path) -> None:
    ann, texts = loaded
    write_annotation_csvs(corpus_dir, list(texts), tmp_path)
    _, quotes = read_csv(tmp_path / "quotes.csv")
    q2 = next(r for r in quotes if r["id"] == "q2")
    assert (q2["kind"], q2["cue"], q2["source_text"], q2["named"]) == ("direct", "said", "the official", "false")
    assert q2["anonymity_reason"] == "on the condition of anonymity"
    _, mentions = read_csv(tmp_path / "mentions.csv")
    assert [m["metonymy"] for m in mentions if m["doc_id"] == Y][1] == "capital-for-government"
    _, occ = read_csv(tmp_path / "claim_occurrences.csv")
    assert [o["independent"] for o in occ] == ["", "true", ""]


# -- brat --------------------------------------------------------------------
def test_brat_round_trip(loaded, gold, tmp_path: Path) -> None:
    ann, texts = loaded
    write_brat(ann, texts, tmp_path)
    assert read_brat(tmp_path) == gold
    for doc, text in texts.items():
        assert (tmp_path / f"{doc}.txt").read_bytes() == text.encode("utf-8")


def test_brat_spans_have_no_newlines(loaded, tmp_path: Path) -> None:
    ann, texts = loaded
    write_brat(ann, texts, tmp_path)
    lines = (tmp_path / f"{Y}.ann").read_text(encoding="utf-8").splitlines()
    t_lines = [line for line in lines if line.startswith("T")]
    split = [line for line in t_lines if ";" in line.split("\t")[1]]
    assert len(split) == 1 and split[0].split("\t")[1].startswith("Quote_content ")  # q3 runs over a paragraph break
    for line in t_lines:
        _, middle, surface = line.split("\t")
        frags = [tuple(map(int, f.split())) for f in middle.split(" ", 1)[1].split(";")]
        assert surface == " ".join(texts[Y][a:b] for a, b in frags)
        assert all("\n" not in texts[Y][a:b] for a, b in frags)


def test_brat_lines_are_well_formed(loaded, tmp_path: Path) -> None:
    ann, texts = loaded
    write_brat(ann, texts, tmp_path)
    text = (tmp_path / f"{Y}.ann").read_text(encoding="utf-8")
    ids = set(re.findall(r"^(T\d+)\t", text, re.M))
    for line in text.splitlines():
        kind = line[0]
        assert kind in "TARN#", line
        if kind == "N":  # brat's own pattern (server/src/annotation.py, _parse_normalization_annotation)
            m = re.fullmatch(r"N\d+\tReference (T\d+) (\S+?):(\S+)\t[^\t]+", line)
            assert m and m.group(1) in ids and m.group(2) in ("kjpacts_entities", "TIMEX3"), line
        if kind == "A":
            assert re.fullmatch(r"A\d+\t\w+ T\d+( \S+)?", line) and line.split()[2] in ids
        if kind == "R":
            m = re.fullmatch(r"R\d+\t(Source_of|Cue_of) Arg1:(T\d+) Arg2:(T\d+)", line)
            assert m and {m.group(2), m.group(3)} <= ids
        if kind == "#":
            assert re.fullmatch(r"#\d+\tAnnotatorNotes T\d+\t[^\t]*", line)
    assert "A" in {line[0] for line in text.splitlines()}
    assert "Metonymy" in text and "Timex_type" in text and "entity_id=kim-kwan-jin" in text
    assert len(re.findall(r"^R\d+\tSource_of", text, re.M)) == 3


def test_brat_conf_declares_everything_used(loaded, tmp_path: Path) -> None:
    ann, texts = loaded
    write_brat(ann, texts, tmp_path)
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    sections = dict(re.findall(r"\[(\w+)\]\n(.*?)(?=\n\[|\Z)", conf, re.S))
    entities = set(sections["entities"].split())
    relations = {line.split("\t")[0] for line in sections["relations"].splitlines() if line}
    attributes = {line.split("\t")[0]: line for line in sections["attributes"].splitlines() if line}
    assert entities == set(LABELS)
    for ann_file in tmp_path.glob("*.ann"):
        for line in ann_file.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")[1].split()
            if line[0] == "T":
                assert parts[0] in entities
            elif line[0] == "R":
                assert parts[0] in relations
            elif line[0] == "A":
                decl = attributes[parts[0]]
                assert (len(parts) == 3) == ("Value:" in decl)
                if len(parts) == 3:
                    assert parts[2] in decl.split("Value:")[1].split("|")


def test_brat_normalisation_lines(corpus_dir, loaded, tmp_path: Path) -> None:
    """Every mention is normalised to its entity id, every timex to its value (read from the JSON)."""
    ann, texts = loaded
    write_brat(ann, texts, tmp_path)
    for doc in texts:
        lines = (tmp_path / f"{doc}.ann").read_text(encoding="utf-8").splitlines()
        spans = {ln.split("\t")[0]: ln.split("\t")[1].split(" ", 1) for ln in lines if ln.startswith("T")}
        norms = {}
        for ln in lines:
            if ln.startswith("N"):
                _, tid, ref = ln.split("\t")[1].split(" ")
                norms[(spans[tid][0], spans[tid][1].split(";")[0])] = ref
        mention_file = corpus_dir / "annotations" / "mentions" / f"{doc}.json"
        mentions = json.loads(mention_file.read_text(encoding="utf-8"))["mentions"] if mention_file.exists() else []
        types = {e["entity_id"]: e["type"] for e in json.loads((corpus_dir / "annotations/entities.json").read_text(encoding="utf-8"))["entities"]}
        for m in mentions:
            assert norms[(f"Mention_{types[m['entity_id']]}", f"{m['start']} {m['end']}")] == f"kjpacts_entities:{m['entity_id']}"
        timex_file = corpus_dir / "annotations" / "timex" / f"{doc}.json"
        timexes = json.loads(timex_file.read_text(encoding="utf-8"))["timexes"] if timex_file.exists() else []
        for x in timexes:
            assert norms[("Timex", f"{x['start']} {x['end']}")] == f"TIMEX3:{x['value']}"
        assert len(norms) == len(mentions) + len(timexes)


def test_brat_visual_tools_and_entity_db(loaded, tmp_path: Path) -> None:
    ann, texts = loaded
    write_brat(ann, texts, tmp_path)
    visual = (tmp_path / "visual.conf").read_text(encoding="utf-8")
    labels = re.search(r"\[labels\]\n(.*?)\n\n", visual, re.S).group(1).splitlines()
    assert {ln.split(" | ")[0] for ln in labels} == set(LABELS) | {"Source_of", "Cue_of"}
    drawing = visual.split("[drawing]\n")[1].splitlines()
    assert {ln.split("\t")[0] for ln in drawing} >= set(LABELS)
    tools = (tmp_path / "tools.conf").read_text(encoding="utf-8")
    assert "[normalization]\nkjpacts_entities\tDB:<NONE>, <URL>:kjpacts_entities.tsv\n" in tools
    rows = [ln.split("\t") for ln in (tmp_path / "kjpacts_entities.tsv").read_text(encoding="utf-8").splitlines()]
    assert {r[0] for r in rows} == set(ann.entities)
    for r in rows:  # norm_db_init.py: ID, then TYPE:LABEL:STRING with TYPE name, attr or info
        assert all(re.fullmatch(r"(name|attr|info):[^:]+:.+", f) for f in r[1:]) and r[1].startswith("name:")


# -- W3C ---------------------------------------------------------------------
def test_w3c_round_trip(loaded, gold, tmp_path: Path) -> None:
    ann, texts = loaded
    write_w3c(ann, texts, tmp_path, BASE)
    assert read_w3c(tmp_path) == gold
    assert read_w3c(tmp_path / f"{W}.jsonld") == {W: gold[W]}


def test_w3c_with_urn_base(loaded, gold, tmp_path: Path) -> None:
    ann, texts = loaded
    write_w3c(ann, texts, tmp_path, "urn:kjpacts:")
    data = json.loads((tmp_path / f"{Y}.jsonld").read_text(encoding="utf-8"))
    assert data["first"]["items"][0]["target"]["source"] == f"urn:kjpacts:{Y}.txt"
    assert read_w3c(tmp_path) == gold


def test_w3c_shape(loaded, gold, tmp_path: Path) -> None:
    ann, texts = loaded
    write_w3c(ann, texts, tmp_path, BASE)
    data = json.loads((tmp_path / f"{Y}.jsonld").read_text(encoding="utf-8"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["@context"][1]["kjp"] == f"{BASE}vocab#"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items) == len(gold[Y])
    ids = [a["id"] for a in items]
    assert len(set(ids)) == len(ids) and all(i.startswith(BASE) for i in ids)
    for anno in items:
        assert anno["type"] == "Annotation"
        quote, pos = anno["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and pos["type"] == "TextPositionSelector"
        text = texts[Y]
        assert text[pos["start"]:pos["end"]] == quote["exact"]
        assert len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
        assert text[: pos["start"]].endswith(quote["prefix"]) and text[pos["end"]:].startswith(quote["suffix"])
        purposes = [b.get("purpose") for b in anno["body"]]
        assert purposes[:2] == ["tagging", "describing"]
        fields = anno["body"][1]  # record fields are real properties, not a JSON string
        assert fields["type"] == "kjp:Record" and "value" not in fields and "format" not in fields
        assert all(k in ("type", "purpose") or k.startswith("kjp:") for k in fields)
        assert fields["kjp:layer"] in ("mentions", "quotes", "timex", "framing", "claims")
    source = next(a for a in items if a["id"].endswith("/quotes/q1/source"))
    assert {"type": "SpecificResource", "purpose": "linking", "source": f"{BASE}{Y}/quotes/q1/content"} in source["body"]


def test_w3c_describes_entities_and_links_the_raw_page(corpus, tmp_path: Path) -> None:
    from kjpacts.exports import export

    export(corpus, "w3c", tmp_path, base_uri=BASE)
    entities = json.loads((CORPUS / "annotations/entities.json").read_text(encoding="utf-8"))["entities"]
    graph = json.loads((tmp_path / "entities.jsonld").read_text(encoding="utf-8"))["@graph"]
    assert {n["id"] for n in graph} == {f"{BASE}entities/{e['entity_id']}" for e in entities}
    docs = json.loads((CORPUS / "documents.json").read_text(encoding="utf-8"))["documents"]
    for meta in docs:
        data = json.loads((tmp_path / f"{meta['doc_id']}.jsonld").read_text(encoding="utf-8"))
        items = data["first"]["items"]
        assert {a["target"]["kjp:rawPage"] for a in items} == {BASE + meta["source_file"]}
        assert {a["target"]["scope"] for a in items} == {meta["provenance"]["source_url"]}
        assert (tmp_path / meta["source_file"]).read_bytes() == (CORPUS / meta["source_file"]).read_bytes()
        for a in items:
            if a["id"].split("/")[-2] == "mentions":
                (ident,) = [b for b in a["body"] if b.get("purpose") == "identifying"]
                eid = ident["source"]["id"].rsplit("/", 1)[1]
                assert ident["source"]["kjp:name"] == next(e["name"] for e in entities if e["entity_id"] == eid)


def test_w3c_reanchors_when_the_text_moved(loaded, gold, tmp_path: Path) -> None:
    """Positions that no longer fit the text are found again from the quote, prefix and suffix."""
    ann, texts = loaded
    write_w3c(ann, texts, tmp_path, BASE)
    (tmp_path / f"{W}.txt").write_text("Inserted line.\n\n" + texts[W], encoding="utf-8", newline="")
    shift = len("Inserted line.\n\n")
    expected = sorted((label, s + shift, e + shift, t) for label, s, e, t in gold[W])
    assert read_w3c(tmp_path / f"{W}.jsonld")[W] == expected


# -- the real corpus ---------------------------------------------------------
@pytest.mark.real_corpus
def test_real_corpus_round_trips(tmp_path: Path) -> None:
    if not any(real_layer_present(layer) for layer in ("mentions", "quotes", "timex", "claims", "framing")):
        pytest.skip("corpus/annotations has no span layers yet")
    texts = read_texts(CORPUS)
    ann = load_annotations(CORPUS, texts)
    expected = gold_spans(CORPUS)
    assert set(gold_counts(CORPUS)) == {"Mention", "Quote", "Timex", "Framing", "Claim"}
    write_brat(ann, texts, tmp_path / "brat")
    write_w3c(ann, texts, tmp_path / "w3c", BASE)
    assert read_brat(tmp_path / "brat") == expected
    # first-military-accord-since o2 (the 2009 memorandum) is "In tension": null, but not a first occurrence
    ann_text = (tmp_path / "brat" / "ahram-2011-01-10.ann").read_text(encoding="utf-8")
    mou = texts["ahram-2011-01-10"].index("In 2009 Seoul and Tokyo signed")
    (tid,) = re.findall(rf"^(T\d+)\tClaim {mou} \d+\t", ann_text, re.M)
    assert re.search(rf"^A\d+\tIndependence {tid} in_tension$", ann_text, re.M)
    assert read_w3c(tmp_path / "w3c") == expected
    paths = write_annotation_csvs(CORPUS, list(texts), tmp_path / "csv")
    for path in paths:
        header, rows = read_csv(path)
        assert header[: len(REQUIRED_CSV_COLUMNS[path.stem])] == REQUIRED_CSV_COLUMNS[path.stem]
        extra = len(ann.frame("nominal_mentions")) if path.stem == "mentions" else 0  # one CSV, form column
        assert len(rows) == len(ann.frame(path.stem)) + extra
