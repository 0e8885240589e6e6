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
    S.code("setup", """
        import datetime as dt
        import kjpacts

        corpus = kjpacts.load()
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
    S.test("q1-test", 1, """
        got = call("date_record", "wapo-2011-01-11")
        if B.type(got) is not B.tuple or B.len(got) != 3:
            return "return a tuple of three values: (published, precision, inferred)."
        if B.type(got[0]) is not B.str or B.type(got[1]) is not B.str or B.type(got[2]) is not B.bool:
            return "published and precision are strings, inferred is a bool (True or False)."
        if got != ("2011-01-11", "day", False):
            return "for wapo-2011-01-11 expect the printed date: read meta['published'], meta['published_precision'], meta['published_inferred']."
        return None
    """, title="Question 1")
    cases = {d: (gold[d].meta["published"], gold[d].meta["published_precision"], gold[d].meta["published_inferred"])
             for d in ("koreaherald-2012-05", "ahram-2011-01-10")}
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
    want_visible = [e.raw_text.strip() for e in gold["ahram-2011-01-10"].edits if e.category == "scrape-header"]
    S.test("q2-test", 1, """
        import kjpacts
        doc = kjpacts.load()["ahram-2011-01-10"]
        want = [e.raw_text.strip() for e in doc.edits if e.category == "scrape-header"]
        got = call("page_furniture", "ahram-2011-01-10", "scrape-header")
        if B.type(got) is not B.list or not B.all(B.type(x) is B.str for x in got):
            return "return a list of strings."
        if got != want:
            return f"for ahram-2011-01-10 / 'scrape-header' expect {B.len(want)} stripped texts in page order, starting with 'Last Update'."
        return None
    """, title="Question 2")
    assert want_visible and want_visible[0].startswith("Last Update"), want_visible
    cases = [("yonhap-2012-06-27", "navigation"), ("wapo-2011-01-11", "copyright-footer"),
             ("koreaherald-2012-05-13", "share-widget")]
    expected = {f"{d}|{c}": [e.raw_text.strip() for e in gold[d].edits if e.category == c] for d, c in cases}
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
    S.test("q3-test", 1, """
        got = call("resolve_weekday", "wapo-2011-01-11", "Monday")
        if B.type(got) is not B.str:
            return "return the date as a string like '2011-01-10'."
        if got != "2011-01-10":
            return "the Washington Post page is dated Tuesday 11 January 2011: which date is the Monday before it?"
        return None
    """, title="Question 3")
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

        Answer by reading (`print(corpus["wapo-2011-01-11"].text)`), not by looking them up in the
        time layer: this is the skill the layer was made with. Define `WAPO_DATES`, a dict
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

        The time layer (`corpus.annotations.timexes[doc_id]`) records every temporal
        expression with its clean-text span (`start`, `end`) and its normalised `value`
        (TIMEX3: `2010-11-23`, `2010-12`, `2012-W26`, `1910/1945`, `PRESENT_REF`, ...).

        Write `expressions_in_year(doc_id, year)` returning the list of `(start, end)` spans of the
        expressions whose value begins with that year (an int, e.g. `2010`), in text order.
        Hidden tests score other documents by how much of the gold spans you cover (partial credit).
    """)
    S.answer("q5-answer", """
        def expressions_in_year(doc_id, year):
            ### BEGIN SOLUTION
            return [(t.start, t.end) for t in corpus.annotations.timexes[doc_id] if t.value[:4] == str(year)]
            ### END SOLUTION
    """)
    S.test("q5-test", 1, """
        import kjpacts
        c = kjpacts.load()
        doc = c["wapo-2011-01-11"]
        want = [(t.start, t.end) for t in c.annotations.timexes[doc.doc_id] if t.value[:4] == "2010"]
        got = spans(call("expressions_in_year", "wapo-2011-01-11", 2010), B.len(doc.text), "expressions_in_year(...)")
        if got != want:
            texts = [doc.text[s:e] for s, e in want]
            return f"for wapo-2011-01-11 and 2010 expect {B.len(want)} spans, e.g. {texts[0]!r}; compare t.value[:4] with str(year)."
        return None
    """, helpers=("spans",), title="Question 5")
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
