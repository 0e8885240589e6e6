"""What each column of the CSV export means and holds: Table Schema types and descriptions.

The one multi-value rule: a cell of type ``array`` or ``object`` holds a JSON array or object
(UTF-8, as ``json.dumps`` writes it); every other cell is a single value. Booleans are ``true`` /
``false``. An empty cell is null (or a field the record does not have) in a column whose
description says "empty when ..."; in a text column that can hold the empty string (a removal's
``clean_text``) an empty cell is the empty string.
"""

from __future__ import annotations

MULTI_VALUE_RULE = (
    "Cells of type array or object hold JSON (a JSON array or object); all other cells hold one value. "
    "Booleans are true/false. An empty cell is null, or a field the record does not have, where the "
    "column's description says 'empty when ...'; in other text columns it is the empty string. Offsets "
    "are Python string indexes (Unicode code points), end-exclusive. Files are UTF-8, comma-separated, "
    "double-quoted where needed, with LF line endings (also inside quoted cells)."
)

INTEGER = {"start", "end", "raw_start", "raw_end", "clean_start", "clean_end", "cue_start", "cue_end",
           "source_start", "source_end", "position", "occurrences", "documents"}
BOOLEAN = {"named", "unattributed", "independent", "byline_truncated", "published_inferred", "boilerplate"}
ARRAY = {"variants", "published_evidence", "other_dates", "supports", "outcome_sources", "wire_chain"}
OBJECT = {"null_reasons", "printed", "provenance"}

#: Column descriptions: ``table.column`` first, then ``column`` for a name used the same way everywhere.
DESCRIPTIONS: dict[str, str] = {
    # shared
    "doc_id": "Document id (documents.csv); the clean text is texts.csv's text of this id.",
    "id": "Record id, unique within its document (q1, m3, t2, f4, ...).",
    "start": "Start offset of the span in the document's clean text.",
    "end": "End offset (exclusive) of the span in the document's clean text.",
    "text": "The span's text, exactly the clean text from start to end.",
    "note": "Annotator's note (empty when the record has none).",
    "position": "Order of the row within its document (0 = first), as in the JSON file.",
    # texts
    "texts.text": "The whole clean text (clean/<doc_id>.txt), with its LF newlines.",
    "texts.clean_sha256": "SHA-256 of the clean text's UTF-8 bytes (from cleaning/<doc_id>.json).",
    # documents
    "source_file": "Raw page file in the corpus (raw/...), byte-identical to the scraped page.",
    "raw_sha256": "SHA-256 of the raw page's bytes; a page rebuilt from texts.csv and cleaning_edits.csv must match it.",
    "outlet": "Outlet that published the page.",
    "agency": "News agency credited for the text (empty when staff copy; see null_reasons).",
    "byline": "Byline as printed (empty when none; see null_reasons).",
    "headline": "Headline (without a wire version tag).",
    "dateline": "Place in the dateline (empty when none).",
    "published": "Publication date as far as the page alone supports it (YYYY, YYYY-MM or YYYY-MM-DD).",
    "published_precision": "Precision of published: day, month or year.",
    "published_evidence": "JSON array of the page-only reasoning for the date, one sentence per item.",
    "outlet_id": "Outlet id (used in reader categories outlet:<id>).",
    "photo_agency": "Agency credited for the photo (empty when none; see null_reasons).",
    "byline_truncated": "true when the scraped byline is cut off.",
    "byline_position": "before-body or after-body (empty when there is no byline).",
    "standfirst": "Standfirst (summary line) as printed (empty when none).",
    "dateline_as_printed": "The dateline exactly as it opens the first paragraph (empty when none).",
    "published_inferred": "true when the date is inferred rather than printed in full.",
    "published_confidence": "Confidence in published: high, medium-high, medium or low.",
    "other_dates": "JSON array of other dates printed on the page: objects {text, value, kind, note}.",
    "version_tag": "Wire version tag such as '3rd LD' (empty when none).",
    "wire_chain": "JSON array of the agencies the copy passed through, first source first (pages added with `kjpacts new`; empty when not recorded).",
    "language": "ISO 639-1 language code.",
    "rights": "Rights statement for the article text.",
    "null_reasons": "JSON object: field name -> why that field is null.",
    "printed": "JSON object of strings exactly as printed on the raw page (headline, byline, captions ...), used by cleaning.",
    "provenance": "JSON object: the page's own address (source_url), how it was recovered, what it implies for the date, and the outside records that support it (empty when unknown).",
    # cleaning edits
    "cleaning_edits.raw_start": "Start of the replaced text in the raw page.",
    "cleaning_edits.raw_end": "End (exclusive) of the replaced text in the raw page.",
    "cleaning_edits.raw_text": "The raw page's text from raw_start to raw_end (empty for an insertion).",
    "cleaning_edits.clean_text": "What replaced it in the clean text (empty for a removal).",
    "cleaning_edits.clean_start": "Start of clean_text in the clean text.",
    "cleaning_edits.clean_end": "End (exclusive) of clean_text in the clean text.",
    "cleaning_edits.category": "Edit category (navigation, share-widget, quote-normalised, nbsp, ...; GUIDELINES.md, page level).",
    "cleaning_edits.reason": "Why the edit was made.",
    "cleaning_edits.boilerplate": "true when the edit removes page furniture (the page-level layer).",
    "boilerplate.raw_start": "Start of the removed furniture in the raw page.",
    "boilerplate.raw_end": "End (exclusive) of the removed furniture in the raw page.",
    "boilerplate.raw_text": "The removed text, as on the raw page.",
    "boilerplate.clean_start": "Clean-text offset where the removed text was.",
    "boilerplate.category": "Furniture category (navigation, share-widget, view-counter, copyright-footer, ...).",
    "boilerplate.reason": "Why it is furniture.",
    # structure
    "structure_segments.kind": "Segment kind: headline, byline, paragraph, dateline, credit, ...",
    "structure_captions.title": "Photo title as printed (empty when none).",
    "structure_captions.text": "Photo caption as printed.",
    "structure_captions.credit": "Photo credit as printed (empty when none).",
    "structure_captions.raw_start": "Start of the caption block in the raw page.",
    "structure_captions.raw_end": "End (exclusive) of the caption block in the raw page.",
    # entities and mentions
    "entity_id": "Entity id in entities.csv.",
    "entities.name": "Canonical name of the entity.",
    "entities.type": "Entity type (person, organisation, country, place, agreement, ...).",
    "entities.country": "Country the entity belongs to (empty when none applies).",
    "variants": "JSON array of other names the corpus uses for the entity.",
    "entities.description": "Who or what the entity is.",
    "metonymy": "Metonymy type when the mention stands for something else, e.g. capital-for-government (empty when literal).",
    "refers_to": "Entity the metonymic mention stands for (empty when literal).",
    "form": "named (the mention names the entity) or nominal (a description that picks out one specific entity).",
    # quotes
    "quotes.start": "Start offset of the quoted content in the clean text.",
    "quotes.end": "End offset (exclusive) of the quoted content.",
    "quotes.text": "The quoted content.",
    "kind": "Quote kind: direct, indirect, mixed or partial.",
    "cue": "Text of the cue (said, told, according to ...; empty when there is none).",
    "cue_start": "Start offset of the cue (empty when there is none).",
    "cue_end": "End offset (exclusive) of the cue (empty when there is none).",
    "source_text": "Text of the source span naming the speaker (empty when there is none).",
    "source_start": "Start offset of the source span (empty when there is none).",
    "source_end": "End offset (exclusive) of the source span (empty when there is none).",
    "speaker": "Who speaks, normalised.",
    "speaker_entity": "Entity id of the speaker (empty when not in entities.csv).",
    "source_group": "Group used to count distinct sources.",
    "speaker_type": "Speaker type (official, anonymous-official, expert, media, ...).",
    "named": "true when the speaker is named.",
    "anonymity_reason": "The reason for anonymity the text gives (empty when named or none is given).",
    "country": "Country of the speaker (empty when none applies).",
    "unattributed": "true when the text gives no source for the content.",
    # timex
    "timex.type": "TIMEX3 type: DATE, TIME, DURATION or SET.",
    "value": "Normalised TIMEX3 value (e.g. 2012-06-29, 2012-W26, PXY).",
    "mod": "TIMEX3 mod (BEFORE, AFTER, START, ...; empty when none).",
    "anchor": "What the value is computed from (publication date, another timex ...).",
    "function": "TIMEX3 function, e.g. CREATION_TIME (empty when none).",
    # framing
    "category": "Framing category.",
    "voice": "Whose words: the outlet's own, or a quoted source's.",
    "quote_id": "Quote this span lies in (empty when none).",
    # claims
    "claim_id": "Claim id in claims.csv.",
    "statement": "The claim, stated once for the corpus.",
    "status": "Verdict: corroborated, echo, contested, single-source, prediction-failed, ...",
    "claims.kind": "Claim kind: shared, conflict, prediction or single.",
    "occurrences": "Number of occurrences (rows in claim_occurrences.csv).",
    "documents": "Number of documents with an occurrence.",
    "outcome": "What became of a prediction (empty when the claim has no outcome).",
    "outcome_confidence": "Confidence in the outcome (empty when no outcome).",
    "outcome_sources": "JSON array of outside-record ids (outside_records.csv) the outcome rests on (empty when no outcome).",
    "claims.note": "Note on the verdict (empty when none).",
    "attributed_to": "Who the document attributes the claim to.",
    "independent": "true: independent of earlier occurrences; false: an echo; empty: the first occurrence.",
    "reason": "Why the occurrence is judged independent or an echo.",
    "claim_occurrences.id": "Occurrence id, unique within its claim (o1, o2, ...).",
    # outside records
    "outside_records.id": "Outside-record id (ox-...), cited by claims, dates and lessons.",
    "fact": "The fact the record supports.",
    "confidence": "Confidence in the fact: high, medium-high, medium, low or unsourced.",
    "found_by": "How the source was found.",
    "quotation": "A short quotation from the source, for citation.",
    "source_outlet": "Outlet or publisher of the source.",
    "source_title": "Title of the source.",
    "source_url": "Address of the source.",
    "source_date": "Date of the source (YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown).",
    "source_language": "Language of the source (ISO 639-1).",
    "supports": "JSON array of what cites the record (claim ids, doc ids, entity:<id>, lesson-NN ...).",
    "outside_records.note": "Note on the source (empty when none).",
}


def field_type(column: str) -> str:
    """The Table Schema type of a column."""
    if column in INTEGER:
        return "integer"
    if column in BOOLEAN:
        return "boolean"
    if column in ARRAY:
        return "array"
    if column in OBJECT:
        return "object"
    return "string"


def describe(table: str, column: str) -> str:
    """The column's description; KeyError names a column nobody documented."""
    try:
        return DESCRIPTIONS.get(f"{table}.{column}") or DESCRIPTIONS[column]
    except KeyError:
        raise KeyError(f"column {table}.{column} has no description; add one to kjpacts.exports.csv_fields") from None
