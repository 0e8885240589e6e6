"""Problem set 2: cleaning and tokens (spec for `kjpacts grade build-sources`)."""

from collections import Counter

TITLE = "Problem set 2: Cleaning and tokens"

INTRO = """\
# Problem set 2: Cleaning and tokens

A scraped page is not yet a text. The kit keeps the raw page byte for byte, a clean text for
NLTK, and a log of every edit between them, so that any word you count can be traced back to
where it was printed. This problem set uses that log and the kit's tokenizers.

**How this works**

- Work on your own copy (`kjpacts grade start ps02-cleaning-and-tokens`); it is never overwritten.
- Replace each `raise NotImplementedError()` with your code, using the kit: `doc.edits`,
  `doc.to_raw()`, `kjpacts.nlp.sentences()`, `kjpacts.nlp.words()`, NLTK's stopword list.
  **Hidden tests call your functions on other documents** when your notebook is graded.
- Run the test cell under each answer: it prints `Passed: ...` or a `Hint: ...`.
- Written answers are marked by your instructor with the criteria shown.
- Before handing in: *Kernel > Restart Kernel and Run All Cells*.
"""


def build(S, gold):
    S.md("intro", INTRO)
    # the grading kernel's corpus has these answers withheld too (not only hidden by the views below)
    S.withhold("cleaning", docs=("ahram-2011-01-10",))
    S.code("setup", """
        from collections import Counter

        import nltk
        import kjpacts
        from kjpacts.nlp import is_word, sentences, words

        from kjpacts.grading.views import Documents, only

        # Question 5 asks which lines of the Ahram page the cleaning kept: of that page only the raw is given
        corpus = Documents(kjpacts.load(), {"ahram-2011-01-10": only(
            kjpacts.load()["ahram-2011-01-10"], "doc_id", "outlet", "raw",
            why="Question 5 asks you to decide what the cleaning of this page kept; read .raw")})
        STOPWORDS = set(nltk.corpus.stopwords.words("english"))  # the kit ships this list offline
        len(STOPWORDS)
    """)

    # ---- Q1 ------------------------------------------------------------------
    S.md("q1-text", """
        ## Question 1: what cleaning did to a page (2 points)

        Every change between the raw page and the clean text is an `Edit` in `doc.edits`, with a
        `category` such as `"nbsp"`, `"quote-normalised"`, `"navigation"` or `"blank-lines"`.

        Write `edit_summary(doc_id)` returning a dict from each category to the number of edits of
        that category in the document (a plain `dict`, not a `Counter`: use `dict(...)`).
    """)
    S.answer("q1-answer", """
        def edit_summary(doc_id):
            ### BEGIN SOLUTION
            return dict(Counter(e.category for e in corpus[doc_id].edits))
            ### END SOLUTION
    """)
    def summary(d):
        return dict(Counter(e.category for e in gold[d].edits))

    visible = {d: summary(d) for d in ("yonhap-2012-06-27", "wapo-2011-01-11")}
    assert visible["yonhap-2012-06-27"]["nbsp"] == 19 and set(visible["wapo-2011-01-11"].values()) == {1}
    S.test("q1-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = plain_dict(call("edit_summary", doc_id), B.str, B.int, f"edit_summary({{doc_id!r}})")
            if got != want:
                return f"edit_summary({{doc_id!r}}): count every edit of that page by its category ({{B.len(want)}} categories)."
        return None
    """, title="Question 1", checks="two pages, one with 19 non-breaking spaces and one with a single edit of each kind")
    cases = {d: summary(d) for d in ("koreaherald-2012-05", "koreaherald-2012-05-13")}
    S.test("q1-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("edit_summary", doc_id)
            if B.type(got) is not B.dict or not B.all(B.type(k) is B.str and B.type(v) is B.int for k, v in got.items()):
                return "edit_summary must return a dict of str -> int."
            if got != want:
                return f"edit_summary({{doc_id!r}}) does not match the cleaning log."
        return None
    """, hidden=True, title="Question 1")

    # ---- Q2 ------------------------------------------------------------------
    kh = gold["koreaherald-2012-05-13"]
    q_start = kh.text.index('"comfort women"')
    q_end = q_start + len('"comfort women"')
    S.md("q2-text", """
        ## Question 2: back to the page as printed (3 points)

        Offsets in the kit point into the clean text. `doc.to_raw(offset)` maps a clean offset to
        the raw page; for the end of a span use `doc.to_raw(end, side="end")`.

        Write `as_printed(doc_id, start, end)` returning the raw-page text of the clean span
        `start:end`, exactly as the page printed it (curly quotes, non-breaking spaces and all).
    """)
    S.answer("q2-answer", """
        def as_printed(doc_id, start, end):
            ### BEGIN SOLUTION
            doc = corpus[doc_id]
            return doc.raw[doc.to_raw(start):doc.to_raw(end, side="end")]
            ### END SOLUTION
    """)
    def printed(doc, s, e):
        return doc.raw[doc.to_raw(s):doc.to_raw(e, side="end")]

    y = gold["yonhap-2012-06-27"]
    n = y.text.index("foreign ministry said.\n\n")
    visible = {f"koreaherald-2012-05-13|{q_start}|{q_end}": printed(kh, q_start, q_end),
               f"yonhap-2012-06-27|{n}|{n + 40}": printed(y, n, n + 40)}
    # the edge case: the raw page is longer than the clean span (indenting non-breaking spaces removed)
    assert "\xa0" in visible[f"yonhap-2012-06-27|{n}|{n + 40}"] and len(visible[f"yonhap-2012-06-27|{n}|{n + 40}"]) > 40
    S.test("q2-test", 1, f"""
        for key, want in {visible!r}.items():
            doc_id, s, e = key.split("|")
            got = call("as_printed", doc_id, B.int(s), B.int(e))
            if B.type(got) is not B.str:
                return "return a string."
            if got != want:
                return f"as_printed({{doc_id!r}}, {{s}}, {{e}}) should be {{want!r}}: slice doc.raw from doc.to_raw(start) to doc.to_raw(end, side='end')."
        return None
    """, title="Question 2", checks="curly quotes on one page, and a span whose printed form is longer (non-breaking spaces) on another")
    cases = {}
    i = y.text.index("With the approval")
    w = gold["wapo-2011-01-11"]
    j = w.text.index('"recognize the importance"')
    a = gold["koreaherald-2012-05"]
    k = a.text.index('"Since then')
    # a later paragraph break of yonhap, indented with non-breaking spaces on the page
    b = next(p for p in range(1500, len(y.text)) if y.text.startswith("\n\n", p) and "\xa0" in printed(y, p - 10, p + 20))
    for doc, s, e in ((y, i, i + 40), (w, j, j + len('"recognize the importance"')), (a, k, k + 60), (y, b - 10, b + 20)):
        cases[f"{doc.doc_id}|{s}|{e}"] = printed(doc, s, e)
    S.test("q2-hidden", 2, f"""
        cases = {cases!r}
        right = 0
        for key, want in cases.items():
            doc_id, s, e = key.split("|")
            got = call("as_printed", doc_id, B.int(s), B.int(e))
            if B.type(got) is B.str and got == want:
                right += 1
        msg = None if right == B.len(cases) else f"{{right}} of {{B.len(cases)}} spans mapped back to the page exactly."
        return right / B.len(cases), msg
    """, hidden=True, partial=True, title="Question 2")

    # ---- Q3 ------------------------------------------------------------------
    import nltk

    from kjpacts.nlp import words

    stop = set(nltk.corpus.stopwords.words("english"))

    def content_words(doc_id, n):
        counts = Counter(w for w in words(gold[doc_id], lower=True) if w.isalpha() and w not in stop)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    S.md("q3-text", """
        ## Question 3: the most frequent content words (3 points)

        Write `content_words(doc_id, n)` returning the `n` most frequent content words of a
        document as a list of `(word, count)` tuples. Use `words(doc, lower=True)` (the kit's NLTK
        tokens), keep only alphabetic tokens (`str.isalpha()`) that are not in `STOPWORDS`, and sort
        by count (highest first), then alphabetically for equal counts.
    """)
    S.answer("q3-answer", """
        def content_words(doc_id, n):
            ### BEGIN SOLUTION
            counts = Counter(w for w in words(corpus[doc_id], lower=True) if w.isalpha() and w not in STOPWORDS)
            return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
            ### END SOLUTION
    """)
    visible = {f"{d}|{n}": content_words(d, n) for d, n in (("yonhap-2012-06-27", 5), ("koreaherald-2012-05-13", 5))}
    # the edge case: on koreaherald-2012-05-13 words of equal count meet at the cut (the tie order decides)
    kh_counts = Counter(w for w in words(kh, lower=True) if w.isalpha() and w not in stop)
    assert kh_counts.most_common(5) != visible["koreaherald-2012-05-13|5"]
    S.test("q3-test", 1, f"""
        for key, want in {visible!r}.items():
            doc_id, n = key.split("|")
            got = call("content_words", doc_id, B.int(n))
            if B.type(got) is not B.list or not B.all(B.type(x) is B.tuple and [B.type(v) for v in x] == [B.str, B.int] for x in got):
                return "return a list of (word, count) tuples."
            if got != [B.tuple(w) for w in want]:
                return f"content_words({{doc_id!r}}, {{n}}) should start {{B.tuple(want[0])}}; check lower-casing, isalpha(), STOPWORDS and the order of equal counts (alphabetical)."
        return None
    """, title="Question 3", checks="two pages, one where words of equal count meet at the cut (most_common's order is not enough)")
    cases = {f"{d}|{n}": content_words(d, n) for d, n in (("wapo-2011-01-11", 8), ("yonhap-2012-06-27", 10), ("koreaherald-2012-05", 6))}
    S.test("q3-hidden", 2, f"""
        cases = {cases!r}
        right = 0
        for key, want in cases.items():
            doc_id, n = key.split("|")
            got = call("content_words", doc_id, B.int(n))
            if B.type(got) is B.list and B.all(B.type(x) is B.tuple for x in got) and got == [B.tuple(w) for w in want]:
                right += 1
        msg = None if right == B.len(cases) else f"{{right}} of {{B.len(cases)}} word lists right."
        return right / B.len(cases), msg
    """, hidden=True, partial=True, title="Question 3")

    # ---- Q4 ------------------------------------------------------------------
    from kjpacts.nlp import sentences

    def sentence_counts(doc_id):
        return dict(Counter(s.segment for s in sentences(gold[doc_id])))

    S.md("q4-text", """
        ## Question 4: sentences by part of the page (2 points)

        `sentences(doc)` splits the headline, byline and date lines apart from the body before
        NLTK's Punkt runs (Punkt ignores line breaks), and records for each sentence the
        `segment` it belongs to (`"headline"`, `"paragraph"`, `"byline"`, ...).

        Write `sentence_counts(doc_id)` returning a dict from segment kind to number of sentences.
    """)
    S.answer("q4-answer", """
        def sentence_counts(doc_id):
            ### BEGIN SOLUTION
            return dict(Counter(s.segment for s in sentences(corpus[doc_id])))
            ### END SOLUTION
    """)
    visible = {d: sentence_counts(d) for d in ("wapo-2011-01-11", "yonhap-2012-06-27")}
    assert "byline" not in visible["yonhap-2012-06-27"]  # the edge case: a page without a byline
    S.test("q4-test", 1, f"""
        for doc_id, want in {visible!r}.items():
            got = plain_dict(call("sentence_counts", doc_id), B.str, B.int, f"sentence_counts({{doc_id!r}})")
            if got != want:
                return f"sentence_counts({{doc_id!r}}) should be {{want}}: count sentences(doc) by .segment (only the kinds the page has)."
        return None
    """, title="Question 4", checks="two pages, one without a byline (no kind with a count of 0)")
    cases = {d: sentence_counts(d) for d in ("koreaherald-2012-05", "koreaherald-2012-05-13")}
    S.test("q4-hidden", 1, f"""
        cases = {cases!r}
        for doc_id, want in cases.items():
            got = call("sentence_counts", doc_id)
            if B.type(got) is not B.dict or got != want:
                return f"sentence_counts({{doc_id!r}}) is not right."
        return None
    """, hidden=True, title="Question 4")

    # ---- Q5 ------------------------------------------------------------------
    ah = gold["ahram-2011-01-10"]
    lines = ["Last Update 13:32", "Tuesday, 02 March 2021", "S Korea and Japan explore deeper military ties",
             "AFP, Monday 10 Jan 2011", "Korea protest", "Views: 858", "Short link:", "\u00a9 2010 Ahram Online.",
             "The United States has staged military drills with both South Korea and Japan, in a show of strength around the peninsula."]
    removed = [e.raw_text for e in ah.boilerplate]
    labels = {}
    for ln in lines:
        assert ln in ah.raw, ln
        labels[ln] = "page" if any(ln in r for r in removed) else "article"
    assert set(labels.values()) == {"page", "article"}
    S.md("q5-text", """
        ## Question 5: article or page? (3 points)

        Here are lines of the raw Ahram Online page (`print(corpus["ahram-2011-01-10"].raw)` shows
        them in place). Decide for each whether it is part of the **article** (what AFP wrote and
        the republisher's headline and credit for it) or of the **page** around it (site furniture,
        dates the site printed, photo material kept apart from the text).

        Decide by reading and by what you know about news pages; then define `LINE_LABELS`, a dict
        from each line (exactly as given in `AHRAM_LINES`) to `"article"` or `"page"`. Your labels
        are compared with the kit's cleaning decisions using Cohen's kappa (chance-corrected
        agreement): points = 2 x kappa (0 if kappa is negative), plus 1 point for a complete,
        well-formed answer.
    """)
    S.code("q5-lines", f"""
        AHRAM_LINES = {lines!r}
        for line in AHRAM_LINES:
            print(line)
    """)
    S.answer("q5-answer", f"""
        ### BEGIN SOLUTION
        LINE_LABELS = {labels!r}
        ### END SOLUTION
    """)
    S.test("q5-test", 1, f"""
        items = {lines!r}
        labels(value("LINE_LABELS"), items, ["article", "page"], "LINE_LABELS")
        return None
    """, helpers=("kappa",), title="Question 5")
    S.test("q5-hidden", 2, f"""
        items = {lines!r}
        gold = {labels!r}
        got = labels(value("LINE_LABELS"), items, ["article", "page"], "LINE_LABELS")
        k = kappa(got, gold)
        agree = B.sum(1 for i in items if got[i] == gold[i])
        return B.max(0.0, k), f"you agree with the cleaning log on {{agree}} of {{B.len(items)}} lines (kappa {{k:.2f}})."
    """, helpers=("kappa",), hidden=True, partial=True, title="Question 5")

    # ---- written -----------------------------------------------------------------
    S.written("w1", 3, """
        ## Question 6 (written): what counts as boilerplate

        The kit removed the Ahram page's view counter ("Views: 858", printed twice) but kept
        the Korea Herald's bylines, which are printed *after* the article body. Explain both
        decisions. Then say concretely what would go wrong in a word-frequency or keyness
        comparison of the five pages if the view counters, "Back To Top" links and copyright lines
        had been left in. (100-200 words)
    """, rubric=[
        (1, "Furniture (counters, navigation, footers) is produced by the website, not the author, so it is not part of the article's text; the removal is logged and reversible."),
        (1, "A byline names who wrote the article: it is content and evidence of authorship, whatever its position on the page."),
        (1, "Gives a concrete distortion: e.g. 'views', '858', 'top', 'ahram' or '2010' would count as words of one outlet and surface as keywords of that outlet."),
    ], model_answer="""
        The view counter, the "Back To Top" link and the copyright footer are produced by the
        website; the author did not write them and they say nothing about the events. Removing them
        (with a log, so the raw page can be rebuilt) keeps the article's text apart from its
        container. A byline is different: it records who wrote the article, which is evidence for
        source criticism, so it is content even when the site prints it after the body. Left in,
        the furniture would be counted as words: "views" and "858" twice in Ahram, "back" and "top"
        in both Korea Herald pages, "2010" and "ahram" in the footer. In a keyness comparison
        these would come out as words typical of one outlet, telling us about page templates
        rather than about how each outlet reported the pacts.
    """)
