"""Problem set 1: provenance and dating (spec for `kjpacts grade build-sources`)."""

TITLE = "Problem set 1: Provenance and dating"

INTRO = """\
# Problem set 1: Provenance and dating

Five news pages about the 2011-12 South Korea-Japan military pacts. Before reading what a page
*says*, a source critic asks what the page *is*: who published it, when, and what on the page
belongs to the article rather than to the website around it.

**How this works**

- Work on your own copy: `kjpacts grade start ps01-provenance-and-dating` (or *File > Save As*
  into a folder of your own). Your instructor may regenerate this file; your copy is never touched.
- In each answer cell, replace `raise NotImplementedError()` with your code. Use the kit
  (`corpus[doc_id]`, `doc.meta`, `doc.edits`, `corpus.annotations`): do not type answers in by hand
  where a function is asked for. When your notebook is graded, **hidden tests call your functions
  on other documents** and other parameters.
- Run the test cell under each answer. It prints `Passed: ...` or a `Hint: ...`.
- Written answers are marked by your instructor; the marking criteria are shown with each question.
- Before handing in: *Kernel > Restart Kernel and Run All Cells*, and check that nothing fails.
"""


def build(S, gold):
    S.md("intro", INTRO)
    # the grading kernel's corpus has these answers withheld too (not only hidden by the views below)
    S.withhold("timex", docs=("wapo-2011-01-11",), fields=("value", "note"))
    S.code("setup", """
        import datetime as dt
        import kjpacts

        from kjpacts.grading.views import without

        corpus = kjpacts.load()
        timexes = dict(corpus.annotations.timexes)
        # Question 4 asks you to normalise the Washington Post's dates: their values are not on the table
        timexes["wapo-2011-01-11"] = without(timexes["wapo-2011-01-11"], "value", "note",
                                             why="Question 4 asks you to normalise these dates yourself")
        corpus.fileids()
    """)

    # ---- Q1 ------------------------------------------------------------------
    S.md("q1-text", """
        ## Question 1: what the metadata says about the date (2 points)

        `corpus[doc_id].meta` holds the curated metadata of a page: `published` (an ISO date, as
        precise as the evidence allows), `published_precision` (`"day"`, `"month"`, ...) and
        `published_inferred` (`True` when the page prints no reliable date and the date was
        worked out from evidence, listed in `published_evidence`).

        Write `date_record(doc_id)` returning the tuple `(published, precision, inferred)`,
        for example `("2011-01-11", "day", False)`.
    """)
    S.answer("q1-answer", """
        def date_record(doc_id):
            ### BEGIN SOLUTION
            meta = corpus[doc_id].meta
            return (meta["published"], meta["published_precision"], meta["published_inferred"])
            ### END SOLUTION
    """)
    def date_record(d):
        return (gold[d].meta["published"], gold[d].meta["published_precision"], gold[d].meta["published_inferred"])

    visible = {d: date_record(d) for d in ("wapo-2011-01-11", "koreaherald-2012-05-13")}
    assert [v[2] for v in visible.values()] == [False, True]  # the edge case: a date worked out from evidence
    S.test("q1-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = call("date_record", doc_id)
            if B.type(got) is not B.tuple or [B.type(v) for v in got] != [B.str, B.str, B.bool]:
                return "return a tuple (published, precision, inferred) of str, str and bool."
            if got != want:
                return f"date_record({{doc_id!r}}) should be {{want}}: read the three fields of meta (is the date inferred?)."
        return None
    """, title="Question 1", checks="a page that prints its date and one whose date was inferred (inferred is True)")
    cases = {d: date_record(d) for d in ("koreaherald-2012-05", "ahram-2011-01-10")}
    S.test("q1-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("date_record", doc_id)
            if B.type(got) is not B.tuple or B.len(got) != 3 or [B.type(v) for v in got] != [B.str, B.str, B.bool]:
                return f"date_record({{doc_id!r}}) must return (str, str, bool)."
            if got != want:
                return f"date_record({{doc_id!r}}) is not right: an undated page has an inferred date and maybe a coarser precision."
        return None
    """, hidden=True, title="Question 1")

    # ---- Q2 ------------------------------------------------------------------
    S.md("q2-text", """
        ## Question 2: what belongs to the page, not to the article (2 points)

        Cleaning removed page furniture: navigation, view counters, copyright footers, "Last
        Update" lines... Each removal is logged in `doc.edits` (`doc.boilerplate` keeps only the
        furniture) with its `category` and the removed `raw_text`.

        Write `page_furniture(doc_id, category)` returning the list of removed texts of that
        category, in page order, each stripped of surrounding whitespace (`str.strip()`).
    """)
    S.answer("q2-answer", """
        def page_furniture(doc_id, category):
            ### BEGIN SOLUTION
            return [e.raw_text.strip() for e in corpus[doc_id].edits if e.category == category]
            ### END SOLUTION
    """)
    def furniture(d, c):
        return [e.raw_text.strip() for e in gold[d].edits if e.category == c]

    visible = {f"{d}|{c}": furniture(d, c) for d, c in (("ahram-2011-01-10", "scrape-header"),
                                                       ("koreaherald-2012-05", "navigation"),
                                                       ("ahram-2011-01-10", "view-counter"))}
    assert visible["ahram-2011-01-10|scrape-header"][0].startswith("Last Update")
    counter = visible["ahram-2011-01-10|view-counter"]
    assert len(counter) == 2 and counter[0] == counter[1], counter  # the edge case: printed twice, kept twice
    S.test("q2-test", 1, f"""
        for key, want in {visible!r}.items():
            doc_id, category = key.split("|")
            got = str_list(call("page_furniture", doc_id, category), f"page_furniture({{doc_id!r}}, {{category!r}})")
            if got != want:
                return f"page_furniture({{doc_id!r}}, {{category!r}}): expect {{B.len(want)}} stripped texts, in page order, repeats kept."
        return None
    """, title="Question 2", checks="two pages, and a view counter the page prints twice (both removals listed)")
    cases = [("yonhap-2012-06-27", "navigation"), ("wapo-2011-01-11", "copyright-footer"),
             ("koreaherald-2012-05-13", "share-widget")]
    expected = {f"{d}|{c}": furniture(d, c) for d, c in cases}
    assert all(expected.values()), expected
    S.test("q2-hidden", 1, f"""
        expected = {expected!r}
        for key, want in expected.items():
            doc_id, category = key.split("|")
            got = call("page_furniture", doc_id, category)
            if B.type(got) is not B.list or not B.all(B.type(x) is B.str for x in got):
                return "page_furniture must return a list of strings."
            if got != want:
                return f"page_furniture({{doc_id!r}}, {{category!r}}) does not match the cleaning log."
        return None
    """, hidden=True, title="Question 2")

    # ---- Q3 ------------------------------------------------------------------
    S.md("q3-text", """
        ## Question 3: resolving a weekday against the publication date (3 points)

        News copy says "Monday" and "on Sunday" rather than a date. A reader resolves such a
        weekday against the date of the article: it is the most recent such day **on or before**
        the publication date (a day-precision `meta["published"]`).

        Write `resolve_weekday(doc_id, weekday)` returning that date as an ISO string
        (`"YYYY-MM-DD"`). `weekday` is an English name such as `"Monday"`. Use `datetime`
        (imported above as `dt`): `dt.date.fromisoformat`, `.weekday()`, `dt.timedelta`.
    """)
    S.answer("q3-answer", """
        WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

        def resolve_weekday(doc_id, weekday):
            ### BEGIN SOLUTION
            anchor = dt.date.fromisoformat(corpus[doc_id].meta["published"])
            back = (anchor.weekday() - WEEKDAYS.index(weekday)) % 7
            return (anchor - dt.timedelta(days=back)).isoformat()
            ### END SOLUTION
    """)
    # by hand from a calendar: wapo is dated Tuesday 2011-01-11, koreaherald-2012-05-13 Sunday 2012-05-13
    visible = {"wapo-2011-01-11|Monday": "2011-01-10", "wapo-2011-01-11|Tuesday": "2011-01-11",
               "koreaherald-2012-05-13|Thursday": "2012-05-10"}
    S.test("q3-test", 1, f"""
        for key, want in {visible!r}.items():
            doc_id, day = key.split("|")
            got = call("resolve_weekday", doc_id, day)
            if B.type(got) is not B.str:
                return "return the date as a string like '2011-01-10'."
            if got != want:
                return f"resolve_weekday({{doc_id!r}}, {{day!r}}) should be {{want}}: the latest {{day}} on or before the publication date."
        return None
    """, title="Question 3", checks="two pages, and the weekday of the publication day itself (on or before)")
    cases = {}
    for doc_id, day in (("yonhap-2012-06-27", "Tuesday"), ("koreaherald-2012-05-13", "Sunday"),
                        ("ahram-2011-01-10", "Monday"), ("yonhap-2012-06-27", "Wednesday")):
        values = {t.value for t in gold.annotations.timexes[doc_id] if t.text == day}
        assert len(values) == 1, (doc_id, day, values)  # the gold time layer agrees on one date
        cases[f"{doc_id}|{day}"] = values.pop()
    S.test("q3-hidden", 2, f"""
        cases = {cases!r}
        right = 0
        for key, want in cases.items():
            doc_id, day = key.split("|")
            got = call("resolve_weekday", doc_id, day)
            if B.type(got) is B.str and got == want:
                right += 1
        if right == B.len(cases):
            return 1.0, None
        return right / B.len(cases), f"{{right}} of {{B.len(cases)}} weekdays resolved correctly (is the publication day itself included?)."
    """, hidden=True, partial=True, title="Question 3")

    # ---- Q4 ------------------------------------------------------------------
    items = ["Nov. 23", "early last month", "Dec. 9", "Last year"]
    wapo_values = {}
    for text in items:
        values = {t.value for t in gold.annotations.timexes["wapo-2011-01-11"] if t.text == text}
        assert len(values) == 1, (text, values)
        wapo_values[text] = values.pop()
    S.md("q4-text", f"""
        ## Question 4: normalising dates by reading (3 points)

        Read the Washington Post article (printed date: Tuesday, January 11, 2011) and normalise
        these expressions to ISO dates, as precisely as the text allows: `YYYY-MM-DD` for a day,
        `YYYY-MM` for a month, `YYYY` for a year.

        {", ".join(f'"{t}"' for t in items)}

        Answer by reading (`print(corpus["wapo-2011-01-11"].text)`): this is the skill the time layer
        was made with, and its values for this page are left out of `timexes`. Define `WAPO_DATES`, a dict
        from each expression (exactly as written above) to your ISO string.
    """)
    S.answer("q4-answer", f"""
        ### BEGIN SOLUTION
        WAPO_DATES = {wapo_values!r}
        ### END SOLUTION
    """)
    S.test("q4-test", 1, f"""
        items = {items!r}
        got = value("WAPO_DATES")
        if B.type(got) is not B.dict:
            return "WAPO_DATES must be a dict."
        keys = [k for k in got]
        if B.sorted(k for k in keys if B.type(k) is B.str) != B.sorted(items) or B.len(keys) != B.len(items):
            return "use exactly these keys: " + ", ".join(B.repr(i) for i in items)
        for k in items:
            iso(got[k], f"WAPO_DATES[{{k!r}}]")
        return None
    """, helpers=("iso",), title="Question 4")
    S.test("q4-hidden", 2, f"""
        gold = {wapo_values!r}
        got = value("WAPO_DATES")
        if B.type(got) is not B.dict:
            return 0.0, "WAPO_DATES must be a dict."
        right = B.sum(1 for k, v in gold.items() if k in got and B.type(got[k]) is B.str and got[k] == v)
        msg = None if right == B.len(gold) else f"{{right}} of {{B.len(gold)}} expressions normalised as in the gold time layer."
        return right / B.len(gold), msg
    """, hidden=True, partial=True, title="Question 4")

    # ---- Q5 ------------------------------------------------------------------
    S.md("q5-text", """
        ## Question 5: finding the expressions that point to a year (3 points)

        The time layer (`timexes[doc_id]`, from `corpus.annotations`) records every temporal
        expression with its clean-text span (`start`, `end`) and its normalised `value`
        (TIMEX3: `2010-11-23`, `2010-12`, `2012-W26`, `1910/1945`, `PRESENT_REF`, ...).

        Write `expressions_in_year(doc_id, year)` returning the list of `(start, end)` spans of the
        expressions whose value begins with that year (an int, e.g. `2010`), in text order.
        Hidden tests score other documents by how much of the gold spans you cover (partial credit).
    """)
    S.answer("q5-answer", """
        def expressions_in_year(doc_id, year):
            ### BEGIN SOLUTION
            return [(t.start, t.end) for t in timexes[doc_id] if t.value[:4] == str(year)]
            ### END SOLUTION
    """)
    def in_year(d, y):
        return [(t.start, t.end) for t in gold.annotations.timexes[d] if t.value[:4] == str(y)]

    visible = {f"{d}|{y}": in_year(d, y) for d, y in (("koreaherald-2012-05-13", 2012), ("ahram-2011-01-10", 1945))}
    # the edge case: ahram's "1910-45" has the value 1910/1945, which contains 1945 but begins with 1910
    assert any(t.value == "1910/1945" for t in gold.annotations.timexes["ahram-2011-01-10"])
    vlengths = {d: len(gold[d].text) for d in ("koreaherald-2012-05-13", "ahram-2011-01-10")}
    S.test("q5-test", 1, f"""
        lengths = {vlengths!r}
        for key, want in {visible!r}.items():
            doc_id, year = key.split("|")
            got = spans(call("expressions_in_year", doc_id, B.int(year)), lengths[doc_id], f"expressions_in_year({{doc_id!r}}, {{year}})")
            if got != [B.tuple(w) for w in want]:
                return f"expressions_in_year({{doc_id!r}}, {{year}}): expect {{B.len(want)}} spans, in text order: the value must begin with the year."
        return None
    """, helpers=("spans",), title="Question 5", checks="two pages, and a range (1910/1945) that mentions the year without beginning with it")
    cases = {}
    for doc_id, year in (("koreaherald-2012-05", 2011), ("yonhap-2012-06-27", 2012), ("ahram-2011-01-10", 2010)):
        cases[f"{doc_id}|{year}"] = [(t.start, t.end) for t in gold.annotations.timexes[doc_id] if t.value[:4] == str(year)]
        assert cases[f"{doc_id}|{year}"], (doc_id, year)
    lengths = {d: len(gold[d].text) for d in ("koreaherald-2012-05", "yonhap-2012-06-27", "ahram-2011-01-10")}
    S.test("q5-hidden", 2, f"""
        cases = {cases!r}
        lengths = {lengths!r}
        total = 0.0
        for key, want in cases.items():
            doc_id, year = key.split("|")
            got = spans(call("expressions_in_year", doc_id, B.int(year)), lengths[doc_id], f"expressions_in_year({{doc_id!r}}, {{year}})")
            total += span_f1(got, [B.tuple(w) for w in want])
        frac = total / B.len(cases)
        return frac, None if frac == 1.0 else f"your spans overlap the gold spans with an average F1 of {{frac:.2f}}."
    """, helpers=("spans",), hidden=True, partial=True, title="Question 5")

    # ---- written -----------------------------------------------------------------
    S.written("w1", 4, """
        ## Question 6 (written): dating a page that prints no date

        `koreaherald-2012-05` ("South Korea, Japan to sign defense pacts") prints no date.
        Using **only evidence inside the article**, date it as precisely as you can. Quote the
        expressions you rely on, say what each one rules in or out, and explain why the day cannot
        be fixed. Keep what the page says apart from what you know from elsewhere.
        (150-250 words)
    """, rubric=[
        (1, "Uses 'since January last year' together with the quoted '(January 2011)' to place the article in 2012."),
        (1, "Uses the rocket 'that failed on April 13', reported as past, to place it after 13 April 2012."),
        (1, "Uses 'by the end of the month' / 'the target date for the signing at the end of May' to place it in May 2012."),
        (1, "Concludes month precision (2012-05), says no expression fixes the day, and separates page evidence from outside knowledge."),
    ], model_answer="""
        The page has no dateline or date, so the date has to come from the text. The official's
        quotation "Since then (January 2011)" refers back to "since January last year": January 2011
        is "last year", so the article was written in 2012. North Korea's "long-range rocket that
        failed on April 13" is reported in the past tense, so the article is later than 13 April 2012.
        The ministry pushes to sign "by the end of the month" and speaks of "the target date for
        the signing at the end of May": the current month is May, so the article is from May 2012.
        Nothing in the text names the day (there is no weekday or "today"), so the most precise
        date the page supports is the month, 2012-05. That a signing was planned in late May and
        what happened afterwards comes from outside the page and should not be used to date it.
    """)
