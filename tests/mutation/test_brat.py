"""kjpacts.exports.brat on hand-made spans: the exact .ann lines (T, A, N, # and R), the entity
table and the reader, written out here by hand from the brat standoff format."""

from __future__ import annotations

import pytest

from kjpacts.annotations.records import Entity
from kjpacts.exports.brat import brat_ann, entities_tsv, read_brat, tools_conf
from kjpacts.exports.spans import ExportSpan

#        0         1         2         3
#        0123456789012345678901234567890 1
TEXT = "Lee said Japan\n  will sign.\n \nOK"
ENTITIES = {"lee": Entity("lee", "Lee Myung-bak", "person", ("Lee", "Lee Myung-bak", "Lee\tM.", "Lee"), "KR", "President\nof Korea"),
            "japan": Entity("japan", "Japan", "country", (), None, "The state")}


def _span(key, label, start, end, layer, fields, attributes=(), links=()) -> ExportSpan:
    return ExportSpan(key, label, start, end, TEXT[start:end], layer, fields, list(attributes), list(links))


SPANS = [
    _span("mentions/m1", "Mention_person", 0, 3, "mentions", {"id": "m1", "entity_id": "lee", "metonymy": None, "note": ""},
          [("Nominal", None)]),
    _span("quotes/q1/cue", "Quote_cue", 4, 8, "quotes", {"id": "q1", "role": "cue"}, links=[("Cue_of", "quotes/q1/content")]),
    _span("quotes/q1/content", "Quote_content", 9, 26, "quotes",
          {"id": "q1", "kind": "direct", "note": "line\tbreak\r\nhere", "role": "content"},
          [("Quote_kind", "direct"), ("Unattributed", None)]),
    _span("timex/t1", "Timex", 17, 21, "timex", {"id": "t1", "type": "DATE", "value": "2012-06", "mod": None},
          [("Timex_type", "DATE")]),
    _span("timex/t2", "Timex", 22, 26, "timex", {"id": "t2", "value": "2012 06"}),
    _span("timex/t3", "Timex", 22, 26, "timex", {"id": "t3", "value": ""}),
    _span("mentions/m2", "Mention_country", 9, 14, "mentions", {"id": "m2", "entity_id": "ghost"}),
    _span("framing/f1", "Framing_evaluative", 22, 32, "framing", {"id": "f1", "category": "evaluative", "quote_id": None},
          [("Voice", "reporter")]),
]

ANN = """T1\tMention_person 0 3\tLee
A1\tNominal T1
N1\tReference T1 kjpacts_entities:lee\tLee Myung-bak
#1\tAnnotatorNotes T1\tid=m1; entity_id=lee
T2\tQuote_cue 4 8\tsaid
#2\tAnnotatorNotes T2\tid=q1; role=cue
T3\tQuote_content 9 14;17 26\tJapan will sign
A2\tQuote_kind T3 direct
A3\tUnattributed T3
#3\tAnnotatorNotes T3\tid=q1; kind=direct; note=line break here; role=content
T4\tTimex 17 21\twill
A4\tTimex_type T4 DATE
N2\tReference T4 TIMEX3:2012-06\t2012-06
#4\tAnnotatorNotes T4\tid=t1; type=DATE; value=2012-06
T5\tTimex 22 26\tsign
#5\tAnnotatorNotes T5\tid=t2; value=2012 06
T6\tTimex 22 26\tsign
#6\tAnnotatorNotes T6\tid=t3
T7\tMention_country 9 14\tJapan
N3\tReference T7 kjpacts_entities:ghost\tghost
#7\tAnnotatorNotes T7\tid=m2; entity_id=ghost
T8\tFraming_evaluative 22 27;30 32\tsign. OK
A5\tVoice T8 reporter
#8\tAnnotatorNotes T8\tid=f1; category=evaluative
R1\tCue_of Arg1:T2 Arg2:T3
"""


def test_ann_lines_written_by_hand():
    assert brat_ann(SPANS, TEXT, ENTITIES) == ANN


def test_without_an_entity_registry_the_reference_text_is_the_id():
    assert brat_ann(SPANS[:1], TEXT).split("\n")[2] == "N1\tReference T1 kjpacts_entities:lee\tlee"


def test_entity_table_in_norm_db_init_format():
    assert entities_tsv(ENTITIES) == (
        "lee\tname:Name:Lee Myung-bak\tname:Name:Lee\tname:Name:Lee M.\tattr:Type:person\tattr:Country:KR\tinfo:Description:President of Korea\n"
        "japan\tname:Name:Japan\tattr:Type:country\tinfo:Description:The state\n")


def test_tools_conf():
    assert tools_conf() == ("# kjpacts normalisation resources (written by kjpacts.exports.brat)\n[normalization]\n"
                            "kjpacts_entities\tDB:<NONE>, <URL>:kjpacts_entities.tsv\n"
                            "TIMEX3\tDB:<NONE>, <URL>:https://www.timeml.org/\n")


def test_reader_takes_first_start_to_last_end_and_the_text_beside_it(tmp_path):
    (tmp_path / "d.ann").write_text(ANN, encoding="utf-8")
    no_text = read_brat(tmp_path)["d"]
    assert ("Quote_content", 9, 26, "Japan will sign") in no_text  # the fragments' text, without the .txt
    assert ("Framing_evaluative", 22, 32, "sign. OK") in no_text and len(no_text) == 8
    (tmp_path / "d.txt").write_text(TEXT, encoding="utf-8")
    spans = read_brat(tmp_path)
    assert list(spans) == ["d"]
    assert spans["d"] == sorted((s.label, s.start, s.end, s.text) for s in SPANS)
    (tmp_path / "empty.ann").write_text("", encoding="utf-8")
    assert read_brat(tmp_path)["empty"] == []


def test_reference_text_is_kept_on_one_line():
    tabbed = {"lee": Entity("lee", "Lee\tMyung-bak\n", "person", (), None, "")}
    assert brat_ann(SPANS[:1], TEXT, tabbed).split("\n")[2] == "N1\tReference T1 kjpacts_entities:lee\tLee Myung-bak "


def test_configuration_files_equal_the_reviewed_ones():
    """tests/mutation/brat_conf/ holds annotation.conf and visual.conf as reviewed against brat's
    configuration format (sections, tab-separated declarations, ``Label | full | short`` labels)."""
    from pathlib import Path

    from kjpacts.exports.brat import brat_conf, visual_conf

    reviewed = Path(__file__).parent / "brat_conf"
    assert brat_conf() == (reviewed / "annotation.conf").read_text(encoding="utf-8")
    assert visual_conf() == (reviewed / "visual.conf").read_text(encoding="utf-8")


def test_reader_keeps_a_tab_inside_the_span_text_and_names_a_broken_file(tmp_path):
    from kjpacts.errors import CorpusError

    (tmp_path / "d.ann").write_text("T1\tTimex 0 3\ta\tb\n", encoding="utf-8")
    assert read_brat(tmp_path) == {"d": [("Timex", 0, 3, "a\tb")]}
    (tmp_path / "d.txt").write_bytes(b"\xff\xfe")
    with pytest.raises(CorpusError) as err:
        read_brat(tmp_path)
    assert str(err.value).startswith(f"{(tmp_path / 'd.txt').as_posix()}: encoding: not valid UTF-8")
    (tmp_path / "d.txt").unlink()
    (tmp_path / "d.ann").write_bytes(b"T1\tTimex 0 3\t\xff\n")
    with pytest.raises(CorpusError) as err:
        read_brat(tmp_path)
    assert str(err.value).startswith(f"{(tmp_path / 'd.ann').as_posix()}: encoding: not valid UTF-8")


def test_write_brat_names_entities_and_makes_the_folder(corpus, tmp_path):
    import json

    from kjpacts.exports.brat import write_brat

    out = tmp_path / "new" / "brat"
    paths = write_brat(corpus.annotations, {d.doc_id: d.text for d in corpus}, out)
    assert sorted(p.name for p in paths) == sorted([f"{d}.{ext}" for d in corpus.fileids() for ext in ("txt", "ann")]
                                                   + ["annotation.conf", "visual.conf", "tools.conf", "kjpacts_entities.tsv"])
    root = corpus.root
    names = {e["entity_id"]: e["name"] for e in json.loads((root / "annotations" / "entities.json").read_text("utf-8"))["entities"]}
    refs = [line.split("\t") for line in (out / "wapo-2011-01-11.ann").read_text(encoding="utf-8").splitlines()
            if line.startswith("N") and "kjpacts_entities:" in line]
    assert refs and all(text == names[ref.split(":")[1]] for _, ref, text in refs)
    assert (out / "wapo-2011-01-11.txt").read_bytes() == (root / "clean" / "wapo-2011-01-11.txt").read_bytes()
