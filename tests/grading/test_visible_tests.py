"""Visible tests that teach: every solution earns every point, and for each question a plausible
wrong answer that the old one-page visible test let through now fails the visible test (instant
feedback). Each mistake is written by hand; the tests are judged as during autograding
(kjpacts.grading.judge). ps04 Q3's hidden test rejects unmerged spans."""

from __future__ import annotations

import pytest

from kjpacts.grading import judge, testkit, views, wire

from . import subs
from .conftest import EXERCISES, PROBLEM_SETS


def _ask(ns: dict):
    def ask(kind, name, args):
        if name not in ns:
            raise testkit.Problem(f"`{name}` is not defined")
        obj = ns[name]
        try:
            obj = obj(*args) if kind == "call" else obj
        except Exception as exc:  # noqa: BLE001
            raise testkit.Problem(f"`{name}` raised {type(exc).__name__}") from None
        return wire.decode(wire.encode(obj))

    return ask


def _cell(prob: subs.Problem, grade_id: str):
    return next(c for c in prob.source.cells if subs.nbmeta(c).get("grade_id") == grade_id)


def _score(prob: subs.Problem, grade_id: str, ns: dict) -> float:
    cell = _cell(prob, grade_id)
    return judge.judge(cell.source, grade_id, subs.nbmeta(cell)["points"], _ask(ns)).score


def _points(prob: subs.Problem, grade_id: str) -> float:
    return float(subs.nbmeta(_cell(prob, grade_id))["points"])


def _gold_namespace(prob: subs.Problem, monkeypatch) -> dict:
    """The solution's namespace with every field on the table (the views switched off), as the
    old visible tests saw it."""
    with monkeypatch.context() as m:
        m.setattr(views, "without", lambda records, *fields, why="": list(records))
        m.setattr(views, "only", lambda record, *keep, why="": record)
        m.setattr(views, "Documents", lambda corpus, replaced: corpus)
        return prob.solution_namespace()


@pytest.mark.parametrize("ps", PROBLEM_SETS)
def test_every_solution_earns_every_point(ps):
    prob = subs.Problem(EXERCISES, ps)
    ns = prob.solution_namespace()
    for gid in prob.test_ids():
        assert _score(prob, gid, ns) == _points(prob, gid), f"{ps} {gid}: the solution loses points"


def _comfort_women():
    import kjpacts

    s = kjpacts.load()["koreaherald-2012-05-13"].text.index('"comfort women"')
    return s, s + len('"comfort women"')


PS1, PS2, PS3 = "ps01-provenance-and-dating", "ps02-cleaning-and-tokens", "ps03-who-speaks"
PS4, PS5, PS6 = "ps04-corroboration-and-reuse", "ps05-framing-and-keyness", "ps06-time-and-entities"

# name: (problem set, the mistaken answer, visible test, the old visible test's calls
#        (None: the old test was changed earlier or the question replaced), hidden test it loses points on)
MISTAKES = {
    "ps01 Q1 inferred always False": (PS1, """
def date_record(doc_id):
    meta = corpus[doc_id].meta
    return (meta["published"], meta["published_precision"], False)""",
        "q1-test", [("date_record", ("wapo-2011-01-11",))], "q1-hidden"),
    "ps01 Q2 repeats dropped": (PS1, """
def page_furniture(doc_id, category):
    return list(dict.fromkeys(e.raw_text.strip() for e in corpus[doc_id].edits if e.category == category))""",
        "q2-test", [("page_furniture", ("ahram-2011-01-10", "scrape-header"))], None),
    "ps01 Q3 strictly before the publication day": (PS1, """
def resolve_weekday(doc_id, weekday):
    anchor = dt.date.fromisoformat(corpus[doc_id].meta["published"])
    back = (anchor.weekday() - WEEKDAYS.index(weekday)) % 7 or 7
    return (anchor - dt.timedelta(days=back)).isoformat()""",
        "q3-test", [("resolve_weekday", ("wapo-2011-01-11", "Monday"))], "q3-hidden"),
    "ps01 Q5 the year anywhere in the value": (PS1, """
def expressions_in_year(doc_id, year):
    return [(t.start, t.end) for t in timexes[doc_id] if str(year) in t.value]""",
        "q5-test", [("expressions_in_year", ("wapo-2011-01-11", 2010))], None),
    "ps02 Q1 the example page, whatever doc_id": (PS2, """
def edit_summary(doc_id):
    return dict(Counter(e.category for e in corpus["yonhap-2012-06-27"].edits))""",
        "q1-test", [("edit_summary", ("yonhap-2012-06-27",))], "q1-hidden"),
    "ps02 Q2 printed as long as the clean span": (PS2, """
def as_printed(doc_id, start, end):
    doc = corpus[doc_id]
    s = doc.to_raw(start)
    return doc.raw[s:s + end - start]""",
        "q2-test", [("as_printed", ("koreaherald-2012-05-13", *_comfort_women()))], "q2-hidden"),
    "ps02 Q3 most_common's order for ties": (PS2, """
def content_words(doc_id, n):
    return Counter(w for w in words(corpus[doc_id], lower=True) if w.isalpha() and w not in STOPWORDS).most_common(n)""",
        "q3-test", [("content_words", ("yonhap-2012-06-27", 5))], "q3-hidden"),
    "ps02 Q4 the segment kinds of the example page": (PS2, """
def sentence_counts(doc_id):
    found = sentences(corpus[doc_id])
    return {k: sum(1 for s in found if s.segment == k) for k in ("headline", "byline", "date_line", "paragraph")}""",
        "q4-test", [("sentence_counts", ("wapo-2011-01-11",))], "q4-hidden"),
    "ps03 Q1 without the None guard": (PS3, """
def anonymous_sources(doc_id):
    return sorted({(q.source.start, q.source.end) for q in quotes[doc_id] if not q.named})""",
        "q1-test", None, None),
    "ps03 Q2 one count per speaker, not per quote": (PS3, """
def speaker_type_counts(doc_id):
    return dict(Counter(q.speaker_type for q in {q.speaker: q for q in quotes[doc_id]}.values()))""",
        "q2-test", None, "q2-hidden"),
    "ps03 Q3 without the None guard": (PS3, """
def label_drift(doc_id):
    groups = {}
    for q in quotes[doc_id]:
        seen = groups.setdefault(q.source_group, [])
        if q.source.text not in seen:
            seen.append(q.source.text)
    return {g: labels for g, labels in groups.items() if len(labels) >= 2}""",
        "q3-test", [("label_drift", ("yonhap-2012-06-27",))], "q3-hidden"),
    "ps03 Q5 only the first document of the list": (PS3, """
def quotes_by_country(doc_ids):
    return dict(Counter(q.country or "none" for q in quotes[doc_ids[0]]))""",
        "q5-test", [("quotes_by_country", (["yonhap-2012-06-27"],))], "q5-hidden"),
    "ps04 Q1 a document listed once per occurrence": (PS4, """
def claim_documents(claim_id):
    return sorted(o.doc_id for o in claims[claim_id].occurrences)""",
        "q1-test", [("claim_documents", ("gsomia-24-countries",))], "q1-hidden"),
    "ps04 Q2 the example kind, whatever kind": (PS4, """
def claims_of_kind(kind):
    return sorted(c.claim_id for c in claims.values() if c.kind == "prediction")""",
        "q2-test", None, "q2-hidden"),
    "ps04 Q3 unmerged spans": (PS4, """
def reused_spans(a, b, n):
    return sorted(sp for spans_a, _ in shared_ngrams(corpus[a], corpus[b], n).values() for sp in spans_a)""",
        "q3-test", None, "q3-hidden"),
    "ps04 Q5 sorted instead of the layer's order": (PS4, """
def attributions(claim_id):
    return sorted((o.doc_id, o.attributed_to) for o in claims[claim_id].occurrences)""",
        "q5-test", [("attributions", ("gsomia-24-countries",))], "q5-hidden"),
    "ps05 Q1 the example page, whatever doc_id": (PS5, """
def framing_counts(doc_id):
    return dict(Counter(f.category for f in corpus.annotations.framing["wapo-2011-01-11"]))""",
        "q1-test", [("framing_counts", ("wapo-2011-01-11",))], "q1-hidden"),
    "ps05 Q2 every voice but quotations": (PS5, """
def reporter_evaluatives(doc_id):
    return [(f.start, f.end) for f in framing[doc_id] if f.category == "evaluative" and f.voice != "quoted-speaker"]""",
        "q2-test", [("reporter_evaluatives", ("wapo-2011-01-11",))], None),
    "ps05 Q3 without the overused filter": (PS5, """
def keywords(target_ids, reference_ids, k):
    return [kw.word for kw in keyness(corpus_words(corpus, target_ids), corpus_words(corpus, reference_ids))][:k]""",
        "q3-test", None, None),
    "ps05 Q5 every voice but the reporter's": (PS5, """
def quoted_framing(doc_id):
    return [(f.text, f.quote_id) for f in framing[doc_id] if f.voice != "reporter"]""",
        "q5-test", [("quoted_framing", ("wapo-2011-01-11",))], None),
    "ps06 Q1 capitals by name": (PS6, """
def capital_metonymies(doc_id):
    return [(m.start, m.end) for m in mentions[doc_id] if m.text in ("Seoul", "Tokyo")]""",
        "q1-test", [("capital_metonymies", ("yonhap-2012-06-27",))], "q1-hidden"),
    "ps06 Q2 the registry's variants, not the printed forms": (PS6, """
def surface_forms(entity_id):
    e = entities[entity_id]
    return sorted(set(e.variants) | {e.name})""",
        "q2-test", [("surface_forms", ("kim-kwan-jin",))], None),
    "ps06 Q3 the example page, whatever doc_id": (PS6, """
def dated_events(doc_id):
    rows = [(t.value, t.text, t.start) for t in timexes["wapo-2011-01-11"]
            if t.type == "DATE" and re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", t.value)]
    return [(value, text) for value, text, _ in sorted(rows)]""",
        "q3-test", [("dated_events", ("wapo-2011-01-11",))], "q3-hidden"),
    "ps06 Q5 the example page, whatever doc_id": (PS6, """
def mentions_by_type(doc_id):
    return dict(Counter(entities[m.entity_id].type for m in mentions["koreaherald-2012-05-13"]))""",
        "q5-test", [("mentions_by_type", ("koreaherald-2012-05-13",))], "q5-hidden"),
}


def test_every_function_question_has_a_mistake():
    """Each question answered with a function (not a labelling by reading) has its mistake here."""
    for ps in PROBLEM_SETS:
        prob = subs.Problem(EXERCISES, ps)
        asked = {gid.split("-")[0] for gid in prob.test_ids("visible") if "call(" in _cell(prob, gid).source}
        covered = {visible.split("-")[0] for p, _, visible, _, _ in MISTAKES.values() if p == ps}
        assert asked <= covered, f"{ps}: no hand-written mistake for {sorted(asked - covered)}"


@pytest.mark.parametrize("name", sorted(MISTAKES))
def test_the_mistake_fails_the_visible_test_and_the_solution_passes(name, monkeypatch):
    ps, mistaken, visible, old_calls, hidden = MISTAKES[name]
    prob = subs.Problem(EXERCISES, ps)
    ns = prob.solution_namespace()
    assert _score(prob, visible, ns) == _points(prob, visible)
    if old_calls:  # the old visible test: one call, which the mistake answers like the solution
        gold = _gold_namespace(prob, monkeypatch)
        right = [gold[fn](*args) for fn, args in old_calls]
        exec(mistaken, gold)  # noqa: S102 - the hand-written mistake replaces the solution's function
        assert [gold[fn](*args) for fn, args in old_calls] == right, f"{name}: the old visible test caught it"
    exec(mistaken, ns)  # noqa: S102
    assert _score(prob, visible, ns) == 0.0, f"{name}: the visible test does not catch it"
    if hidden:
        assert _score(prob, hidden, ns) < _points(prob, hidden), f"{name}: the hidden test gives full credit"


GOLD_OFF_THE_TABLE = [
    (PS1, "timexes['wapo-2011-01-11'][0].value"),
    (PS2, "corpus['ahram-2011-01-10'].text"),
    (PS2, "corpus['ahram-2011-01-10'].boilerplate"),
    (PS3, "quotes['wapo-2011-01-11'][0].speaker_type"),
    (PS3, "quotes['wapo-2011-01-11'][0].source_group"),
    (PS4, "claims['gsomia-24-countries'].occurrences[1].independent"),
    (PS4, "claims['gsomia-24-countries'].occurrences[1].reason"),
    (PS4, "claims['gsomia-24-countries'].status"),
    (PS5, "framing['wapo-2011-01-11'][0].category"),
    (PS5, "framing['wapo-2011-01-11'][0].note"),
    (PS6, "timexes['yonhap-2012-06-27'][0].value"),
]


@pytest.mark.parametrize("ps,code", GOLD_OFF_THE_TABLE)
def test_gold_fields_are_not_on_the_table(ps, code):
    ns = subs.Problem(EXERCISES, ps).solution_namespace()
    with pytest.raises(AttributeError, match="removed from this view"):
        eval(code, ns)  # noqa: S307
