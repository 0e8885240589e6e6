"""Publication dates on hand-written pages: printed dates in common formats, labels that say
published or updated, URL dates, HTML metadata and JSON-LD. Expected values are the dates
written into each page by hand; "published" must win over "updated" wherever both are given."""

from __future__ import annotations

import json

import pytest

HEADLINE = "S. Korea postpones signing of military pact with Japan"
BODY = ("South Korea postponed the signing of a military information pact with Japan, officials said, less than an "
        "hour before it was due to be signed in Tokyo.\n\nThe government said it would consult the National Assembly first.\n\n"
        "Opposition lawmakers and civic groups had criticised the accord, saying it had been prepared without a public debate.\n")
DATELINE_BODY = ("SEOUL, June 29 (Yonhap) -- South Korea postponed the signing of a military information pact with Japan "
                 "on Friday, officials said.\n\nThe government said it would consult the National Assembly first.\n")

TEXT_PAGES = {  # name: (page, url, published, confidence)
    "dotted date and time": (f"{HEADLINE}\n\n2012.06.29 15:32\n\n{BODY}", None, "2012-06-29", "medium"),
    "month day, year": (f"{HEADLINE}\n\nJune 29, 2012\n\n{BODY}", None, "2012-06-29", "medium"),
    "day month year, time zone": (f"{HEADLINE}\n\n29 June 2012 10:02 KST\n\n{BODY}", None, "2012-06-29", "medium"),
    "day.month.year": (f"{HEADLINE}\n\n29.06.2012 15:32\n\n{BODY}", None, "2012-06-29", "medium"),
    "day/month/year where month/day cannot be": (f"{HEADLINE}\n\n29/06/2012\n\n{BODY}", None, "2012-06-29", "medium"),
    "year. month. day with spaces": (f"{HEADLINE}\n\nPosted : 2012. 06. 29 15:32\n\n{BODY}", None, "2012-06-29", "medium"),
    "posted then updated, one line": (f"{HEADLINE}\n\nPosted : 2012-06-29 15:32  Updated : 2012-06-30 09:10\n\n{BODY}",
                                      None, "2012-06-29", "medium"),
    "updated printed before posted": (f"{HEADLINE}\n\nUpdated : 2012-06-30 09:10\n\nPosted : 2012-06-29 15:32\n\n{BODY}",
                                      None, "2012-06-29", "medium"),
    "updated before published, one line": (f"{HEADLINE}\n\nUpdated: June 30, 2012 | Published: June 29, 2012\n\n{BODY}",
                                           None, "2012-06-29", "medium"),
    "only an update time": (f"{HEADLINE}\n\nUpdated June 30, 2012 09:10 KST\n\n{BODY}", None, "2012-06-30", "low"),
    "date in the URL's slug": (f"{HEADLINE}\n\n{BODY}", "https://example.org/news/korea-pact-2012-06-29-123.html",
                               "2012-06-29", "medium"),
    # the dateline says Friday, and 29 June 2012 was a Friday: the weekday agrees, so confidence is high
    "dateline, year from an update time": (f"{HEADLINE}\n\nLast updated: 2012-07-02\n\n{DATELINE_BODY}", None,
                                           "2012-06-29", "high"),
    "dateline and printed date agree": (f"{HEADLINE}\n\nFriday, June 29, 2012\n\n{DATELINE_BODY}", None, "2012-06-29", "high"),
}


@pytest.mark.parametrize("name", sorted(TEXT_PAGES))
def test_text_page_dates(name):
    from kjpacts.story.provenance import provenance

    page, url, published, confidence = TEXT_PAGES[name]
    meta = provenance(page, url)
    assert (meta["published"], meta["published_precision"], meta["published_confidence"]) == (published, "day", confidence)
    assert meta["published_evidence"], "every date says where it came from"


def test_update_times_are_listed_as_updates_not_as_the_publication_date():
    from kjpacts.story.provenance import provenance

    meta = provenance(TEXT_PAGES["updated printed before posted"][0], None)
    kinds = {(o["value"], o["kind"]) for o in meta["other_dates"]}
    assert ("2012-06-30", "last-update") in kinds and ("2012-06-29", "printed-publication-date") in kinds
    assert ("2012-06-30", "printed-publication-date") not in kinds


def html(head: str, body: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n") if p.strip())
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>{head}<title>{HEADLINE}</title></head>"
            f"<body><article><h1>{HEADLINE}</h1>{body}{paras}</article></body></html>")


LD = '<script type="application/ld+json">{}</script>'
HTML_PAGES = {  # name: (page, published, evidence word)
    "meta published after meta modified": (html("<meta property='article:modified_time' content='2012-06-30T09:10:00+09:00'>"
                                                "<meta property='article:published_time' content='2012-06-29T15:32:00+09:00'>"),
                                           "2012-06-29", "article:published_time"),
    "JSON-LD datePublished, dateModified first": (html(LD.format(json.dumps(
        {"@context": "https://schema.org", "@type": "NewsArticle", "dateModified": "2012-06-30T09:10:00+09:00",
         "datePublished": "2012-06-29T15:32:00+09:00"}))), "2012-06-29", "datePublished"),
    "JSON-LD graph: the article's date, not the web page's": (html(LD.format(json.dumps(
        {"@graph": [{"@type": "WebPage", "datePublished": "2013-01-01"},
                    {"@type": "NewsArticle", "datePublished": "2012-06-29"}]}))), "2012-06-29", "NewsArticle"),
    "time tag marked datePublished": (html("", "<time itemprop='datePublished' datetime='2012-06-29T15:32:00+09:00'>"
                                               "June 29, 2012</time>"), "2012-06-29", "time"),
    "visible update line against JSON-LD": (html(LD.format('{"datePublished": "2012-06-29T15:32:00+09:00"}'),
                                                 "<p>Updated : 2012-06-30 09:10</p>"), "2012-06-29", "datePublished"),
    "broken JSON-LD is skipped, the meta tag counts": (html(LD.format('{"datePublished": "2012-06-29",}') +
                                                            "<meta name='pubdate' content='2012-06-28'>"),
                                                       "2012-06-28", "pubdate"),
}


@pytest.mark.parametrize("name", sorted(HTML_PAGES))
def test_html_page_dates(name):
    from kjpacts.story.create import html_provenance

    page, published, word = HTML_PAGES[name]
    meta, _ = html_provenance(page, None)
    assert (meta["published"], meta["published_precision"]) == (published, "day")
    assert word in meta["published_evidence"][0]


def test_json_ld_modified_date_is_listed_and_the_story_validates(tmp_path):
    from kjpacts.cli import main

    page = tmp_path / "page.html"
    page.write_text(HTML_PAGES["JSON-LD datePublished, dateModified first"][0], encoding="utf-8")
    assert main(["new", str(tmp_path / "s"), str(page)]) == 0
    doc = json.loads((tmp_path / "s" / "documents.json").read_text(encoding="utf-8"))["documents"][0]
    assert doc["published"] == "2012-06-29"
    assert {"value": "2012-06-30", "kind": "last-update"}.items() <= next(
        o for o in doc["other_dates"] if o["kind"] == "last-update").items()


def test_dateline_glued_to_its_dashes_and_a_byline_with_a_title():
    """The Asahi's style: "SEOUL--South Korea ...", "By NAME/ Correspondent", a printed date with JST."""
    from kjpacts.story.provenance import provenance

    page = (f"{HEADLINE}\n\nBy HAJIMU TAKEDA/ Correspondent\n\nNovember 22, 2019 at 18:00 JST\n\n"
            "SEOUL--South Korea informed Japan on Nov. 22 that it would extend the agreement designed to share highly "
            "classified military intelligence, sources said.\n\nThe notification came hours before it was to expire.\n")
    meta = provenance(page, None)
    assert (meta["dateline"], meta["dateline_as_printed"]) == ("SEOUL", "SEOUL--")
    assert (meta["byline"], meta["published"], meta["published_confidence"]) == \
        ("By HAJIMU TAKEDA/ Correspondent", "2019-11-22", "medium")  # one printed date; this dateline has none


@pytest.mark.parametrize("url, want", [
    ("https://www.example.com/World/Wires/2012/0629/Seoul-puts-off-pact", ("2012-06-29", "day")),  # year, then mmdd
    ("https://news.example.org/2016/11/23/pact-signed/", ("2016-11-23", "day")),
    ("https://example.net/view.php?AEN20120629004151315", ("2012-06-29", "day")),
    ("https://example.org/politics/2019/11/", ("2019-11", "month")),
    ("https://example.com/2012/1399/not-a-date", None),
    ("https://example.com/about/", None),
])
def test_dates_in_urls(url, want):
    from kjpacts.story.dates import url_date

    assert url_date(url) == want
