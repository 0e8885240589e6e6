"""Lesson 00 "Start here": the environment check and the try-it checks.

>>> from kjpacts.teaching.lessons.l00 import environment_check
>>> report = environment_check()          # doctest: +SKIP
>>> report.ok                             # doctest: +SKIP
True

``environment_check()`` never raises: every check that fails becomes a line of the
report that says what went wrong and what to do about it.
"""

from __future__ import annotations

import html
import platform
import sys
from dataclasses import dataclass, field
from typing import Any, Callable

import kjpacts
from kjpacts.corpus.load import Corpus
from kjpacts.corpus.model import Document
from kjpacts.corpus.validate import validate
from kjpacts.teaching.checks import Feedback, TryIt, describe, equal, number, one_of
from kjpacts.teaching.checks import shipped_corpus as _corpus

MIN_PYTHON = (3, 10)
ASK = "If this does not help, show this message to your instructor."


@dataclass(frozen=True)
class CheckResult:
    """One line of the environment report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""


@dataclass
class EnvironmentReport:
    """The results of :func:`environment_check`, shown as a table in the notebook."""

    results: list[CheckResult] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)

    @property
    def failed(self) -> list[CheckResult]:
        return [r for r in self.results if not r.ok]

    def headline(self) -> str:
        if self.ok:
            return f"All {len(self.results)} checks passed. Your kit is ready: carry on with the lesson."
        n = len(self.failed)
        return (f"{n} of {len(self.results)} checks did not pass. The lessons may not run until this is fixed; "
                f"read the 'what to do' column. {ASK}")

    def __repr__(self) -> str:
        lines = [self.headline(), ""]
        for r in self.results:
            lines.append(f"{'✔' if r.ok else '✘'} {r.name}: {r.detail}")
            if r.fix:
                lines.append(f"    what to do: {r.fix}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        esc = html.escape
        colour = "#009E73" if self.ok else "#D55E00"
        rows = "".join(
            f'<tr><td style="padding:2px 8px">{"✔" if r.ok else "✘"}</td>'
            f'<td style="padding:2px 8px;text-align:left"><b>{esc(r.name)}</b></td>'
            f'<td style="padding:2px 8px;text-align:left">{esc(r.detail)}</td>'
            f'<td style="padding:2px 8px;text-align:left">{esc(r.fix)}</td></tr>'
            for r in self.results)
        return (f'<div role="status" style="border-left:4px solid {colour};padding:4px 10px">'
                f'<p><b>{esc(self.headline())}</b></p>'
                f'<table style="border-collapse:collapse"><thead><tr><th></th>'
                f'<th style="text-align:left;padding:2px 8px">check</th>'
                f'<th style="text-align:left;padding:2px 8px">result</th>'
                f'<th style="text-align:left;padding:2px 8px">what to do</th></tr></thead>'
                f'<tbody>{rows}</tbody></table></div>')


def _run(name: str, probe: Callable[[], str], fix: str) -> CheckResult:
    """Run one probe; a probe returns a detail line or raises."""
    try:
        return CheckResult(name, True, probe())
    except Exception as exc:  # the report must never end in a traceback
        problems = getattr(exc, "problems", None)  # CorpusErrors: show the first problem itself
        text = str(problems[0]) + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "") \
            if problems else str(exc).strip()
        first = text.splitlines()[0] if text else ""
        return CheckResult(name, False, f"{type(exc).__name__}: {first}"[:300], fix)


def _python() -> str:
    if sys.version_info < MIN_PYTHON:
        raise RuntimeError(f"Python {platform.python_version()} is older than "
                           f"{'.'.join(map(str, MIN_PYTHON))}")
    return f"Python {platform.python_version()}"


def _kjpacts_version() -> str:

    return f"kjpacts {kjpacts.__version__}"


def _corpus_loads() -> str:

    corpus = kjpacts.load()
    return f"{len(corpus)} documents loaded from {corpus.root.name}/"


def _corpus_validates() -> str:

    root = kjpacts.load().root
    problems = validate(root)
    if problems:
        shown = "; ".join(str(p) for p in problems[:2])
        more = f" (and {len(problems) - 2} more)" if len(problems) > 2 else ""
        raise RuntimeError(f"{len(problems)} problem(s): {shown}{more}")
    return "checksums, schemas, offsets and the cleaning logs all agree"


def _sentences() -> str:
    import nltk


    got = nltk.sent_tokenize("Adm. Mike Mullen spoke on Dec. 9. He urged cooperation.")
    if len(got) != 2:
        raise RuntimeError(f"expected 2 sentences, got {len(got)}")
    return "nltk.sent_tokenize splits sentences (and knows 'Adm.' and 'Dec.')"


def _stopwords() -> str:
    from nltk.corpus import stopwords


    n = len(stopwords.words("english"))
    return f"nltk.corpus.stopwords has {n} English stop words"


def _vader() -> str:
    from nltk.sentiment.vader import SentimentIntensityAnalyzer


    score = SentimentIntensityAnalyzer().polarity_scores("brutal colonial rule")["compound"]
    return f"VADER sentiment works (\"brutal colonial rule\" scores {score:+.2f})"


def environment_check() -> EnvironmentReport:
    """Check Python, the kit, the corpus and offline NLTK; report each result with a fix."""
    reinstall = "In a terminal in the kit's folder, run `make install` (or `pip install -e .`), then restart the kernel."
    checks = [
        ("Python version", _python, "Install Python 3.10 or newer and reinstall the kit. " + ASK),
        ("kjpacts package", _kjpacts_version, reinstall),
        ("corpus loads", _corpus_loads, "The corpus files are damaged or missing: in a terminal run `kjpacts validate` "
                                        "to see which file; `kjpacts build` regenerates derived files."),
        ("corpus validates", _corpus_validates, "Run `kjpacts validate` in a terminal to list every problem; "
                                                "`kjpacts build` regenerates derived files."),
        ("NLTK sentences (offline)", _sentences, reinstall + " Never call nltk.download: the kit brings its own data."),
        ("NLTK stop words (offline)", _stopwords, reinstall),
        ("NLTK VADER sentiment (offline)", _vader, "VADER's word list comes from the vaderSentiment package: " + reinstall),
    ]
    report = EnvironmentReport()
    for name, probe, fix in checks:
        result = _run(name, probe, fix)
        if name == "corpus validates" and not report.results[-1].ok:
            result = CheckResult(name, False, "skipped: the corpus does not load",
                                 "Fix the 'corpus loads' problem first.")
        report.results.append(result)
    return report


# --------------------------------------------------------------------------- try-its

#: What the notebook has run before its try-its (the tests run the answer key after it).
SETUP = """
import kjpacts
corpus = kjpacts.load()
doc = corpus["wapo-2011-01-11"]
table = corpus.frame()
"""


def _check_count(answer: Any) -> Feedback:

    expected = len(_corpus())
    if isinstance(answer, Corpus):
        return Feedback(False, "That is the corpus itself. Put it inside len( ) to count its documents.")
    return number(answer, expected, "Not quite. len(...) counts the items of a collection: count the "
                                    "documents of corpus.",
                  praise=f"Yes: the corpus holds {expected} pages.")


def _check_headline(answer: Any) -> Feedback:

    doc = _corpus()["wapo-2011-01-11"]
    if isinstance(answer, Document):
        return Feedback(False, "That is the whole document. Add .headline after it, without brackets.")
    if not isinstance(answer, str):
        return Feedback(False, f"The headline is text (a string); you gave {describe(answer)}. "
                               "Ask the document for its .headline.")
    if answer == doc.outlet:
        return Feedback(False, "That is the outlet's name. Ask for .headline instead of .outlet.")
    if answer.strip().lower() == doc.headline.lower() and answer != doc.headline:
        return Feedback(False, "Nearly: the letters match but not exactly (capitals or spaces differ). "
                               "Let Python copy it: doc.headline.")
    return equal(answer, doc.headline, "Not the headline as printed. Let Python give it to you, from the "
                                       "document's .headline.",
                 praise="Yes. Copying values with code, not by hand, avoids typing mistakes.")


def _month_only() -> list[str]:
    return [d.doc_id for d in _corpus() if d.meta.get("published_precision") == "month"]


def _check_month_only(answer: Any) -> Feedback:
    (expected,) = _month_only()
    day_precise = [d.doc_id for d in _corpus() if d.meta.get("published_precision") == "day"]
    if isinstance(answer, (list, tuple)) and len(answer) == 1:
        return Feedback(False, "One id is enough: give it as text, without the square brackets.")
    if not isinstance(answer, str):
        return Feedback(False, f"Give the doc_id as text between quotes; you gave {describe(answer)}.")
    if answer.strip() in day_precise:
        return Feedback(False, f"{answer.strip()}'s date is known to the day (precision 'day'). "
                               "Look for 'month' in the published_precision column.")
    return one_of(answer, [expected], "Look at the published_precision column of the table above: "
                                      "which row says 'month'? Give its doc_id (the first column).",
                  praise="Yes: the page prints no date, so it can only be dated to the month from what it says. "
                         "Lesson 02 shows how.")


TRYITS = [
    TryIt(
        id="00.1",
        skill="call a function on the corpus (len)",
        prompt="How many documents are in the corpus? Use the function `len()` on `corpus`.",
        check=_check_count,
        answer="answer = len(corpus)",
        wrongs=(('answer = "5"', "it is text"), ("answer = corpus", "corpus itself"),
                ("answer = len(corpus) + 1", "len(...) counts")),
        explanation="`len()` counts the items of a collection; here, the five pages. "
                    "A number written in quotes (\"5\") is text, not a number, so it is not accepted.",
        open_code=False,
    ),
    TryIt(
        id="00.2",
        skill="read a document's attribute",
        prompt="What is the headline of the Washington Post page (`wapo-2011-01-11`)? "
               "Get it with code, from the document's `.headline`.",
        check=_check_headline,
        answer="answer = doc.headline",
        wrongs=(("answer = doc.outlet", "outlet's name"), ("answer = doc", "whole document"),
                ("answer = doc.headline.upper()", "letters match")),
        explanation="Square brackets pick one document by its id; the dot asks the document for one of "
                    "its attributes.",
    ),
    TryIt(
        id="00.3",
        skill="read a table",
        prompt="One page can only be dated to the month, not the day. Read the `published_precision` "
               "column of the table and give that page's `doc_id` as a string.",
        check=_check_month_only,
        answer='answer = "koreaherald-2012-05"',
        wrongs=(('answer = "koreaherald-2012-05-13"', "known to the day"),
                ('answer = ["koreaherald-2012-05"]', "without the square brackets")),
        explanation="koreaherald-2012-05 prints no date; what it says ('since January last year', "
                    "'April 13', 'by the end of the month') places it in May 2012 (lesson 02).",
    ),
]
