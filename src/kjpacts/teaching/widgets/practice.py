"""Annotation practice: label spans or sentences, then compare with the gold layer item by
item, with Cohen's kappa (:func:`kjpacts.annotations.agreement.cohen_kappa`).

In a lesson::

    from kjpacts.teaching.widgets import AnnotationPractice
    AnnotationPractice.anonymous_sources()          # "Is this source named or anonymous?"
    AnnotationPractice.sentences_with("hedge", doc_id="yonhap-2012-06-27")
    AnnotationPractice(items, labels=("yes", "no"), question="...")   # any task of your own

Logic: :func:`agreement` (student labels, gold labels) -> :class:`Agreement`;
item builders :func:`anonymous_source_items`, :func:`framing_sentence_items`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Mapping, Sequence

from kjpacts.annotations.agreement import cohen_kappa
from kjpacts.annotations.vocabulary import FRAMING_CATEGORIES
from kjpacts.nlp import sentences
from kjpacts.teaching.widgets._common import (
    GREY,
    OKABE_ITO,
    KitWidget,
    button,
    dropdown,
    esc,
    html_pane,
    html_table,
    message,
    resolve_corpus,
    row,
    static_frame,
    tint,
)

if TYPE_CHECKING:
    from kjpacts.annotations.records import Annotations
    from kjpacts.corpus.load import Corpus


@dataclass(frozen=True)
class PracticeItem:
    """One thing to label. ``prompt_html`` shows it (already escaped HTML)."""

    item_id: str
    prompt_html: str
    gold: str
    explanation: str = ""


@dataclass
class Agreement:
    labelled: int
    agreed: int
    kappa: float | None  # None when undefined (nothing labelled, or one label used throughout)
    note: str
    rows: list[tuple[str, str, str, bool]] = field(default_factory=list)  # item, yours, gold, agree

    @property
    def observed(self) -> float:
        return self.agreed / self.labelled if self.labelled else 0.0


def agreement(student: Mapping[str, str], gold: Mapping[str, str]) -> Agreement:
    """Agreement on the items the student has labelled: observed agreement and Cohen's kappa.

    >>> a = agreement({"1": "yes", "2": "no", "3": "no"}, {"1": "yes", "2": "no", "3": "yes", "4": "no"})
    >>> a.labelled, a.agreed, round(a.kappa, 2)
    (3, 2, 0.4)
    """
    items = [i for i in gold if student.get(i) is not None]
    rows = [(i, student[i], gold[i], student[i] == gold[i]) for i in items]
    agreed = sum(r[3] for r in rows)
    if not items:
        return Agreement(0, 0, None, "Label some items to see your agreement with the gold annotation.", rows)
    kappa = cohen_kappa([(student[i], gold[i]) for i in items])
    note = "" if kappa.value is not None else f"Cohen's kappa is undefined so far: {kappa.reason}. Label more items."
    return Agreement(len(items), agreed, kappa.value, note, rows)


def kappa_words(k: float | None) -> str:
    """Landis & Koch's (1977) rough reading of kappa."""
    if k is None:
        return "undefined"
    for limit, words in ((0, "less than chance"), (0.2, "slight"), (0.4, "fair"), (0.6, "moderate"),
                         (0.8, "substantial")):
        if k <= limit:
            return words
    return "almost perfect"


def render_agreement(a: Agreement, total: int) -> str:
    if not a.labelled:
        return message(a.note)
    k = "undefined" if a.kappa is None else f"{a.kappa:.2f} ({kappa_words(a.kappa)})"
    head = message(f"You have labelled {a.labelled} of {total}. You agree with the gold annotation on "
                   f"{a.agreed} ({a.observed:.0%}). Cohen's kappa = {k}.", "ok" if a.kappa and a.kappa > 0.6 else "info")
    if a.note:
        head += message(a.note)
    mark = {True: "✓ agree", False: "✗ differ"}
    rows = [(i, yours, gold, mark[ok]) for i, yours, gold, ok in a.rows]
    return head + html_table(["item", "your label", "gold label", ""], rows, caption="Item by item")


def _context(text: str, start: int, end: int, width: int = 110) -> str:
    a, b = max(0, text.rfind("\n", 0, start) + 1, start - width), min(len(text), end + width)
    if a > 0 and text[a - 1] not in " \n":  # start at a word
        space = text.find(" ", a, start)
        a = space + 1 if space != -1 else a
    if b < len(text) and text[b] not in " \n":
        space = text.rfind(" ", end, b)
        b = space if space != -1 else b
    nl = text.find("\n", end)
    if nl != -1:
        b = min(b, nl)
    style = f"background:{tint(OKABE_ITO['orange'], 0.3)};border-bottom:3px double {OKABE_ITO['orange']};font-weight:bold"
    return (("…" if a > 0 and text[a - 1] != "\n" else "") + esc(text[a:start]) +
            f'<mark style="{style}">{esc(text[start:end])}</mark>' + esc(text[end:b]) + ("…" if b < len(text) and text[b] != "\n" else ""))


def anonymous_source_items(corpus: "Corpus", ann: "Annotations", doc_ids: Sequence[str] | None = None) -> list[PracticeItem]:
    """One item per quote with a printed source: is the source named or anonymous?"""
    items = []
    for doc in corpus:
        if doc_ids and doc.doc_id not in doc_ids:
            continue
        for q in ann.quotes.get(doc.doc_id, []):
            if q.source is None:
                continue
            why = f"Annotated speaker: {q.speaker} ({q.speaker_type})."
            if q.anonymity_reason:
                why += f" Reason given for anonymity: {q.anonymity_reason!r}."
            elif not q.named:
                why += " No reason for anonymity is given."
            if q.note:
                why += f" Note: {q.note}"
            prompt = (f'<div style="color:{GREY};font-size:85%">{esc(doc.doc_id)}, quote {esc(q.id)}</div>'
                      f'<p style="line-height:1.9">{_context(doc.text, q.source.start, q.source.end)}</p>')
            items.append(PracticeItem(f"{doc.doc_id}:{q.id}", prompt, "named" if q.named else "anonymous", why))
    return items


def framing_sentence_items(corpus: "Corpus", ann: "Annotations", category: str = "hedge",
                           doc_id: str | None = None, kinds: Sequence[str] = ("paragraph",)) -> list[PracticeItem]:
    """One item per body sentence: does it contain ``category`` framing (e.g. a hedge)? yes/no."""

    items = []
    for doc in corpus:
        if doc_id and doc.doc_id != doc_id:
            continue
        recs = [f for f in ann.framing.get(doc.doc_id, []) if f.category == category]
        for n, s in enumerate(x for x in sentences(doc) if x.segment in kinds):
            inside = [f for f in recs if s.start <= f.start and f.end <= s.end]
            why = ("Gold: " + "; ".join(f"{f.text!r} ({f.note})" if f.note else repr(f.text) for f in inside)
                   if inside else f"Gold: no {category} is annotated in this sentence.")
            prompt = (f'<div style="color:{GREY};font-size:85%">{esc(doc.doc_id)}, sentence at {s.start}</div>'
                      f'<p style="line-height:1.9">{esc(s.text)}</p>')
            items.append(PracticeItem(f"{doc.doc_id}:{s.start}", prompt, "yes" if inside else "no", why))
    return items


class AnnotationPractice(KitWidget):
    """Label items one by one and see agreement with the gold annotation.

    Controls: ``item`` (Dropdown), ``label`` (ToggleButtons), ``previous``/``next``
    (Buttons). ``show_gold``: 'item' shows the gold label after each answer;
    'end' hides it until every item is labelled.
    """

    title = "Annotation practice"

    def __init__(self, items: Sequence[PracticeItem], labels: Sequence[str], question: str,
                 show_gold: str = "item", guideline: str = ""):
        import ipywidgets as w

        if not items:
            raise ValueError("no items to label (is the annotation layer present?)")
        if show_gold not in ("item", "end"):
            raise ValueError("show_gold must be 'item' or 'end'")
        unknown = {it.gold for it in items} - set(labels)
        if unknown:
            raise ValueError(f"gold labels {sorted(unknown)} are not among the labels {list(labels)}")
        self.items, self.labels, self.question = list(items), list(labels), question
        self.show_gold, self.guideline = show_gold, guideline
        self.gold = {it.item_id: it.gold for it in self.items}
        self.answers: dict[str, str] = {}
        self.item = dropdown("Item", self._item_options(), 0, "22em")
        # toggle buttons, not radio buttons: each is a button reached with Tab and pressed with
        # Space or Enter (arrow keys between radio buttons are taken by JupyterLab)
        self.label = w.ToggleButtons(options=self.labels, value=None, description="Your label",
                                     style={"description_width": "initial", "button_width": "auto"})
        self.previous = button("Previous", "Previous item")
        self.next = button("Next", "Next item")
        self.prompt, self.feedback, self.scores = html_pane(), html_pane(), html_pane()
        head = f'<div style="font-weight:bold">{esc(question)}</div>'
        if guideline:
            head += f'<div style="color:{GREY};font-size:90%">{esc(guideline)}</div>'
        super().__init__([w.HTML(head), row([self.item, self.previous, self.next]), self.prompt,
                          self.label, self.feedback, self.scores])
        self.item.observe(self._on_item, "value")
        self.label.observe(self._on_label, "value")
        self.previous.on_click(lambda _: self.go(-1))
        self.next.on_click(lambda _: self.go(+1))
        self._muted = False
        self._show_item()

    # factories for the corpus tasks
    @classmethod
    def anonymous_sources(cls, corpus: "Corpus | None" = None, annotations: "Annotations | None" = None,
                          doc_ids: Sequence[str] | None = None, **kw) -> "AnnotationPractice":
        """Is the highlighted source named or anonymous? (gold: the quotes layer's ``named``)."""
        corpus = resolve_corpus(corpus)
        ann = annotations if annotations is not None else corpus.annotations
        return cls(anonymous_source_items(corpus, ann, doc_ids), ("named", "anonymous"),
                   "Is the highlighted source named or anonymous?",
                   guideline="Named: a person's name or a named institution. Anonymous: 'officials', "
                             "'a senior official', 'analysts'...", **kw)

    @classmethod
    def sentences_with(cls, category: str = "hedge", corpus: "Corpus | None" = None,
                       annotations: "Annotations | None" = None, doc_id: str | None = "yonhap-2012-06-27",
                       **kw) -> "AnnotationPractice":
        """Does this sentence contain framing of ``category``? (gold: the framing layer)."""

        corpus = resolve_corpus(corpus)
        ann = annotations if annotations is not None else corpus.annotations
        if doc_id is not None and doc_id not in corpus.documents:
            doc_id = None
        return cls(framing_sentence_items(corpus, ann, category, doc_id), ("yes", "no"),
                   f"Does this sentence contain a {category}?",
                   guideline=f"{category}: {FRAMING_CATEGORIES.get(category, '')}", **kw)

    # state
    def _item_options(self) -> list[tuple[str, int]]:
        done = getattr(self, "answers", {})
        return [(f"{i + 1} of {len(self.items)}{' (labelled)' if it.item_id in done else ''}", i)
                for i, it in enumerate(self.items)]

    @property
    def current(self) -> PracticeItem:
        return self.items[self.item.value]

    def go(self, step: int) -> None:
        self.item.value = max(0, min(len(self.items) - 1, self.item.value + step))

    def result(self) -> Agreement:
        return agreement(self.answers, self.gold)

    def _feedback_html(self) -> str:
        it = self.current
        yours = self.answers.get(it.item_id)
        if yours is None:
            return f'<p style="color:{GREY}">Choose a label.</p>'
        if self.show_gold == "end" and len(self.answers) < len(self.items):
            return message(f"Your label: {yours}. The gold labels appear when every item is labelled.")
        if yours == it.gold:
            return message(f"Your label: {yours}. You agree with the gold label. {it.explanation}", "ok")
        return message(f"Your label: {yours}. The gold label is {it.gold!r}. {it.explanation}", "warning")

    def _show_item(self) -> None:
        it = self.current
        self.prompt.value = it.prompt_html
        self._muted = True
        try:
            self.label.value = self.answers.get(it.item_id)
        finally:
            self._muted = False
        self.previous.disabled = self.item.value == 0
        self.next.disabled = self.item.value == len(self.items) - 1
        self.feedback.value = self._feedback_html()
        self._show_scores()

    def _show_scores(self) -> None:
        if self.show_gold == "end" and len(self.answers) < len(self.items):
            self.scores.value = message(f"Labelled {len(self.answers)} of {len(self.items)}.")
        else:
            self.scores.value = render_agreement(self.result(), len(self.items))

    def _on_item(self, change) -> None:
        if not self._muted:
            self._show_item()

    def _on_label(self, change) -> None:
        if self._muted or change["new"] is None:
            return
        self.answers[self.current.item_id] = change["new"]
        self.feedback.value = self._feedback_html()
        self._show_scores()
        self._muted = True
        try:
            current = self.item.value
            self.item.options = self._item_options()
            self.item.value = current
        finally:
            self._muted = False

    def summary(self) -> str:
        return f"Annotation practice: {self.question} ({len(self.items)} items)"

    def static_html(self) -> str:
        first = self.items[0]
        labels = " / ".join(f"○ {esc(label)}" for label in self.labels)
        body = (f'<div style="font-weight:bold">{esc(self.question)}</div>{first.prompt_html}<p>{labels}</p>')
        return static_frame(self.title, f"item 1 of {len(self.items)}; label the items and see your agreement, "
                            f"Cohen's kappa, with the gold annotation", body)
