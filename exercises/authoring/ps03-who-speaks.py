"""Problem set 3: who speaks (spec for `kjpacts grade build-sources`)."""

from collections import Counter

TITLE = "Problem set 3: Who speaks"

INTRO = """\
# Problem set 3: Who speaks

A news report is a chain of voices: the reporter, the people and institutions quoted, and the
sources who are only described ("a senior official"). The attribution layer
(`corpus.annotations.quotes[doc_id]`) records every quotation and reported statement with its
`content`, its `cue` ("said"), its `source` as printed, a normalised `speaker`, a `source_group`
shared by all quotes from one speaker, the `speaker_type`, whether the speaker is `named`, and
the speaker's `country`.

**How this works**

- Work on your own copy (`kjpacts grade start ps03-who-speaks`); it is never overwritten.
- Replace each `raise NotImplementedError()` with your code using the kit. **Hidden tests call
  your functions on other documents** when your notebook is graded.
- Span answers are lists of `(start, end)` tuples of clean-text offsets; the hidden tests give
  partial credit by how much of the gold spans you cover.
- Run the test cell under each answer: it prints `Passed: ...` or a `Hint: ...`.
- Before handing in: *Kernel > Restart Kernel and Run All Cells*.
"""


def anonymous_sources(gold, doc_id):
    return sorted({(q.source.start, q.source.end) for q in gold.annotations.quotes[doc_id]
                   if not q.named and q.source is not None})


def label_drift(gold, doc_id):
    groups = {}
    for q in gold.annotations.quotes[doc_id]:
        if q.source is None:
            continue
        seen = groups.setdefault(q.source_group, [])
        if q.source.text not in seen:
            seen.append(q.source.text)
    return {g: labels for g, labels in groups.items() if len(labels) >= 2}


def build(S, gold):
    S.md("intro", INTRO)
    # the grading kernel's corpus has these answers withheld too (not only hidden by the views below)
    S.withhold("quotes", docs=("wapo-2011-01-11",), fields=("speaker_type", "speaker", "speaker_entity", "source_group", "note"))
    S.code("setup", """
        from collections import Counter

        import kjpacts

        from kjpacts.grading.views import without

        corpus = kjpacts.load()
        quotes = dict(corpus.annotations.quotes)
        # Question 4 asks you to classify these speakers: their type (and the fields that name it) are not on the table
        quotes["wapo-2011-01-11"] = without(quotes["wapo-2011-01-11"], "speaker_type", "speaker", "speaker_entity",
                                            "source_group", "note",
                                            why="Question 4 asks you to classify these speakers yourself")
        q = quotes["yonhap-2012-06-27"][3]
        q.kind, q.source.text, q.speaker, q.named, q.content.text[:60]
    """)

    # ---- Q1 ------------------------------------------------------------------
    S.md("q1-text", """
        ## Question 1: anonymous attributions (4 points)

        Write `anonymous_sources(doc_id)` returning the `(start, end)` spans of the **source** of
        every quote whose speaker is not named (`q.named` is `False`), skipping quotes that print
        no source (`q.source is None`). Return each span once, sorted.

        Try it on `yonhap-2012-06-27` and look at what the spans say: who is this article's
        main source?
    """)
    S.answer("q1-answer", """
        def anonymous_sources(doc_id):
            ### BEGIN SOLUTION
            return sorted({(q.source.start, q.source.end) for q in quotes[doc_id] if not q.named and q.source is not None})
            ### END SOLUTION
    """)
    visible = {d: anonymous_sources(gold, d) for d in ("yonhap-2012-06-27", "ahram-2011-01-10")}
    vlengths = {d: len(gold[d].text) for d in visible}
    # the edge case: ahram-2011-01-10 has an unnamed quote that prints no source (q.source is None)
    assert any(not q.named and q.source is None for q in gold.annotations.quotes["ahram-2011-01-10"])
    S.test("q1-test", 1, f"""
        cases = {visible!r}
        lengths = {vlengths!r}
        for doc_id, want in cases.items():
            got = spans(call("anonymous_sources", doc_id), lengths[doc_id], f"anonymous_sources({{doc_id!r}})")
            if B.len(B.set(got)) != B.len(got):
                return "give each span once (a set removes repeats)."
            if got != [B.tuple(w) for w in want]:
                return f"expect {{B.len(want)}} spans for {{doc_id}}, sorted (and skip quotes whose source is None)."
        return None
    """, helpers=("spans",), title="Question 1",
        checks="two pages, one with an unnamed quote that prints no source (q.source is None)")
    docs = ("koreaherald-2012-05", "wapo-2011-01-11", "koreaherald-2012-05-13")
    cases = {d: anonymous_sources(gold, d) for d in docs}
    assert all(cases.values()), cases
    lengths = {d: len(gold[d].text) for d in docs}
    S.test("q1-hidden", 3, f"""
        cases = {cases!r}
        lengths = {lengths!r}
        total = 0.0
        for doc_id, want in cases.items():
            got = spans(call("anonymous_sources", doc_id), lengths[doc_id], f"anonymous_sources({{doc_id!r}})")
            total += span_f1(got, [B.tuple(w) for w in want])
        frac = total / B.len(cases)
        return frac, None if frac == 1.0 else f"average overlap F1 with the gold attribution layer: {{frac:.2f}}."
    """, helpers=("spans",), hidden=True, partial=True, title="Question 1")

    # ---- Q2 ------------------------------------------------------------------
    def type_counts(doc_id):
        return dict(Counter(q.speaker_type for q in gold.annotations.quotes[doc_id]))

    S.md("q2-text", """
        ## Question 2: what kinds of speakers (2 points)

        Write `speaker_type_counts(doc_id)` returning a plain dict from `speaker_type`
        (`"government-official"`, `"analyst"`, `"politician"`, ...) to the number of quotes.
    """)
    S.answer("q2-answer", """
        def speaker_type_counts(doc_id):
            ### BEGIN SOLUTION
            return dict(Counter(q.speaker_type for q in quotes[doc_id]))
            ### END SOLUTION
    """)
    S.test("q2-test", 1, f"""
        cases = {({d: type_counts(d) for d in ("koreaherald-2012-05", "ahram-2011-01-10")})!r}
        for doc_id, want in cases.items():
            got = call("speaker_type_counts", doc_id)
            if B.type(got) is not B.dict or not B.all(B.type(k) is B.str and B.type(v) is B.int for k, v in got.items()):
                return "return a plain dict of str -> int (dict(Counter(...)))."
            if got != want:
                return f"count the quotes of {{doc_id}} by q.speaker_type."
        return None
    """, title="Question 2", checks="two pages")
    cases = {d: type_counts(d) for d in ("yonhap-2012-06-27", "koreaherald-2012-05-13")}
    S.test("q2-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("speaker_type_counts", doc_id)
            if B.type(got) is not B.dict or got != want:
                return f"speaker_type_counts({{doc_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 2")

    # ---- Q3 ------------------------------------------------------------------
    S.md("q3-text", """
        ## Question 3: one source, many labels (3 points)

        A source's label can drift within an article ("a Seoul official", "the senior official
        at Seoul's foreign ministry", "the ministry official"...). Readers may take them for
        several people. `q.source_group` ties together the quotes of one speaker.

        Write `label_drift(doc_id)` returning a dict from `source_group` to the list of the
        **distinct** source texts (`q.source.text`, exactly as printed) in order of first
        appearance, skipping quotes without a source, and keeping only groups with at least two
        distinct labels.
    """)
    S.answer("q3-answer", """
        def label_drift(doc_id):
            ### BEGIN SOLUTION
            groups = {}
            for q in quotes[doc_id]:
                if q.source is None:
                    continue
                seen = groups.setdefault(q.source_group, [])
                if q.source.text not in seen:
                    seen.append(q.source.text)
            return {g: labels for g, labels in groups.items() if len(labels) >= 2}
            ### END SOLUTION
    """)
    visible = {d: label_drift(gold, d) for d in ("yonhap-2012-06-27", "koreaherald-2012-05-13")}
    assert visible["yonhap-2012-06-27"]
    # the edge case: koreaherald-2012-05-13 has quotes that print no source (q.source is None)
    assert any(q.source is None for q in gold.annotations.quotes["koreaherald-2012-05-13"])
    S.test("q3-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = plain_dict(call("label_drift", doc_id), B.str, B.list, f"label_drift({{doc_id!r}})")
            if B.sorted(got) != B.sorted(want):
                return f"label_drift({{doc_id!r}}): the groups with two or more labels are {{', '.join(B.sorted(want)) or 'none'}}."
            for g in want:
                if got[g] != want[g]:
                    return f"the labels of {{g!r}} should start {{want[g][:2]!r}}: distinct texts, in order of first appearance."
        return None
    """, title="Question 3", checks="two pages, one with quotes that print no source (skip them)")
    cases = {d: label_drift(gold, d) for d in ("koreaherald-2012-05", "ahram-2011-01-10")}
    S.test("q3-hidden", 2, f"""
        cases = {cases!r}
        right = 0
        for doc_id, want in cases.items():
            got = call("label_drift", doc_id)
            if B.type(got) is B.dict and B.all(B.type(v) is B.list for v in got.values()) and got == want:
                right += 1
        msg = None if right == B.len(cases) else f"{{right}} of {{B.len(cases)}} documents right."
        return right / B.len(cases), msg
    """, hidden=True, partial=True, title="Question 3")

    # ---- Q4 ------------------------------------------------------------------
    from kjpacts.annotations import SPEAKER_TYPES

    wq = gold.annotations.quotes["wapo-2011-01-11"]
    items = [q.id for q in wq]
    gold_types = {q.id: q.speaker_type for q in wq}
    assert len(set(gold_types.values())) >= 3
    S.md("q4-text", f"""
        ## Question 4: classify the speakers yourself (4 points)

        The cell below prints every quote of the Washington Post article with its source as
        printed (or `-` when the text names none) and the start of its content. **Read the
        article** and decide, for each quote, what kind of speaker it is:

        {", ".join(f"`{t}`" for t in SPEAKER_TYPES)}.

        (`foreign-government` is a government or head of government other than South Korea's;
        `military` a serving officer.) Define `WAPO_SPEAKER_TYPES`, a dict from quote id to your
        label. Your labels are compared with the attribution layer by Cohen's kappa:
        points = 3 x kappa (0 if negative), plus 1 point for a complete, well-formed answer.
    """)
    S.code("q4-list", """
        for q in quotes["wapo-2011-01-11"]:
            print(q.id, "|", q.source.text if q.source else "-", "|", q.content.text[:70])
    """)
    S.answer("q4-answer", f"""
        ### BEGIN SOLUTION
        WAPO_SPEAKER_TYPES = {gold_types!r}
        ### END SOLUTION
    """)
    S.test("q4-test", 1, f"""
        labels(value("WAPO_SPEAKER_TYPES"), {items!r}, {list(SPEAKER_TYPES)!r}, "WAPO_SPEAKER_TYPES")
        return None
    """, helpers=("kappa",), title="Question 4")
    S.test("q4-hidden", 3, f"""
        gold = {gold_types!r}
        got = labels(value("WAPO_SPEAKER_TYPES"), {items!r}, {list(SPEAKER_TYPES)!r}, "WAPO_SPEAKER_TYPES")
        k = kappa(got, gold)
        agree = B.sum(1 for i in gold if got[i] == gold[i])
        return B.max(0.0, k), f"you agree with the attribution layer on {{agree}} of {{B.len(gold)}} quotes (kappa {{k:.2f}})."
    """, helpers=("kappa",), hidden=True, partial=True, title="Question 4")

    # ---- Q5 ------------------------------------------------------------------
    def by_country(doc_ids):
        return dict(Counter(q.country or "none" for d in doc_ids for q in gold.annotations.quotes[d]))

    S.md("q5-text", """
        ## Question 5: whose country speaks (2 points)

        Write `quotes_by_country(doc_ids)` returning a dict from the speaker's `country`
        (ISO code such as `"KR"`, `"JP"`, `"US"`; use the string `"none"` when the layer has
        `None`) to the number of quotes, over all the documents in the list `doc_ids`.
    """)
    S.answer("q5-answer", """
        def quotes_by_country(doc_ids):
            ### BEGIN SOLUTION
            return dict(Counter(q.country or "none" for d in doc_ids for q in quotes[d]))
            ### END SOLUTION
    """)
    visible = [(g, by_country(g)) for g in (["yonhap-2012-06-27"], ["ahram-2011-01-10", "koreaherald-2012-05"])]
    assert all("none" in want for _, want in visible)  # the edge case: speakers without a country
    S.test("q5-test", 1, f"""
        for doc_ids, want in {visible!r}:
            got = plain_dict(call("quotes_by_country", B.list(doc_ids)), B.str, B.int, f"quotes_by_country({{doc_ids!r}})")
            if got != want:
                return f"quotes_by_country({{doc_ids!r}}) should be {{want}}: count the quotes of every page in the list by q.country, 'none' for None."
        return None
    """, title="Question 5", checks="one page and a list of two, both with speakers whose country is None")
    groups = [["wapo-2011-01-11", "koreaherald-2012-05-13"], sorted(gold.fileids())]
    cases = [(g, by_country(g)) for g in groups]
    S.test("q5-hidden", 1, f"""
        cases = {cases!r}
        for doc_ids, want in cases:
            got = call("quotes_by_country", B.list(doc_ids))
            if B.type(got) is not B.dict or got != want:
                return f"quotes_by_country({{doc_ids!r}}) is not right."
        return None
    """, hidden=True, title="Question 5")

    # ---- written -----------------------------------------------------------------
    S.written("w1", 4, """
        ## Question 6 (written): anonymity and missing voices

        Using your answers above (and the texts), write a short assessment (150-250 words):
        In `yonhap-2012-06-27`, who supplies most of the information, how is that source
        identified, and is a reason for the anonymity printed? Across the five pages, is any
        Japanese official or minister quoted directly, in their own words in quotation marks? What
        does the balance of voices mean for a reader judging the case for the pacts?
    """, rubric=[
        (1, "Identifies the anonymous Seoul official (foreign ministry) as Yonhap's main source, quoted repeatedly under drifting labels."),
        (1, "Notes what the text says about the anonymity ('on the condition of anonymity') and that no reason for it is given."),
        (1, "Answers the Japanese-voices question from the evidence: Japanese views are reported indirectly or in fragments (e.g. Kan's \"deep remorse\", the Japanese leader paraphrased), not as full direct quotes from officials."),
        (1, "Draws a reasoned consequence for the reader (one side's officials frame the pacts; claims cannot be checked against a named source)."),
    ], model_answer="""
        Yonhap's report rests on one unnamed official: "a Seoul official", then "the senior official
        at Seoul's foreign ministry", "the official", "the ministry official" and "he". The
        attribution layer shows these are one source group. The article says he spoke "on the
        condition of anonymity" but gives no reason why an official would need anonymity to
        explain government policy. Across the five pages, Japanese views are reported but hardly
        heard: Noda is paraphrased ("the Japanese leader said that..."), Kan appears only in the
        fragment "deep remorse", and Japan's position on the 1965 pact is summarised. No Japanese
        official is quoted at length in quotation marks. The case for the pacts is therefore made
        mostly by South Korean officials, several of them anonymous, and the reader cannot check
        their claims against a named, accountable source or against what Tokyo said.
    """)
