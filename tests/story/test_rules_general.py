"""The sentence-end rule for lines amid an article's paragraphs (furniture.body_fragments), on
made-up text: no page of any evaluation set is used here."""

from __future__ import annotations

PROSE = "The two ministers met in Busan on Monday to talk about the pact, officials said."
MORE = "Both sides agreed to meet again next month, according to the ministry in Seoul."


def _cut(*lines: str) -> list[str]:
    from kjpacts.story.furniture import body_fragments
    from kjpacts.story.provenance import _provenance_line

    return [lines[i] for i in body_fragments(list(lines), _provenance_line)]


def test_labels_links_and_teasers_after_the_prose_go():
    assert _cut("Ministers meet in Busan", PROSE, "Comment", MORE, "More >",
                "Seoul and Tokyo agree on a new hotline for the navies", MORE) == [
        "Comment", "More >", "Seoul and Tokyo agree on a new hotline for the navies"]


def test_headline_and_lines_before_the_prose_stay():
    assert _cut("Ministers meet in Busan", "Staff reporter", PROSE, MORE) == []


def test_printed_dates_bylines_and_datelines_stay():
    assert _cut(PROSE, "March 3, 2021 10:15 UTC", "By Jane Roe", MORE, "SEOUL, March 3 (Yonhap) -- The talks", MORE) == []


def test_a_line_the_next_one_continues_in_lower_case_stays():
    assert _cut(PROSE, "The talks that began in 2011 and ended", "in a quarrel were resumed.", MORE) == []


def test_the_last_line_of_a_stored_copy_cut_off_mid_sentence():
    kept = "The ministry said that the two navies would share their radar data from"
    assert _cut(PROSE, MORE, kept) == []
    assert _cut(PROSE, MORE, "Related stories") == ["Related stories"]


def test_a_hard_wrapped_page_is_left_alone():
    page = ["Ministers meet in Busan", "The two ministers met in Busan on Monday to talk about",
            "the pact, officials said, and both sides agreed to meet again",
            "next month, according to the ministry in Seoul.", "Comment"]
    assert _cut(*page) == []


def test_a_page_with_no_prose_is_left_alone():
    assert _cut("Ministers meet in Busan", "Comment", "More >") == []


def test_layout_moves_them_to_the_furniture_for_text_pages_only():
    from kjpacts.story.provenance import analyse_lines

    page = "\n".join(["Ministers meet in Busan", PROSE, "Ministers hail a new era for the two navies", MORE])
    lay = analyse_lines(page)
    assert "Ministers hail a new era for the two navies" not in lay.body
    assert {"text": "Ministers hail a new era for the two navies", "category": "site-furniture",
            "reason": "a line with no sentence end amid the article's paragraphs (a link, label, teaser or caption)"} in lay.furniture
    assert "Ministers hail a new era for the two navies" in analyse_lines(page, headline_hint="Ministers meet in Busan").body  # HTML: jusText's call
