"""Problem set 6: time and entities (spec for `kjpacts grade build-sources`)."""

import re
from collections import Counter

TITLE = "Problem set 6: Time and entities"

INTRO = """\
# Problem set 6: Time and entities

Who and when, precisely. The mention layer (`corpus.annotations.mentions[doc_id]`) links every
name to an entity of the registry (`corpus.annotations.entities`), with spelling variants
("Kim Kwan-jin", "Kim Kwan-Jin") joined and metonymies marked ("Seoul has demanded": a capital
standing for its government). The time layer (`corpus.annotations.timexes[doc_id]`) gives each
temporal expression a normalised TIMEX3 `value`, resolved against the publication date.

**How this works**

- Work on your own copy (`kjpacts grade start ps06-time-and-entities`).
- Replace each `raise NotImplementedError()` with your code using the kit. **Hidden tests call
  your functions on other documents and entities.**
- Run the test cell under each answer: it prints `Passed: ...` or a `Hint: ...`.
- Before handing in: *Kernel > Restart Kernel and Run All Cells*.
"""


def build(S, gold):
    ann = gold.annotations
    S.md("intro", INTRO)
    # the grading kernel's corpus has these answers withheld too (not only hidden by the views below)
    S.withhold("timex", docs=("yonhap-2012-06-27",), fields=("value", "note", "mod"))
    S.code("setup", """
        import re
        from collections import Counter

        import kjpacts

        from kjpacts.grading.views import without

        corpus = kjpacts.load()
        mentions, entities = corpus.annotations.mentions, corpus.annotations.entities
        timexes = dict(corpus.annotations.timexes)
        # Question 4 asks you to normalise Yonhap's dates: their values are not on the table
        timexes["yonhap-2012-06-27"] = without(timexes["yonhap-2012-06-27"], "value", "note", "mod",
                                               why="Question 4 asks you to normalise these dates yourself")
        entities["kim-kwan-jin"]
    """)

    # ---- Q1 ------------------------------------------------------------------
    def capitals(doc_id):
        return [(m.start, m.end) for m in ann.mentions[doc_id] if m.metonymy == "capital-for-government"]

    S.md("q1-text", """
        ## Question 1: capitals standing for governments (3 points)

        "Seoul has demanded", "Tokyo's reasserted claims": a capital named for its government
        turns a state into a single actor. Write `capital_metonymies(doc_id)` returning the
        `(start, end)` spans of the mentions marked `metonymy == "capital-for-government"`, in
        text order.
    """)
    S.answer("q1-answer", """
        def capital_metonymies(doc_id):
            ### BEGIN SOLUTION
            return [(m.start, m.end) for m in mentions[doc_id] if m.metonymy == "capital-for-government"]
            ### END SOLUTION
    """)
    vdocs = ("yonhap-2012-06-27", "ahram-2011-01-10")
    visible = {d: capitals(d) for d in vdocs}
    # the edge cases: ahram prints "Seoul" once as the city, yonhap has other metonymies (historical-state)
    assert any(m.text == "Seoul" and m.metonymy is None for m in ann.mentions["ahram-2011-01-10"])
    assert any(m.metonymy == "historical-state" for m in ann.mentions["yonhap-2012-06-27"])
    S.test("q1-test", 1, f"""
        lengths = {({d: len(gold[d].text) for d in vdocs})!r}
        for doc_id, want in {visible!r}.items():
            got = spans(call("capital_metonymies", doc_id), lengths[doc_id], f"capital_metonymies({{doc_id!r}})")
            if got != [B.tuple(w) for w in want]:
                return f"capital_metonymies({{doc_id!r}}): expect {{B.len(want)}} spans, in text order: use m.metonymy (this kind only), not the name."
        return None
    """, helpers=("spans",), title="Question 1", checks="two pages: a 'Seoul' that is the city, and a metonymy of another kind (historical-state)")
    docs = ("wapo-2011-01-11", "koreaherald-2012-05", "koreaherald-2012-05-13")
    cases = {d: capitals(d) for d in docs}
    assert all(cases.values())
    lengths = {d: len(gold[d].text) for d in docs}
    S.test("q1-hidden", 2, f"""
        cases = {cases!r}
        lengths = {lengths!r}
        total = 0.0
        for doc_id, want in cases.items():
            got = spans(call("capital_metonymies", doc_id), lengths[doc_id], f"capital_metonymies({{doc_id!r}})")
            total += span_f1(got, [B.tuple(w) for w in want])
        frac = total / B.len(cases)
        return frac, None if frac == 1.0 else f"average overlap F1 with the mention layer: {{frac:.2f}}."
    """, helpers=("spans",), hidden=True, partial=True, title="Question 1")

    # ---- Q2 ------------------------------------------------------------------
    def forms(entity_id):
        return sorted({m.text for d in gold.fileids() for m in ann.mentions[d] if m.entity_id == entity_id})

    S.md("q2-text", """
        ## Question 2: one entity, many spellings (2 points)

        Write `surface_forms(entity_id)` returning the sorted list of the distinct texts of all
        mentions of that entity across the five documents. Entity matching needs this: count
        "Kim Kwan-jin" and "Kim Kwan-Jin" separately and one minister becomes two.
    """)
    S.answer("q2-answer", """
        def surface_forms(entity_id):
            ### BEGIN SOLUTION
            return sorted({m.text for d in corpus.fileids() for m in mentions[d] if m.entity_id == entity_id})
            ### END SOLUTION
    """)
    visible = {e: forms(e) for e in ("kim-kwan-jin", "gsomia")}
    registry = set(ann.entities["gsomia"].variants) | {ann.entities["gsomia"].name}
    assert set(visible["gsomia"]) != registry  # the edge case: the pages print forms the registry does not list
    S.test("q2-test", 1, f"""
        for entity_id, want in {visible!r}.items():
            got = str_list(call("surface_forms", entity_id), f"surface_forms({{entity_id!r}})")
            if got != want:
                return f"surface_forms({{entity_id!r}}): the pages print it in {{B.len(want)}} ways; collect m.text of the mentions of every document, sorted."
        return None
    """, title="Question 2", checks="a person and an agreement, whose printed forms are not the registry's list")
    cases = {e: forms(e) for e in ("south-korea", "japan", "toshimi-kitazawa")}
    assert all(cases.values())
    S.test("q2-hidden", 1, f"""
        cases = {cases!r}
        for entity_id, want in cases.items():
            got = call("surface_forms", entity_id)
            if B.type(got) is not B.list or got != want:
                return f"surface_forms({{entity_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 2")

    # ---- Q3 ------------------------------------------------------------------
    def dated(doc_id):
        rows = [(t.value, t.text, t.start) for t in ann.timexes[doc_id]
                if t.type == "DATE" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", t.value)]
        return [(v, text) for v, text, _ in sorted(rows)]

    S.md("q3-text", """
        ## Question 3: a timeline of days (3 points)

        Write `dated_events(doc_id)` returning `(value, text)` tuples for the temporal
        expressions of type `"DATE"` whose value is a full day (`YYYY-MM-DD`), sorted by value and
        then by position in the text. Printed dates, resolved weekdays and "Nov. 23" all become
        points on one timeline.
    """)
    S.answer("q3-answer", """
        def dated_events(doc_id):
            ### BEGIN SOLUTION
            rows = [(t.value, t.text, t.start) for t in timexes[doc_id]
                    if t.type == "DATE" and re.fullmatch(r"\\d{4}-\\d{2}-\\d{2}", t.value)]
            return [(value, text) for value, text, _ in sorted(rows)]
            ### END SOLUTION
    """)
    visible = {d: dated(d) for d in ("wapo-2011-01-11", "koreaherald-2012-05-13")}
    assert len(visible["koreaherald-2012-05-13"]) == 1  # the edge case: a page with a single day-precise date
    S.test("q3-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = call("dated_events", doc_id)
            if B.type(got) is not B.list or not B.all(B.type(x) is B.tuple and [B.type(v) for v in x] == [B.str, B.str] for x in got):
                return "return a list of (value, text) tuples of strings."
            if got != [B.tuple(w) for w in want]:
                return f"dated_events({{doc_id!r}}): expect {{B.len(want)}} day-precise DATEs, sorted by value, then by position."
        return None
    """, title="Question 3", checks="two pages, one with a single day-precise date")
    cases = {d: dated(d) for d in ("ahram-2011-01-10", "koreaherald-2012-05")}
    S.test("q3-hidden", 2, f"""
        cases = {cases!r}
        right = 0
        for doc_id, want in cases.items():
            got = call("dated_events", doc_id)
            if B.type(got) is B.list and B.all(B.type(x) is B.tuple for x in got) and got == [B.tuple(w) for w in want]:
                right += 1
        msg = None if right == B.len(cases) else f"{{right}} of {{B.len(cases)}} timelines right."
        return right / B.len(cases), msg
    """, hidden=True, partial=True, title="Question 3")

    # ---- Q4 ------------------------------------------------------------------
    items = ["Tuesday", "Wednesday", "last month", "early 2011"]
    values = {}
    for text in items:
        vs = {t.value for t in ann.timexes["yonhap-2012-06-27"] if t.text == text}
        assert len(vs) == 1, (text, vs)
        values[text] = vs.pop()
    S.md("q4-text", f"""
        ## Question 4: normalising by reading (3 points)

        Yonhap's dateline says "SEOUL, June 27" and prints no year. Read the article (the
        evidence for the year is in the text; `corpus["yonhap-2012-06-27"].meta["published_evidence"]`
        lists it) and normalise these expressions to ISO dates as precisely as the text allows:

        {", ".join(f'"{t}"' for t in items)}

        Define `YONHAP_DATES`, a dict from each expression to your ISO string (`YYYY-MM-DD`,
        `YYYY-MM` or `YYYY`). Answer by reading: the time layer's values for this page are left out of
        `timexes`.
    """)
    S.answer("q4-answer", f"""
        ### BEGIN SOLUTION
        YONHAP_DATES = {values!r}
        ### END SOLUTION
    """)
    S.test("q4-test", 1, f"""
        items = {items!r}
        got = value("YONHAP_DATES")
        if B.type(got) is not B.dict:
            return "YONHAP_DATES must be a dict."
        keys = [k for k in got]
        if B.len(keys) != B.len(items) or B.sorted(k for k in keys if B.type(k) is B.str) != B.sorted(items):
            return "use exactly these keys: " + ", ".join(B.repr(i) for i in items)
        for k in items:
            iso(got[k], f"YONHAP_DATES[{{k!r}}]")
        return None
    """, helpers=("iso",), title="Question 4")
    S.test("q4-hidden", 2, f"""
        gold = {values!r}
        got = value("YONHAP_DATES")
        if B.type(got) is not B.dict:
            return 0.0, "YONHAP_DATES must be a dict."
        right = B.sum(1 for k, v in gold.items() if k in got and B.type(got[k]) is B.str and got[k] == v)
        return right / B.len(gold), None if right == B.len(gold) else f"{{right}} of {{B.len(gold)}} expressions normalised as in the gold time layer."
    """, hidden=True, partial=True, title="Question 4")

    # ---- Q5 ------------------------------------------------------------------
    def by_type(doc_id):
        return dict(Counter(ann.entities[m.entity_id].type for m in ann.mentions[doc_id]))

    S.md("q5-text", """
        ## Question 5: what kinds of entities a page names (2 points)

        Write `mentions_by_type(doc_id)` returning a plain dict from entity `type` (`"person"`,
        `"country"`, `"place"`, `"organisation"`, `"agreement"`, `"event"`) to the number of
        mentions of entities of that type. Look each mention's entity up in `entities`.
    """)
    S.answer("q5-answer", """
        def mentions_by_type(doc_id):
            ### BEGIN SOLUTION
            return dict(Counter(entities[m.entity_id].type for m in mentions[doc_id]))
            ### END SOLUTION
    """)
    visible = {d: by_type(d) for d in ("koreaherald-2012-05-13", "ahram-2011-01-10")}
    assert "organisation" not in visible["koreaherald-2012-05-13"]  # the edge case: a type the page never names
    S.test("q5-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = plain_dict(call("mentions_by_type", doc_id), B.str, B.int, f"mentions_by_type({{doc_id!r}})")
            if got != want:
                return f"mentions_by_type({{doc_id!r}}) should be {{want}}: count every mention by entities[m.entity_id].type."
        return None
    """, title="Question 5", checks="two pages, one that names no organisation (no type with a count of 0)")
    cases = {d: by_type(d) for d in ("wapo-2011-01-11", "yonhap-2012-06-27")}
    S.test("q5-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("mentions_by_type", doc_id)
            if B.type(got) is not B.dict or got != want:
                return f"mentions_by_type({{doc_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 5")

    # ---- written -----------------------------------------------------------------
    S.written("w1", 4, """
        ## Question 6 (written): predictions and what happened

        Two pages predict a signing: `koreaherald-2012-05` ("by the end of the month") and
        `yonhap-2012-06-27` ("as early as this week"). Normalise both predictions to dates, say
        who makes each prediction according to the page, and compare them with what happened
        according to the outside record given in the course notes (state its confidence). What
        should a reader take from an official's timetable reported as news?
        (150-250 words)
    """, rubric=[
        (1, "Normalises both: end of May 2012 (2012-05, mod END) and the week of 27 June 2012 (ISO week 2012-W26)."),
        (1, "Attributes them: the defence ministry (Korea Herald) and the anonymous senior official at the foreign ministry (Yonhap)."),
        (1, "States the outcome with its confidence and marks it as outside the corpus: the signing set for 29 June 2012 was called off by Seoul at the last minute; GSOMIA was signed on 23 November 2016 (high confidence)."),
        (1, "Draws the lesson: an official timetable is a statement of intent by an interested party; the report is evidence of the plan, not of the event."),
    ], model_answer="""
        The Korea Herald's May 2012 report says the two countries are pushing to sign the two
        agreements "by the end of the month", according to Seoul's defence ministry: the end of May
        2012 (2012-05, mod END). Yonhap, on 27 June 2012, reports an anonymous senior official at
        the foreign ministry saying the pact will be signed "as early as this week", the week of
        25 June-1 July 2012 (2012-W26). The outside record in the course notes (high confidence),
        not the corpus, says the signing was set for 29 June 2012 and called off by Seoul at the
        last minute after a domestic backlash over the secret cabinet approval; GSOMIA was finally
        signed on 23 November 2016. Neither prediction came true on time. Both come from
        officials who wanted the pact; reported as news, a timetable shows what an interested
        party planned and wanted the public to expect, and is evidence of intent, not of the
        event.
    """)
