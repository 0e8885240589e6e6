"""The corpus model: a document's clean text, raw page, metadata, structure and cleaning log.

Nothing here reads files; :mod:`kjpacts.corpus.load` builds these objects.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cleaning import Edit, clean_to_raw

#: Cleaning categories that remove page furniture (the page-level layer).
BOILERPLATE_CATEGORIES = ("navigation", "share-widget", "view-counter", "copyright-footer",
                          "scrape-header", "photo-caption", "version-tag", "site-furniture")


@dataclass(frozen=True)
class Segment:
    """A structural span of the clean text (headline, byline, paragraph, ...)."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Document:
    """One news page: clean text, raw page, metadata, structure and cleaning log."""

    doc_id: str
    text: str
    raw: str
    meta: dict
    segments: tuple[Segment, ...]
    captions: tuple[dict, ...]
    edits: tuple[Edit, ...]

    def __repr__(self) -> str:
        return f"<Document {self.doc_id}: {self.headline!r}>"

    @property
    def headline(self) -> str:
        return self.meta["headline"]

    @property
    def outlet(self) -> str:
        return self.meta["outlet"]

    @property
    def published(self) -> str:
        return self.meta["published"]

    def segments_of(self, kind: str) -> list[Segment]:
        """Segments of one kind: 'headline', 'byline', 'paragraph', 'dateline', ..."""
        return [s for s in self.segments if s.kind == kind]

    @property
    def paragraphs(self) -> list[str]:
        """Body paragraphs (not headline, byline, credit or date lines)."""
        return [s.text for s in self.segments_of("paragraph")]

    def to_raw(self, offset: int, side: str = "start") -> int:
        """Map a clean-text offset to the raw page (``side='end'`` for span ends)."""
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"{self.doc_id}: offset {offset} is outside the clean text (0-{len(self.text)})")
        return clean_to_raw(offset, list(self.edits), side)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-page span of the clean span ``start:end``."""
        return self.to_raw(start), self.to_raw(end, side="end")

    @property
    def boilerplate(self) -> list[Edit]:
        """Page furniture removed in cleaning, with raw offsets and categories."""
        return [e for e in self.edits if e.category in BOILERPLATE_CATEGORIES]
