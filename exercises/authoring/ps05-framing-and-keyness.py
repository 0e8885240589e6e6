"""Problem set 5: framing and keyness (spec for `kjpacts grade build-sources`)."""

from collections import Counter

TITLE = "Problem set 5: Framing and keyness"

INTRO = """\
# Problem set 5: Framing and keyness

Word choice frames events: "brutal colonial rule" or "annexation", "Seoul demanded" or "the
South Korean government asked", "is expected to" with no one expecting. The framing layer
(`corpus.annotations.framing[doc_id]`) marks such words with a `category` (`evaluative`,
`hedge`, `agentless-passive`, `naming-choice`, `euphemism`, `scare-quote`, `intensifier`) and the
`voice` they are in (`reporter`, `headline`, `standfirst`, `quoted-speaker`). Keyness
(`kjpacts.nlp.keyness`) compares word frequencies of two sets of texts.

**How this works**

- Work on your own copy (`kjpacts grade start ps05-framing-and-keyness`).
- Replace each `raise NotImplementedError()` with your code using the kit. **Hidden tests call
  your functions on other documents and document sets.**
- Run the test cell under each answer: it prints `Passed: ...` or a `Hint: ...`.
- Before handing in: *Kernel > Restart Kernel and Run All Cells*.
"""


def build(S, gold):
    fr = gold.annotations.framing
    S.md("intro", INTRO)
    # the grading kernel's corpus has these answers withheld too (not only hidden by the views below)
    S.withhold("framing", docs=("wapo-2011-01-11",), fields=("category", "note"))
    S.code("setup", """
        from collections import Counter

        import kjpacts
        from kjpacts.nlp import corpus_words, keyness

        from kjpacts.grading.views import without

        corpus = kjpacts.load()
        framing = dict(corpus.annotations.framing)
        # Question 4 asks you to name the devices of the Washington Post page: its categories are not on the table
        framing["wapo-2011-01-11"] = without(framing["wapo-2011-01-11"], "category", "note",
                                             why="Question 4 asks you to name these devices yourself")
        framing["yonhap-2012-06-27"][:3]
    """)

    # ---- Q1 ------------------------------------------------------------------
    def counts(doc_id):
        return dict(Counter(f.category for f in fr[doc_id]))

    S.md("q1-text", """
        ## Question 1: framing devices by category (2 points)

        Write `framing_counts(doc_id)` returning a plain dict from framing `category` to the
        number of marked items in the document.
    """)
    S.answer("q1-answer", """
        def framing_counts(doc_id):
            ### BEGIN SOLUTION
            return dict(Counter(f.category for f in framing[doc_id]))
            ### END SOLUTION
    """)
    visible = {d: counts(d) for d in ("koreaherald-2012-05", "koreaherald-2012-05-13")}
    assert 1 in visible["koreaherald-2012-05-13"].values()  # the edge case: devices marked only once
    S.test("q1-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = plain_dict(call("framing_counts", doc_id), B.str, B.int, f"framing_counts({{doc_id!r}})")
            if got != want:
                return f"framing_counts({{doc_id!r}}) should be {{want}}: count framing[doc_id] by f.category."
        return None
    """, title="Question 1", checks="two pages, one with devices marked only once (a scare quote, a euphemism)")
    cases = {d: counts(d) for d in ("yonhap-2012-06-27", "ahram-2011-01-10")}
    S.test("q1-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("framing_counts", doc_id)
            if B.type(got) is not B.dict or got != want:
                return f"framing_counts({{doc_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 1")

    # ---- Q2 ------------------------------------------------------------------
    def reporter_evaluatives(doc_id):
        return [(f.start, f.end) for f in fr[doc_id] if f.category == "evaluative" and f.voice == "reporter"]

    S.md("q2-text", """
        ## Question 2: judgements in the reporter's own voice (3 points)

        Write `reporter_evaluatives(doc_id)` returning the `(start, end)` spans of the
        `evaluative` items in the `reporter` voice (not in a quotation, the headline or the
        standfirst), in text order.
    """)
    S.answer("q2-answer", """
        def reporter_evaluatives(doc_id):
            ### BEGIN SOLUTION
            return [(f.start, f.end) for f in framing[doc_id] if f.category == "evaluative" and f.voice == "reporter"]
            ### END SOLUTION
    """)
    vdocs = ("ahram-2011-01-10", "koreaherald-2012-05")
    visible = {d: reporter_evaluatives(d) for d in vdocs}
    # the edge case: an evaluative in ahram's standfirst (not the reporter's voice, and not a quotation)
    assert any(f.category == "evaluative" and f.voice == "standfirst" for f in fr["ahram-2011-01-10"])
    S.test("q2-test", 1, f"""
        lengths = {({d: len(gold[d].text) for d in vdocs})!r}
        for doc_id, want in {visible!r}.items():
            got = spans(call("reporter_evaluatives", doc_id), lengths[doc_id], f"reporter_evaluatives({{doc_id!r}})")
            if got != [B.tuple(w) for w in want]:
                return f"reporter_evaluatives({{doc_id!r}}): expect {{B.len(want)}} spans; keep category 'evaluative' and voice 'reporter' only."
        return None
    """, helpers=("spans",), title="Question 2", checks="two pages, one with an evaluative in the standfirst (not the reporter's voice)")
    docs = ("yonhap-2012-06-27", "koreaherald-2012-05-13")
    cases = {d: reporter_evaluatives(d) for d in docs}
    assert all(cases.values())
    lengths = {d: len(gold[d].text) for d in docs}
    S.test("q2-hidden", 2, f"""
        cases = {cases!r}
        lengths = {lengths!r}
        total = 0.0
        for doc_id, want in cases.items():
            got = spans(call("reporter_evaluatives", doc_id), lengths[doc_id], f"reporter_evaluatives({{doc_id!r}})")
            total += span_f1(got, [B.tuple(w) for w in want])
        frac = total / B.len(cases)
        return frac, None if frac == 1.0 else f"average overlap F1 with the framing layer: {{frac:.2f}}."
    """, helpers=("spans",), hidden=True, partial=True, title="Question 2")

    # ---- Q3 ------------------------------------------------------------------
    from kjpacts.nlp import corpus_words, keyness

    def keywords(target, reference, k):
        return [kw.word for kw in keyness(corpus_words(gold, target), corpus_words(gold, reference)) if kw.overused][:k]

    ids = sorted(gold.fileids())
    S.md("q3-text", """
        ## Question 3: keywords of one set of pages against another (3 points)

        `corpus_words(corpus, doc_ids)` gives the lower-cased word tokens of several documents;
        `keyness(target_words, reference_words)` returns `Keyword` records, strongest first, with
        `.word`, `.g2` (log-likelihood) and `.overused` (more frequent in the target than
        expected).

        Write `keywords(target_ids, reference_ids, k)` returning the first `k` words that are
        **overused** in the target, in keyness order.
    """)
    S.answer("q3-answer", """
        def keywords(target_ids, reference_ids, k):
            ### BEGIN SOLUTION
            rows = keyness(corpus_words(corpus, target_ids), corpus_words(corpus, reference_ids))
            return [kw.word for kw in rows if kw.overused][:k]
            ### END SOLUTION
    """)
    # wapo-2011-01-11's second-strongest keyword is underused: an answer without the filter fails
    visible = [([d], [x for x in ids if x != d], k) for d, k in (("yonhap-2012-06-27", 5), ("wapo-2011-01-11", 4))]
    rows = keyness(corpus_words(gold, ["wapo-2011-01-11"]), corpus_words(gold, visible[1][1]))
    assert not all(kw.overused for kw in rows[:4])
    vcases = [(t, r, k, keywords(t, r, k)) for t, r, k in visible]
    S.test("q3-test", 1, f"""
        cases = {vcases!r}
        for target, reference, k, want in cases:
            got = call("keywords", B.list(target), B.list(reference), k)
            if B.type(got) is not B.list or not B.all(B.type(w) is B.str for w in got):
                return "return a list of words (str)."
            if got != want:
                return f"{{target[0]}} against the other pages: the first keyword is {{want[0]!r}}; keep only kw.overused, in keyness order."
        return None
    """, title="Question 3", checks="two pages, one whose strong keywords include underused words (the filter)")
    splits = [(["koreaherald-2012-05", "koreaherald-2012-05-13"], [d for d in ids if not d.startswith("koreaherald")], 8),
              (["ahram-2011-01-10", "wapo-2011-01-11"], ["koreaherald-2012-05", "koreaherald-2012-05-13", "yonhap-2012-06-27"], 6)]
    cases = [(t, r, k, keywords(t, r, k)) for t, r, k in splits]
    S.test("q3-hidden", 2, f"""
        cases = {cases!r}
        right = 0
        for target, reference, k, want in cases:
            got = call("keywords", B.list(target), B.list(reference), k)
            if B.type(got) is B.list and B.all(B.type(w) is B.str for w in got) and got == want:
                right += 1
        msg = None if right == B.len(cases) else f"{{right}} of {{B.len(cases)}} keyword lists right."
        return right / B.len(cases), msg
    """, hidden=True, partial=True, title="Question 3")

    # ---- Q4 ------------------------------------------------------------------
    from kjpacts.annotations import FRAMING_CATEGORIES

    chosen, seen = [], Counter()
    wapo = fr["wapo-2011-01-11"]  # the page whose categories the notebook leaves out
    for f in wapo:
        # up to three items per category, skipping spans nested in another item
        nested = any(g is not f and g.start <= f.start and f.end <= g.end for g in wapo)
        if seen[f.category] < 3 and not nested:
            seen[f.category] += 1
            chosen.append(f)
    items = [f"{f.doc_id}/{f.id}" for f in chosen]
    gold_cats = {f"{f.doc_id}/{f.id}": f.category for f in chosen}
    assert len(set(gold_cats.values())) >= 5 and len(items) >= 12, gold_cats
    S.md("q4-text", f"""
        ## Question 4: name the device (4 points)

        The cell below prints marked words of the Washington Post page with some context. For each, decide which framing
        device it is: {", ".join(f"`{c}`" for c in FRAMING_CATEGORIES)}.

        Define `DEVICES`, a dict from each key printed (`"doc_id/id"`) to your category. Your
        labels are compared with the framing layer by Cohen's kappa: points = 3 x kappa (0 if
        negative), plus 1 point for a complete answer.
    """)
    S.code("q4-list", f"""
        ITEMS = {items!r}
        for key in ITEMS:
            doc_id, fid = key.split("/")
            f = next(x for x in framing[doc_id] if x.id == fid)
            text = corpus[doc_id].text
            print(f"{{key:<30}} ...{{text[max(0, f.start - 40):f.start]}}[{{f.text}}]{{text[f.end:f.end + 30]}}...".replace("\\n", " "))
    """)
    S.answer("q4-answer", f"""
        ### BEGIN SOLUTION
        DEVICES = {gold_cats!r}
        ### END SOLUTION
    """)
    S.test("q4-test", 1, f"""
        labels(value("DEVICES"), {items!r}, {list(FRAMING_CATEGORIES)!r}, "DEVICES")
        return None
    """, helpers=("kappa",), title="Question 4")
    S.test("q4-hidden", 3, f"""
        gold = {gold_cats!r}
        got = labels(value("DEVICES"), {items!r}, {list(FRAMING_CATEGORIES)!r}, "DEVICES")
        k = kappa(got, gold)
        agree = B.sum(1 for i in gold if got[i] == gold[i])
        return B.max(0.0, k), f"you agree with the framing layer on {{agree}} of {{B.len(gold)}} items (kappa {{k:.2f}})."
    """, helpers=("kappa",), hidden=True, partial=True, title="Question 4")

    # ---- Q5 ------------------------------------------------------------------
    def quoted(doc_id):
        return [(f.text, f.quote_id) for f in fr[doc_id] if f.voice == "quoted-speaker"]

    S.md("q5-text", """
        ## Question 5: framing that belongs to a speaker (2 points)

        Framing inside a quotation is the speaker's, not the reporter's. Write
        `quoted_framing(doc_id)` returning the list of `(text, quote_id)` tuples of the items in
        the `quoted-speaker` voice, in text order. (`corpus.annotations.quote(doc_id, quote_id)`
        gives you the quote, if you want to see who said it.)
    """)
    S.answer("q5-answer", """
        def quoted_framing(doc_id):
            ### BEGIN SOLUTION
            return [(f.text, f.quote_id) for f in framing[doc_id] if f.voice == "quoted-speaker"]
            ### END SOLUTION
    """)
    visible = {d: quoted(d) for d in ("wapo-2011-01-11", "ahram-2011-01-10")}
    assert any(f.voice == "standfirst" for f in fr["ahram-2011-01-10"])  # the edge case: a voice neither reporter nor quoted
    S.test("q5-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = call("quoted_framing", doc_id)
            if B.type(got) is not B.list or not B.all(B.type(x) is B.tuple and [B.type(v) for v in x] == [B.str, B.str] for x in got):
                return "return a list of (text, quote_id) tuples of strings."
            if got != [B.tuple(w) for w in want]:
                return f"quoted_framing({{doc_id!r}}): expect {{B.len(want)}} items, those whose voice is 'quoted-speaker', in order."
        return None
    """, title="Question 5", checks="two pages, one with framing in the standfirst (not a quotation)")
    cases = {d: quoted(d) for d in ("yonhap-2012-06-27", "koreaherald-2012-05", "koreaherald-2012-05-13")}
    S.test("q5-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("quoted_framing", doc_id)
            if B.type(got) is not B.list or got != [B.tuple(w) for w in want]:
                return f"quoted_framing({{doc_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 5")

    # ---- written -----------------------------------------------------------------
    S.written("w1", 4, """
        ## Question 6 (written): naming the colonial past

        Compare how `ahram-2011-01-10` (AFP copy), `wapo-2011-01-11` and `yonhap-2012-06-27`
        refer to Japan's rule over Korea (look for "colonial rule", "occupation", "annexation",
        "ruled ... as a colony" and the adjectives with them). In whose voice is each phrase? What
        does each choice emphasise, and what should a reader make of an evaluative adjective in a
        wire report's own voice? (150-250 words)
    """, rubric=[
        (1, "Quotes the phrases accurately: AFP 'Tokyo's brutal colonial rule' and 'the 1910-45 annexation'; the Post 'the 35-year Japanese occupation of Korea' and 'the brutal colonial rule'; Yonhap 'Tokyo's brutal occupation of Korea' and 'ruled the Korean Peninsula as a colony'."),
        (1, "Identifies the voice: these are in the reporter's voice, not in quotations (the framing layer agrees)."),
        (1, "Explains the difference between the terms (annexation: the legal act; occupation/colonial rule: the period and its character) and the effect of 'brutal' and of capitals standing for governments ('Tokyo's')."),
        (1, "Draws a source-critical conclusion: evaluative wording in the agency's own voice is the outlet's framing, to be weighed as such, even when widely shared."),
    ], model_answer="""
        The AFP copy on Ahram speaks of "Tokyo's brutal colonial rule over the Korean peninsula"
        and "the 1910-45 annexation"; the Washington Post of "the 35-year Japanese occupation of
        Korea" and, when Kan apologised, "the brutal colonial rule"; Yonhap of "Tokyo's brutal
        occupation of Korea in the early 20th century" and "Japan ruled the Korean Peninsula as a
        colony from 1910-45". All of these are in the reporters' own voice, not in quotations.
        "Annexation" names the legal act of 1910, "occupation" and "colonial rule" the period and
        its character; "brutal" adds a judgement, and "Tokyo's" makes today's government the
        agent of a past state's acts. The judgement may be widely shared, but it is the outlet's
        framing, written into what presents itself as a report; a reader should notice that the
        evaluation is not attributed to anyone and weigh it as the news organisation's view.
    """)
