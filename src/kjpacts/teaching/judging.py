"""Judge first, then compare: the student labels items and gives a reason before seeing the gold layer.

A lesson builds its items from an annotation layer (the gold label and the annotators' note come
from the layer, never typed into the lesson) and the notebook runs three cells::

    items = l05.judge_items()
    show_items(items, question="Named or anonymous?", labels=("named", "anonymous"))   # no gold shown
    my_judgements = {"1": (..., "my reason"), "2": (..., "")}                      # the student's cell
    compare_judgements(my_judgements, items, labels=("named", "anonymous"))          # gold, kappa, reasons

:func:`compare_judgements` shows the gold only for the items the student has judged, with
Cohen's kappa (:func:`kjpacts.annotations.agreement.cohen_kappa`, the kit's one kappa) and every
disagreement listed with both reasons.

>>> items = [JudgeItem("1", "a Seoul official", "anonymous", "no name"),
...          JudgeItem("2", "Rep. Kim Eul-dong", "named", "a name")]
>>> r = compare_judgements({"1": ("anonymous", "no name given"), "2": ("anonymous", "")}, items)
>>> r.judged, r.agreed, r.missing_reasons
(2, 1, ['2'])
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

from kjpacts.annotations.agreement import cohen_kappa
from kjpacts.teaching.html import GREY, OKABE_ITO, message

esc = html.escape


@dataclass(frozen=True)
class JudgeItem:
    """One thing to judge. ``text`` is what the student reads, with the part to judge between
    ``[[`` and ``]]``; ``gold`` and ``reason`` are the annotation layer's label and note."""

    item_id: str
    text: str
    gold: str
    reason: str
    where: str = ""


def in_context(text: str, start: int, end: int, width: int = 90) -> str:
    """``text[start:end]`` marked ``[[...]]`` inside up to ``width`` characters either side, cut at
    word and line boundaries (for :class:`JudgeItem`)."""
    a = max(text.rfind("\n", 0, start) + 1, start - width)
    nl = text.find("\n", end)
    b = min(len(text), end + width, nl if nl != -1 else len(text))
    if a > 0 and text[a - 1] not in " \n" and text.find(" ", a, start) != -1:
        a = text.find(" ", a, start) + 1
    if b < len(text) and text[b] not in " \n" and text.rfind(" ", end, b) != -1:
        b = text.rfind(" ", end, b)
    left = "…" if a > 0 and text[a - 1] != "\n" else ""
    right = "…" if b < len(text) and text[b] != "\n" else ""
    return f"{left}{text[a:start]}[[{text[start:end]}]]{text[end:b]}{right}"


def _marked(text: str) -> str:
    out = esc(text)
    style = f"background:rgba(230,159,0,0.3);border-bottom:3px double {OKABE_ITO['orange']};font-weight:bold"
    return out.replace("[[", f'<mark style="{style}">').replace("]]", "</mark>")


@dataclass(frozen=True)
class ItemsView:
    """The items to judge, without their gold labels."""

    items: tuple[JudgeItem, ...]
    question: str
    labels: tuple[str, ...]

    def _repr_html_(self) -> str:
        rows = "".join(
            f'<tr><td style="padding:3px 8px;vertical-align:top"><b>{esc(it.item_id)}</b></td>'
            f'<td style="padding:3px 8px;text-align:left;line-height:1.7">{_marked(it.text)}'
            f'<div style="color:{GREY};font-size:85%">{esc(it.where)}</div></td></tr>' for it in self.items)
        return (f'<div><p><b>{esc(self.question)}</b> Labels: {", ".join(esc(x) for x in self.labels)}.</p>'
                f'<table style="border-collapse:collapse"><tbody>{rows}</tbody></table></div>')

    def __repr__(self) -> str:
        lines = [f"{self.question} Labels: {', '.join(self.labels)}."]
        lines += [f"{it.item_id}. {it.text}  ({it.where})" for it in self.items]
        return "\n".join(lines)


def show_items(items: Sequence[JudgeItem], question: str, labels: Sequence[str]) -> ItemsView:
    """The items as a numbered list, the part to judge highlighted; no gold label is shown."""
    return ItemsView(tuple(items), question, tuple(labels))


def blank(items: Sequence[JudgeItem]) -> dict[str, tuple[Any, str]]:
    """A judgement dict to fill in: every item's label is ``...`` and its reason empty."""
    return {it.item_id: (..., "") for it in items}


@dataclass
class Comparison:
    """The student's judgements against the gold layer (only for the items judged)."""

    total: int
    judged: int
    agreed: int
    kappa: float | None
    kappa_reason: str
    disagreements: list[tuple[JudgeItem, str, str]] = field(default_factory=list)  # item, label, reason
    agreements: list[tuple[JudgeItem, str, str]] = field(default_factory=list)
    missing_reasons: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def headline(self) -> str:
        if not self.judged:
            return (f"You have judged 0 of {self.total} items. Replace each ... with a label and write your "
                    "reason, then run this cell again: the annotators' labels appear only for what you have judged.")
        k = f"{self.kappa:.2f}" if self.kappa is not None else f"undefined ({self.kappa_reason})"
        return (f"You judged {self.judged} of {self.total} items and agree with the annotators on {self.agreed}. "
                f"Cohen's kappa = {k}.")

    def __repr__(self) -> str:
        lines = [self.headline(), *self.problems]
        if self.missing_reasons:
            lines.append(f"Give a reason for: {', '.join(self.missing_reasons)}.")
        for it, label, why in self.disagreements:
            lines.append(f"✗ {it.item_id}: you said {label!r} ({why or 'no reason'}); annotators: {it.gold!r}, {it.reason}")
        for it, label, _ in self.agreements:
            lines.append(f"✓ {it.item_id}: {label!r}; annotators: {it.reason}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        out = message(self.headline(), "ok" if self.judged and self.agreed == self.judged else "info")
        for p in self.problems:
            out += message(p, "warning")
        if self.missing_reasons:
            out += message(f"Give a reason for: {', '.join(self.missing_reasons)}. A label without a reason "
                           "cannot be discussed.", "warning")

        def table(title: str, rows: list[tuple[JudgeItem, str, str]]) -> str:
            body = "".join(
                f'<tr><td style="padding:3px 6px;vertical-align:top"><b>{esc(it.item_id)}</b></td>'
                f'<td style="padding:3px 6px;text-align:left">{_marked(it.text)}</td>'
                f'<td style="padding:3px 6px;text-align:left">{esc(label)}<br><i>{esc(why) or "(no reason)"}</i></td>'
                f'<td style="padding:3px 6px;text-align:left">{esc(it.gold)}<br><i>{esc(it.reason)}</i></td></tr>'
                for it, label, why in rows)
            head = "".join(f'<th style="text-align:left;padding:3px 6px">{h}</th>'
                           for h in ("item", "text", "you (and why)", "annotators (and why)"))
            return (f'<p><b>{esc(title)}</b></p><table style="border-collapse:collapse">'
                    f'<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')

        if self.disagreements:
            out += table(f"Where you differ ({len(self.disagreements)})", self.disagreements)
        if self.agreements:
            out += table(f"Where you agree ({len(self.agreements)})", self.agreements)
        return out


def compare_judgements(judgements: Mapping[str, Any], items: Sequence[JudgeItem],
                       labels: Sequence[str] | None = None) -> Comparison:
    """Compare ``{item_id: (label, reason)}`` with the gold labels of ``items``; a bare label
    (no reason) is accepted but flagged. Items still ``...`` are not judged and their gold stays hidden."""
    allowed = {str(x) for x in labels} if labels else None
    by_id = {it.item_id: it for it in items}
    problems: list[str] = []
    if not isinstance(judgements, Mapping):
        return Comparison(len(items), 0, 0, None, "nothing judged",
                          problems=[f"Give your judgements as a dict {{item: (label, reason)}}, not "
                                    f"{type(judgements).__name__}."])
    unknown = [k for k in judgements if str(k) not in by_id]
    if unknown:
        problems.append(f"There is no item {unknown[0]!r}; the items are {', '.join(by_id)}.")
    pairs, agree, differ, no_reason = [], [], [], []
    for item_id, it in by_id.items():
        value = judgements.get(item_id, judgements.get(int(item_id), ...) if item_id.isdigit() else ...)
        label, why = (value if isinstance(value, tuple) and len(value) == 2 else (value, ""))
        if label is Ellipsis or label is None or (isinstance(label, str) and not label.strip()):
            continue
        label = str(label).strip()
        if allowed is not None and label not in allowed:
            problems.append(f"Item {item_id}: {label!r} is not one of the labels ({', '.join(sorted(allowed))}).")
            continue
        why = str(why).strip() if why not in (None, Ellipsis) else ""
        if not why:
            no_reason.append(item_id)
        pairs.append((label, it.gold))
        (agree if label == it.gold else differ).append((it, label, why))
    kappa = cohen_kappa(pairs)
    return Comparison(len(items), len(pairs), len(agree), kappa.value, kappa.reason, differ, agree, no_reason, problems)
