"""``kjpacts new STORY_DIR PAGE... [--urls URLS.csv] [--title ...]``: saved pages -> a kit corpus.

STORY_DIR gets the shipped corpus's layout: ``raw/`` (byte-identical pages), ``documents.json``
(provenance), ``clean/``, ``cleaning/``, ``structure/`` (built by :mod:`kjpacts.corpus.build`),
``annotations/`` (machine pre-annotation, see :mod:`kjpacts.story.preannotate`),
``review/`` (who reviewed what), ``story.json`` (pages, URLs, warnings) and ``datapackage.json``.

Nothing already in STORY_DIR is removed or rewritten except derived files: a page given again is
skipped with a warning, and reviewed annotations are kept (:mod:`kjpacts.story.review`).
A page with no date evidence at all is read last and dated to the commonest year of the story's
other pages (precision ``year``, confidence ``low``, with a warning); alone, it is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kjpacts.corpus.build import build, derive_document
from kjpacts.corpus.datapackage import write_datapackage
from kjpacts.corpus.markup import block_text
from kjpacts.corpus.validate import validate
from kjpacts.errors import CorpusError
from kjpacts.io import dump_json, read_json
from kjpacts.story.preannotate import preannotate

from .furniture import line_furniture
from .html import choose_blocks, meta_tags, page_lines
from .metadates import metadata_dates
from .pages import PageProblem, check_article, check_language, read_page, read_urls
from .provenance import NoDateEvidence, null_reasons, provenance

RIGHTS = ("Article text (c) its publisher. Saved by the person who built this story folder, for teaching, "
          "research, criticism and review; not covered by the kit's code licence.")


@dataclass
class NewResult:
    added: list[str] = field(default_factory=list)  # doc ids
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file
    problems: list[CorpusError] = field(default_factory=list)  # from `kjpacts validate`


def _existing(root: Path) -> tuple[list[dict], dict]:
    docs = read_json(root / "documents.json", "documents.json")["documents"] if (root / "documents.json").is_file() else []
    story = read_json(root / "story.json", "story.json") if (root / "story.json").is_file() else {"title": None, "pages": [], "warnings": []}
    return docs, story


def _doc_id(meta: dict, taken: set[str]) -> str:
    base = f"{meta['outlet_id'][:24].strip('-')}-{meta['published']}"
    doc_id, n = base, 2
    while doc_id in taken:
        doc_id, n = f"{base}-{n}", n + 1
    return doc_id


def _body_text(text: str, meta: dict) -> str:
    drop = {f["text"] for f in meta["printed"].get("furniture", [])} | {c["text"] for c in meta["printed"]["captions"]}
    return "\n".join(line for line in text.split("\n") if line not in drop)


def _story_year(docs: list[dict]) -> str | None:
    """The commonest publication year of the story's pages dated so far (ties: the latest), or None."""
    years = [d["published"][:4] for d in docs if d.get("published") and d["published"][:4].isdigit()]
    return max(set(years), key=lambda y: (years.count(y), y)) if years else None


def html_provenance(raw: str, url: str | None, fallback_year: str | None = None) -> tuple[dict, str]:
    """Provenance and kept blocks of an HTML page (see :mod:`kjpacts.story.html`), and its article text."""
    lines, h1 = page_lines(raw)
    tags = meta_tags(raw)
    stated = metadata_dates(raw, tags)
    meta = provenance("\n".join(lines), url, headline_hint=h1,
                      extra_dates=[(d.value, d.evidence) for d in stated if d.role == "published"],
                      site_name=tags.get("og:site_name"),
                      updated_dates=[(d.value, d.evidence) for d in stated if d.role == "modified"],
                      fallback_year=fallback_year)
    printed = meta["printed"]
    drop = {f["text"].strip() for f in printed.get("furniture", []) if f.get("match", "line") == "line"}
    drop |= {c["text"] for c in printed["captions"]}
    keep = {printed["headline"]: "headline"}
    for name, kind in (("byline", "byline"), ("date_line", "date_line")):
        if printed.get(name):
            keep[printed[name].strip()] = kind
    chosen = choose_blocks(raw, drop, keep)
    if not any(b["kind"] == "paragraph" for b in chosen):
        raise PageProblem("no article text found in the HTML (jusText and the rules kept no paragraph); "
                          "is this the article page?")
    if not any(b["kind"] == "headline" for b in chosen):
        first = chosen[0]
        chosen[0] = {**first, "kind": "headline"} if first["kind"] == "paragraph" and len(chosen) > 1 else first
    texts = [block_text(raw, b["start"], b["end"]) for b in chosen]
    head = next((t for t, b in zip(texts, chosen) if b["kind"] == "headline"), texts[0])
    first_para = next(t for t, b in zip(texts, chosen) if b["kind"] == "paragraph")
    if meta["dateline_as_printed"] and not first_para.startswith(meta["dateline_as_printed"]):
        meta["dateline"] = meta["dateline_as_printed"] = None
        meta["null_reasons"] = null_reasons(meta)
    meta["headline"] = head
    meta["printed"] = {"headline": head, "markup": "html", "blocks": chosen, "captions": []}
    for kind in ("byline", "date_line"):
        if any(b["kind"] == kind for b in chosen):
            meta["printed"][kind] = next(t for t, b in zip(texts, chosen) if b["kind"] == kind)
    return meta, "\n".join(texts)


def _dry_run(raw: str, record: dict) -> str | None:
    """Why the cleaning step would fail on the page, or None: run before anything is written."""
    try:
        derive_document(raw, record)
    except (CorpusError, ValueError) as exc:
        return str(exc)
    return None


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def new_story(root: Path, pages: list[Path], urls_csv: Path | None = None, title: str | None = None,
              annotate: bool = True, description: str | None = None) -> NewResult:
    """Add ``pages`` to the story folder ``root`` (created if needed); see the module docstring."""
    result = NewResult()
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise CorpusError(root, "-", "is a file, not a folder; give a new or existing story folder")
    docs, story = _existing(root)
    if docs and not (root / "raw").is_dir():
        raise CorpusError(root / "documents.json", "-", "documents.json exists but raw/ is missing; restore raw/ first")
    urls, warnings = read_urls(urls_csv)
    given = {p.name for p in pages}
    for name in sorted(set(urls) - given):
        warnings.append(f"{urls_csv}: names {name!r}, which is not among the pages given; row ignored")
    known_hashes = {d["raw_sha256"]: d["doc_id"] for d in docs}
    known_texts: dict[str, str] = {}
    for d in docs:
        clean = root / "clean" / f"{d['doc_id']}.txt"
        if clean.is_file():
            known_texts[_normalised(clean.read_text(encoding="utf-8"))] = d["doc_id"]
    taken = {d["doc_id"] for d in docs}
    new_docs: list[dict] = []
    queue = [(path, False) for path in pages]
    for path, retry in queue:  # a page with no date at all comes back at the end, dated to the story's year
        fallback = _story_year(docs + new_docs) if retry else None
        try:
            page = read_page(Path(path), urls.get(Path(path).name))
            if page.sha256 in known_hashes:
                raise PageProblem(f"{path}: duplicate of {known_hashes[page.sha256]} (same bytes); skipped")
            rough = "\n".join(page_lines(page.text)[0]) if page.markup == "html" else \
                "\n".join(ln for ln in page.text.split("\n") if not line_furniture(ln))
            check_language(page, rough)  # before anything else: a Korean page has no English date to find
            check_article(page, rough)
            if page.markup == "html":
                meta, body = html_provenance(page.text, page.url, fallback)
            else:
                meta = provenance(page.text, page.url, fallback_year=fallback)
                body = _body_text(page.text, meta)
            check_article(page, body)
            norm = _normalised(body)
            if norm in known_texts:
                raise PageProblem(f"{path}: same text as {known_texts[norm]} (another copy of the page); skipped")
        except (PageProblem, ValueError) as exc:
            if isinstance(exc, NoDateEvidence) and not retry:
                queue.append((path, True))
                continue
            msg = str(exc)
            warnings.append(msg if msg.startswith(str(path)) else f"{path}: {msg}")
            continue
        doc_id = _doc_id(meta, taken)
        raw_rel = f"raw/{len(docs) + len(new_docs):03d}_{page.sha256[:16]}.{'html' if page.markup == 'html' else 'txt'}"
        outlet_note = meta.pop("_outlet_evidence")
        record = {"doc_id": doc_id, "source_file": raw_rel, "raw_sha256": page.sha256, **meta, "rights": RIGHTS}
        order = ["doc_id", "source_file", "raw_sha256", "outlet", "outlet_id", "agency", "wire_chain", "photo_agency",
                 "byline", "byline_truncated", "byline_position", "headline", "standfirst", "dateline",
                 "dateline_as_printed", "published", "published_precision", "published_inferred",
                 "published_confidence", "published_evidence", "other_dates", "version_tag", "language",
                 "rights", "null_reasons", "printed"]
        record = {k: record[k] for k in order}
        problem = _dry_run(page.text, record)
        if problem and record["dateline_as_printed"] and problem.endswith("does not open the first body paragraph"):
            warnings.append(f"{path}: the dateline {record['dateline_as_printed']!r} found by the rules does not open the "
                            "article text; kept without a dateline (check documents.json)")
            record.update(dateline=None, dateline_as_printed=None)
            record["null_reasons"] = null_reasons(record)
            problem = _dry_run(page.text, record)
        if problem:  # a page the rules misread is skipped, not the whole run
            warnings.append(f"{path}: the cleaning step failed on this page ({problem}); skipped. Please report it "
                            "with the page")
            continue
        if retry:
            warnings.append(f"{path}: no date evidence at all on the page; dated to {fallback}, the year of the story's "
                            "other pages (review the date, or give the page's URL in --urls)")
        taken.add(doc_id)
        known_hashes[page.sha256] = doc_id
        known_texts[norm] = doc_id
        new_docs.append(record)
        target = root / raw_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and target.read_bytes() != page.data:
            raise CorpusError(raw_rel, "-", "a different file already has this name; not overwritten")
        target.write_bytes(page.data)  # byte-identical copy
        story["pages"].append({"file": str(path), "url": page.url, "doc_id": doc_id, "sha256": page.sha256,
                               "outlet_evidence": outlet_note})
        result.added.append(doc_id)
    result.warnings = warnings
    if title:
        story["title"] = title
    if description:
        story["description"] = description
    story["warnings"] = story.get("warnings", []) + warnings
    if not docs and not new_docs:
        return result  # nothing to write: the folder is left as it was
    root.mkdir(parents=True, exist_ok=True)
    (root / "documents.json").write_text(dump_json({"documents": docs + new_docs}), encoding="utf-8")
    (root / "story.json").write_text(dump_json(story), encoding="utf-8")
    build(root)
    if annotate:
        preannotate(root)
    finish(root, story.get("title"))
    result.problems = validate(root)
    return result


GENERATED = "<!-- generated by `kjpacts new`; delete this line to keep your own edits -->"
RIGHTS_MD = GENERATED + """
# Rights

The pages in `raw/` (and the texts derived from them in `clean/`) remain the copyright of their publishers.
They were saved by the person who built this story folder, for teaching, research, criticism and review.
The annotations are machine candidates and reviewers' work; the kjpacts code licence does not cover the pages.
"""


def datasheet(root: Path, title: str | None) -> str:
    """A short DATASHEET.md: the pages, their dates and how sure they are, and the review state."""
    docs = read_json(root / "documents.json", "documents.json")["documents"]
    lines = [GENERATED, f"# {title or 'A story corpus'}", "",
             f"{len(docs)} saved news pages, turned into a kit corpus by `kjpacts new` (see `story.json` for the "
             "files and URLs given). Provenance and every annotation record are machine work until reviewed: "
             "`review/status.json` gives each record's status, `review/decisions.json` who reviewed what and when.",
             "", "| doc_id | outlet | agency | published | precision | confidence |", "|---|---|---|---|---|---|"]
    for d in docs:
        lines.append(f"| {d['doc_id']} | {d['outlet']} | {d['agency'] or '-'} | {d['published']} | "
                     f"{d['published_precision']} | {d['published_confidence']} |")
    return "\n".join(lines) + "\n"


def _write_own(path: Path, text: str) -> None:
    """Write a generated file unless a person has taken it over (removed the generated marker)."""
    if path.is_file() and not path.read_text(encoding="utf-8").startswith(GENERATED):
        return
    path.write_text(text, encoding="utf-8")


def finish(root: Path, title: str | None) -> None:
    """Write RIGHTS.md and DATASHEET.md (unless edited by a person) and datapackage.json, titled for the story."""
    _write_own(root / "RIGHTS.md", RIGHTS_MD)
    _write_own(root / "DATASHEET.md", datasheet(root, title))
    write_datapackage(root)  # titled from story.json (kjpacts.corpus.datapackage.package_meta)
