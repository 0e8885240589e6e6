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


# --- read_ann: the strict .ann reader, on hand-written lines over a hand-counted text ---------------

#         0         1         2
#         0123456789012345678901234
DOC = "Lee said Japan will sign."  # 25 characters

#: Every line kind, A/N/R/# lines before the T they name, a blank and a whitespace-only line.
ANN_ALL = "\n".join([
    "A1\tNegated T2",                               # line 1: binary attribute, before T2
    "#1\tAnnotatorNotes T1\tchecked by MX",         # line 2: note before T1 (ends in X: rstrip must take only \r)
    "",                                             # line 3
    "T1\tMention 0 3\tLee",                         # line 4
    "N1\tReference T1 Wikidata:Q1\tLee Myung-bak",  # line 5
    "N2\tReference T1 local:lee",                   # line 6: no text after the reference
    "A2\tPolarity T1 positive",                     # line 7: attribute with a value
    "A3\tNegated T1",                               # line 8
    "   \t",                                        # line 9: whitespace only
    "T2\tQuote 9 14;20 25\tJapan sign.",            # line 10: two fragments joined by one space, the last ends the text
    "R1\tCue_of Arg1:T1 Arg2:T2",                   # line 11
    "R2\tAbout Arg1:T1 Arg2:T3",                    # line 12: Arg2 defined later
    "R3\tBack Arg1:T2 Arg2:T1",                     # line 13
    "T3\tTimex 15 19\twill",                        # line 14
    "#2\tAnnotatorNotes T3\tdate\tsure",            # line 15: a tab inside the note
    "#3\tAnnotatorNotes T2",                        # line 16: an empty note
    "T4\tVerb 4 8\tsaid",                           # line 17: nothing points at it
]) + "\n"


def _want_all():
    from kjpacts.exports.brat import AnnSpan

    return [
        AnnSpan("T1", "Mention", [(0, 3)], 4, attributes={"Polarity": "positive", "Negated": None},
                references={"Wikidata": "Q1", "local": "lee"}, note="checked by MX",
                relations=[("Cue_of", "T2"), ("About", "T3")]),
        AnnSpan("T2", "Quote", [(9, 14), (20, 25)], 10, attributes={"Negated": None}, references={}, note="",
                relations=[("Back", "T1")]),
        AnnSpan("T3", "Timex", [(15, 19)], 14, attributes={}, references={}, note="date\tsure", relations=[]),
        AnnSpan("T4", "Verb", [(4, 8)], 17, attributes={}, references={}, note="", relations=[]),
    ]


def _read(tmp_path, monkeypatch, data: bytes, text: str = DOC):
    from pathlib import Path

    from kjpacts.exports.brat import read_ann

    monkeypatch.chdir(tmp_path)
    (tmp_path / "d.ann").write_bytes(data)
    return read_ann(Path("d.ann"), text)


def test_read_ann_every_line_kind_in_any_order(tmp_path, monkeypatch):
    spans = _read(tmp_path, monkeypatch, ANN_ALL.encode("utf-8"))
    assert spans == _want_all()
    assert [(s.tid, s.start, s.end) for s in spans] == [("T1", 0, 3), ("T2", 9, 25), ("T3", 15, 19), ("T4", 4, 8)]
    assert spans[0].attributes["Negated"] is None and spans[1].attributes == {"Negated": None}


def test_read_ann_crlf_line_ends_give_the_same_spans(tmp_path, monkeypatch):
    data = ANN_ALL.replace("\n", "\r\n").encode("utf-8")
    assert b"\r\n\r\n" in data and b"   \t\r\n" in data
    assert _read(tmp_path, monkeypatch, data) == _want_all()


def test_read_ann_empty_and_blank_files(tmp_path, monkeypatch):
    assert _read(tmp_path, monkeypatch, b"") == []
    assert _read(tmp_path, monkeypatch, b"\n \n\r\n\t\n") == []


def test_read_ann_span_ending_at_the_last_character_and_a_span_of_the_whole_text(tmp_path, monkeypatch):
    from kjpacts.exports.brat import AnnSpan

    got = _read(tmp_path, monkeypatch, b"T1\tEnd 24 25\t.\nT2\tAll 0 25\tLee said Japan will sign.\n")
    assert got == [AnnSpan("T1", "End", [(24, 25)], 1), AnnSpan("T2", "All", [(0, 25)], 2)]


#: Each bad line comes after a good T9 line and a blank line, so it is line 3.
PREFIX = "T9\tVerb 4 8\tsaid\n\n"
BAD = [
    ("T1\tX 20 26\tsign. ", "offsets '20 26' are outside the text (25 characters) or empty"),
    ("T1\tX 25 26\t.", "offsets '25 26' are outside the text (25 characters) or empty"),
    ("T1\tX 3 3\t", "offsets '3 3' are outside the text (25 characters) or empty"),
    ("T1\tX 5 3\tx", "offsets '5 3' are outside the text (25 characters) or empty"),
    ("T1\tX 0 3;20 26\tLee sign.", "offsets '0 3;20 26' are outside the text (25 characters) or empty"),
    ("T1\tX 0 3;8 8\tLee ", "offsets '0 3;8 8' are outside the text (25 characters) or empty"),
    ("T1\tX 0 3\tLeo", "span text 'Leo' is not the document's text at 0 3 ('Lee'); fix the offsets or the text"),
    ("T1\tX 0 3\tLee ", "span text 'Lee ' is not the document's text at 0 3 ('Lee'); fix the offsets or the text"),
    ("T1\tX 0 3;9 14\tLee  Japan",
     "span text 'Lee  Japan' is not the document's text at 0 3;9 14 ('Lee Japan'); fix the offsets or the text"),
    ("T1\tX 0 3;9 14\tLeeJapan",
     "span text 'LeeJapan' is not the document's text at 0 3;9 14 ('Lee Japan'); fix the offsets or the text"),
    ("T9\tVerb 4 8\tsaid", "T9 is defined twice"),
    ("T9\tNoun 0 3\tLee", "T9 is defined twice"),
    ("E1\tSpeak:T9 Agent:T9 and a long tail of more words here",
     "not a brat annotation line ('E1\\tSpeak:T9 Agent:T9 and a long tail of '); expected T, A, N, R or # lines"),
    ("T1\tX 0 3", "not a brat annotation line ('T1\\tX 0 3'); expected T, A, N, R or # lines"),
    ("A1\tNeg T9 a b", "not a brat annotation line ('A1\\tNeg T9 a b'); expected T, A, N, R or # lines"),
    ("N1\tReference T9 Q1", "not a brat annotation line ('N1\\tReference T9 Q1'); expected T, A, N, R or # lines"),
    ("R1\tCue_of Arg1:T9", "not a brat annotation line ('R1\\tCue_of Arg1:T9'); expected T, A, N, R or # lines"),
    ("#1\tnote T9", "not a brat annotation line ('#1\\tnote T9'); expected T, A, N, R or # lines"),
    ("A1\tNegated T1", "refers to T1, which no T line defines"),
    ("A1\tPolarity T1 positive", "refers to T1, which no T line defines"),
    ("N1\tReference T1 Wikidata:Q1\tLee", "refers to T1, which no T line defines"),
    ("#1\tAnnotatorNotes T1\tx", "refers to T1, which no T line defines"),
    ("R1\tCue_of Arg1:T1 Arg2:T9", "refers to T1, which no T line defines"),
    ("R1\tCue_of Arg1:T9 Arg2:T1", "refers to T1, which no T line defines"),
    ("R1\tCue_of Arg1:T1 Arg2:T2", "refers to T1, which no T line defines"),
]


@pytest.mark.parametrize("line, message", BAD)
def test_read_ann_errors_name_file_line_and_problem(tmp_path, monkeypatch, line, message):
    from kjpacts.errors import CorpusError

    for end in ("\n", "\r\n"):
        data = (PREFIX + line + "\n").replace("\n", end).encode("utf-8")
        with pytest.raises(CorpusError) as err:
            _read(tmp_path, monkeypatch, data)
        assert str(err.value) == f"d.ann: line 3: {message}"
        assert (err.value.file, err.value.field, err.value.message) == ("d.ann", "line 3", message)


def test_read_ann_a_missing_reference_is_reported_at_its_own_line_after_all_t_lines(tmp_path, monkeypatch):
    from kjpacts.errors import CorpusError

    data = b"A1\tNegated T9\nN1\tReference T7 W:Q\n\nT9\tVerb 4 8\tsaid\nT1\tX 0 3\tLeo\n"
    with pytest.raises(CorpusError) as err:  # a bad T line is found before any reference is resolved
        _read(tmp_path, monkeypatch, data)
    assert str(err.value) == "d.ann: line 5: span text 'Leo' is not the document's text at 0 3 ('Lee'); fix the offsets or the text"
    with pytest.raises(CorpusError) as err:
        _read(tmp_path, monkeypatch, data.replace(b"\tLeo", b"\tLee"))
    assert str(err.value) == "d.ann: line 2: refers to T7, which no T line defines"


def test_an_ann_file_that_is_not_utf8_or_missing_is_named(tmp_path):
    from kjpacts.errors import CorpusError
    from kjpacts.exports.brat import read_ann

    bad = tmp_path / "d.ann"
    bad.write_bytes(b"T1\tTimex 0 3\t\xff\n")
    with pytest.raises(CorpusError) as err:
        read_ann(bad, "one two")
    assert str(err.value).startswith(f"{bad.as_posix()}: encoding: not valid UTF-8")
    with pytest.raises(CorpusError) as err:
        read_ann(tmp_path / "gone.ann", "one two")
    assert str(err.value).startswith(f"{(tmp_path / 'gone.ann').as_posix()}: -: file is missing")
