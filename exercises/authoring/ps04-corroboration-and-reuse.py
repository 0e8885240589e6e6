"""Problem set 4: corroboration and reuse (spec for `kjpacts grade build-sources`)."""

TITLE = "Problem set 4: Corroboration and reuse"

INTRO = """\
# Problem set 4: Corroboration and reuse

When three articles report the same figure, is it confirmed three times, or repeated three
times from one source? The claims layer (`corpus.annotations.claims`) links the places where
the five pages make the same claim; each claim has a `kind` (`"shared"`, `"conflict"`,
`"prediction"`, `"single"`), and each occurrence records who the page says makes it
(`attributed_to`). Question 4 asks you to judge whether each occurrence is independent
corroboration or an echo, so the layer's verdicts (each occurrence's `independent` and `reason`,
each claim's `status`) are left out of what this notebook gives you. `kjpacts.nlp.shared_ngrams` finds
identical wording across two pages.

**How this works**

- Work on your own copy (`kjpacts grade start ps04-corroboration-and-reuse`).
- Replace each `raise NotImplementedError()` with your code using the kit. **Hidden tests call
  your functions with other claims, documents and parameters.**
- Run the test cell under each answer: it prints `Passed: ...` or a `Hint: ...`.
- Before handing in: *Kernel > Restart Kernel and Run All Cells*.
"""


def build(S, gold):
    claims = {c.claim_id: c for c in gold.annotations.claims}
    S.md("intro", INTRO)
    # the grading kernel's corpus has these answers withheld too (not only hidden by the views below)
    S.withhold("claims", fields=("independent", "reason", "status"))
    S.code("setup", """
        import kjpacts
        from kjpacts.nlp import shared_ngrams

        from kjpacts.grading.views import without

        corpus = kjpacts.load()
        # Question 4 asks you to judge each occurrence: the layer's verdicts are not on the table
        claims = {c.claim_id: c for c in without(corpus.annotations.claims, "independent", "reason", "status",
                                                 why="Question 4 asks you to judge independence yourself")}
        sorted(claims)
    """)

    # ---- Q1 ------------------------------------------------------------------
    def claim_documents(cid):
        return sorted({o.doc_id for o in claims[cid].occurrences})

    S.md("q1-text", """
        ## Question 1: where a claim appears (2 points)

        Write `claim_documents(claim_id)` returning the sorted list of the distinct documents
        in which the claim occurs.
    """)
    S.answer("q1-answer", """
        def claim_documents(claim_id):
            ### BEGIN SOLUTION
            return sorted({o.doc_id for o in claims[claim_id].occurrences})
            ### END SOLUTION
    """)
    visible = {c: claim_documents(c) for c in ("gsomia-24-countries", "acsa-function")}
    acsa = [o.doc_id for o in claims["acsa-function"].occurrences]
    assert len(acsa) > len(set(acsa))  # the edge case: a claim made twice on one page
    S.test("q1-test", 1, f"""
        for claim_id, want in {visible!r}.items():
            got = str_list(call("claim_documents", claim_id), f"claim_documents({{claim_id!r}})")
            if got != want:
                return f"claim_documents({{claim_id!r}}) should be {{want}}: each document once, sorted."
        return None
    """, title="Question 1", checks="two claims, one made more than once on the same page")
    hidden_claims = ["japanese-colonial-rule-1910-1945", "kitazawa-kim-talks-jan-2011", "comfort-women-settled-1965"]
    cases = {c: claim_documents(c) for c in hidden_claims}
    S.test("q1-hidden", 1, f"""
        cases = {cases!r}
        for claim_id, want in cases.items():
            got = call("claim_documents", claim_id)
            if B.type(got) is not B.list or got != want:
                return f"claim_documents({{claim_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 1")

    # ---- Q2 ------------------------------------------------------------------
    def of_kind(kind):
        return sorted(c.claim_id for c in claims.values() if c.kind == kind)

    S.md("q2-text", """
        ## Question 2: claims by kind (2 points)

        Each claim has a `kind`: `"shared"` (several pages make it), `"conflict"` (the pages
        disagree), `"prediction"` (something said to be going to happen) or `"single"` (one page
        only). Write `claims_of_kind(kind)` returning the sorted list of the ids of the claims of
        that kind (an empty list for a kind no claim has).
    """)
    S.answer("q2-answer", """
        def claims_of_kind(kind):
            ### BEGIN SOLUTION
            return sorted(c.claim_id for c in claims.values() if c.kind == kind)
            ### END SOLUTION
    """)
    visible = {k: of_kind(k) for k in ("prediction", "single", "rumour")}
    assert visible["prediction"] and visible["single"] and not visible["rumour"]
    S.test("q2-test", 1, f"""
        for kind, want in {visible!r}.items():
            got = str_list(call("claims_of_kind", kind), f"claims_of_kind({{kind!r}})")
            if got != want:
                return f"claims_of_kind({{kind!r}}) should list {{B.len(want)}} claim ids, sorted."
        return None
    """, title="Question 2", checks="two kinds, and a kind that no claim has (an empty list)")
    cases = {k: of_kind(k) for k in ("conflict", "shared")}
    assert all(cases.values())
    S.test("q2-hidden", 1, f"""
        cases = {cases!r}
        for kind, want in cases.items():
            got = call("claims_of_kind", kind)
            if B.type(got) is not B.list or got != want:
                return f"claims_of_kind({{kind!r}}) is not right."
        return None
    """, hidden=True, title="Question 2")

    # ---- Q3 ------------------------------------------------------------------
    from kjpacts.nlp import shared_ngrams

    def reused(a, b, n):
        merged = []
        for s, e in sorted(sp for spans_a, _ in shared_ngrams(gold[a], gold[b], n).values() for sp in spans_a):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        return merged

    S.md("q3-text", """
        ## Question 3: identical wording (3 points)

        `shared_ngrams(doc_a, doc_b, n)` returns the word n-grams found in both documents, as a
        dict `ngram -> (spans_in_a, spans_in_b)`. Write `reused_spans(a, b, n)` returning the
        spans of document `a` covered by n-grams shared with `b`, **merged**: sort all spans of
        `a`, then join each span to the previous one when it starts before or where the previous
        one ends (`start <= previous_end`). Return a list of `(start, end)` tuples.
    """)
    S.answer("q3-answer", """
        def reused_spans(a, b, n):
            ### BEGIN SOLUTION
            merged = []
            for s, e in sorted(sp for spans_a, _ in shared_ngrams(corpus[a], corpus[b], n).values() for sp in spans_a):
                if merged and s <= merged[-1][1]:
                    merged[-1] = (merged[-1][0], max(merged[-1][1], e))
                else:
                    merged.append((s, e))
            return merged
            ### END SOLUTION
    """)
    visible = {f"{a}|{b}|{n}": reused(a, b, n) for a, b, n in (("koreaherald-2012-05", "koreaherald-2012-05-13", 4),
                                                               ("yonhap-2012-06-27", "wapo-2011-01-11", 3),
                                                               ("ahram-2011-01-10", "yonhap-2012-06-27", 12))}
    assert not visible["ahram-2011-01-10|yonhap-2012-06-27|12"], "the edge case shares nothing"
    raw = sorted(sp for spans_a, _ in shared_ngrams(gold["koreaherald-2012-05"], gold["koreaherald-2012-05-13"], 4).values()
                 for sp in spans_a)
    assert raw != visible["koreaherald-2012-05|koreaherald-2012-05-13|4"], "an unmerged answer must fail the visible test"
    lengths = {d: len(gold[d].text) for d in gold.fileids()}
    S.test("q3-test", 1, f"""
        cases = {visible!r}
        lengths = {lengths!r}
        for key, want in cases.items():
            a, b, n = key.split("|")
            got = spans(call("reused_spans", a, b, B.int(n)), lengths[a], f"reused_spans({{a!r}}, {{b!r}}, {{n}})")
            if B.any(s <= e0 for (s0, e0), (s, e) in B.zip(got, got[1:])):
                return f"reused_spans({{a!r}}, {{b!r}}, {{n}}): spans that overlap or touch must be merged into one."
            if got != [B.tuple(w) for w in want]:
                return f"reused_spans({{a!r}}, {{b!r}}, {{n}}): expect {{B.len(want)}} merged spans."
        return None
    """, helpers=("spans",), title="Question 3",
        checks="two pairs of pages and one pair that shares no 12-word passage (an empty list)")
    cases = {f"{a}|{b}|{n}": reused(a, b, n) for a, b, n in (("wapo-2011-01-11", "yonhap-2012-06-27", 4),
                                                             ("koreaherald-2012-05-13", "yonhap-2012-06-27", 3),
                                                             ("ahram-2011-01-10", "wapo-2011-01-11", 3))}
    assert all(cases.values())
    S.test("q3-hidden", 2, f"""
        cases = {cases!r}
        lengths = {lengths!r}
        total = 0.0
        unmerged = 0
        for key, want in cases.items():
            a, b, n = key.split("|")
            got = spans(call("reused_spans", a, b, B.int(n)), lengths[a], f"reused_spans({{a!r}}, {{b!r}}, {{n}})")
            if B.any(s <= e0 for (s0, e0), (s, e) in B.zip(got, got[1:])) or got != B.sorted(got):
                unmerged += 1  # the skill asked for is the merge: unmerged spans score nothing
                continue
            total += span_f1(got, [B.tuple(w) for w in want])
        frac = total / B.len(cases)
        if unmerged:
            return frac, f"{{unmerged}} of {{B.len(cases)}} answers were not merged (sorted, no overlapping or touching spans)."
        return frac, None if frac == 1.0 else f"average overlap F1 with the expected spans: {{frac:.2f}}."
    """, helpers=("spans",), hidden=True, partial=True, title="Question 3")

    # ---- Q4 ------------------------------------------------------------------
    picked = ["gsomia-24-countries", "jan-2011-shared-views-security", "history-hinders-cooperation",
              "kitazawa-kim-talks-jan-2011", "first-military-accord-since", "comfort-women-unresolved"]
    items, gold_labels = [], {}
    for cid in picked:
        assert claims[cid].occurrences[0].independent is None  # the list cell tags the first by position
        for o in claims[cid].occurrences:
            if o.independent is None:
                continue
            key = f"{cid}/{o.id}"
            items.append(key)
            gold_labels[key] = "independent" if o.independent else "echo"
    assert set(gold_labels.values()) == {"independent", "echo"} and len(items) >= 10
    S.md("q4-text", """
        ## Question 4: independent or echo? (4 points)

        The cell below prints, for six claims, every occurrence after the first with its document,
        the attribution as the page gives it and the text. For each, decide whether it is
        **independent** corroboration of the earlier occurrences (another source that could
        know) or an **echo** (the same source, or a page repeating what another already reported).

        Define `INDEPENDENCE`, a dict from each key printed (`"claim_id/occurrence_id"`) to
        `"independent"` or `"echo"`. Your labels are compared with the claims layer by Cohen's
        kappa: points = 3 x kappa (0 if negative), plus 1 point for a complete answer.
    """)
    S.code("q4-list", f"""
        PICKED = {picked!r}
        for cid in PICKED:
            c = claims[cid]
            print(f"== {{cid}}: {{c.statement}}")
            for k, o in enumerate(c.occurrences):
                tag = "first" if k == 0 else f"{{cid}}/{{o.id}}"
                print(f"   {{tag:<45}} {{o.doc_id:<24}} by: {{o.attributed_to}}\\n      {{o.text[:110]}}")
    """)
    S.answer("q4-answer", f"""
        ### BEGIN SOLUTION
        INDEPENDENCE = {gold_labels!r}
        ### END SOLUTION
    """)
    S.test("q4-test", 1, f"""
        labels(value("INDEPENDENCE"), {items!r}, ["independent", "echo"], "INDEPENDENCE")
        return None
    """, helpers=("kappa",), title="Question 4")
    S.test("q4-hidden", 3, f"""
        gold = {gold_labels!r}
        got = labels(value("INDEPENDENCE"), {items!r}, ["independent", "echo"], "INDEPENDENCE")
        k = kappa(got, gold)
        agree = B.sum(1 for i in gold if got[i] == gold[i])
        return B.max(0.0, k), f"you agree with the claims layer on {{agree}} of {{B.len(gold)}} occurrences (kappa {{k:.2f}})."
    """, helpers=("kappa",), hidden=True, partial=True, title="Question 4")

    # ---- Q5 ------------------------------------------------------------------
    def attributions(cid):
        return [(o.doc_id, o.attributed_to) for o in claims[cid].occurrences]

    S.md("q5-text", """
        ## Question 5: who is said to make the claim (2 points)

        Write `attributions(claim_id)` returning the list of `(doc_id, attributed_to)` tuples of
        the claim's occurrences, in the order of the claims layer.
    """)
    S.answer("q5-answer", """
        def attributions(claim_id):
            ### BEGIN SOLUTION
            return [(o.doc_id, o.attributed_to) for o in claims[claim_id].occurrences]
            ### END SOLUTION
    """)
    visible = {c: attributions(c) for c in ("gsomia-24-countries", "talks-since-jan-2011")}
    talks = visible["talks-since-jan-2011"]
    assert talks != sorted(talks) and len(set(talks)) < len(talks)  # the edge case: not sorted, one pair twice
    S.test("q5-test", 1, f"""
        for claim_id, want in {visible!r}.items():
            got = call("attributions", claim_id)
            if B.type(got) is not B.list or not B.all(B.type(x) is B.tuple and [B.type(v) for v in x] == [B.str, B.str] for x in got):
                return "return a list of (doc_id, attributed_to) tuples of strings."
            if got != [B.tuple(w) for w in want]:
                return f"attributions({{claim_id!r}}): expect {{B.len(want)}} tuples, one per occurrence, in the layer's order."
        return None
    """, title="Question 5", checks="two claims, one whose occurrences are not in sorted order and repeat a pair")
    cases = {c: attributions(c) for c in ("jan-2011-talks-outcome", "gsomia-access-japan-intel")}
    S.test("q5-hidden", 1, f"""
        cases = {cases!r}
        for claim_id, want in cases.items():
            got = call("attributions", claim_id)
            if B.type(got) is not B.list or got != [B.tuple(w) for w in want]:
                return f"attributions({{claim_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 5")

    # ---- written -----------------------------------------------------------------
    S.written("w1", 4, """
        ## Question 6 (written): three reports, one source?

        The figure "24 countries" appears in `koreaherald-2012-05`, `koreaherald-2012-05-13` and
        `yonhap-2012-06-27`. Trace it: who does each page say it comes from? Does its appearance in
        three articles corroborate it? What would count as independent confirmation, and where
        could a reader look for it? (150-250 words)
    """, rubric=[
        (1, "Traces each occurrence: the defence ministry (Korea Herald, May 2012), an anonymous senior Seoul official (Korea Herald, 13 May 2012), unattributed in Yonhap's closing paragraph."),
        (1, "Concludes that all three lead back to South Korean government sources, so the repetition is an echo, not corroboration."),
        (1, "Notes that an unattributed figure in the reporter's voice hides its source, and that the Yonhap sentence lists examples the others do not."),
        (1, "Names a plausible independent check (an official list of agreements, a treaty database, another government's record) and says it is outside the corpus."),
    ], model_answer="""
        In the Korea Herald's May 2012 report the ministry itself says "The ministry has signed the
        agreement with 24 countries". On 13 May a "senior Seoul official", unnamed, says "Seoul has
        such pacts with 24 countries". Yonhap ends with "South Korea currently has similar military
        deals with 24 countries, including the U.S., Canada, Britain, Australia and Russia", in its
        own voice with no source. All three lead back to the South Korean government, the party
        arguing for the pact; the third hides that by dropping the attribution. Three appearances
        are therefore one claim echoed, not confirmed three times. Independent confirmation would
        come from a source with its own knowledge: a published list of South Korea's
        information-security agreements, records of the partner governments, or a treaty
        database. None of these is in the corpus, so here the figure stays a government claim.
    """)
