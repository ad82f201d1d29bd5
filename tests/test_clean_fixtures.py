"""Fixtures of our own (fictional outlets and people), one per noise kind, adversarial ones included.

Each case says what must be kept in `text` and which lines must be removed with which reason.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from narrascope.model import Article
from narrascope.stages.clean import HEADER_REASONS, NOISE_REASONS, CleanInputError, CleanStage, clean_text

FIXTURES = Path(__file__).parent / "fixtures" / "noise"
BODY = ("The northern provinces published their terms for a return to the talks on Monday, after a week of "
        "silence that many in Port Tamsin had read as a sign that the talks were over.")


def clean_fixture(name: str):
    return clean_text((FIXTURES / name).read_text(encoding="utf-8"))


def removed_as(result, fragment: str) -> str:
    """The reason the line containing `fragment` was removed (fails if it was kept)."""
    hits = [r.reason for r in result.removed if fragment in r.text]
    assert hits, f"{fragment!r} was not removed"
    assert fragment not in result.text, f"{fragment!r} is still in the text"
    return hits[0]


def assert_kept(result, *fragments: str) -> None:
    for fragment in fragments:
        assert fragment in result.text, f"{fragment!r} was lost"
        assert not any(fragment in r.text for r in result.removed), f"{fragment!r} also removed"


def test_captions_widgets_and_header():
    result = clean_fixture("caption_and_widgets.txt")
    assert result.header == {
        "outlet": "The Marrow Ledger", "section": "ANALYSIS", "byline": "By Anika Sorell", "date": "12 March 2021",
        "title": "Veloria weighs a ceasefire offer from the northern provinces",
    }
    # a caption dated years before the article is a caption, not a date and not the body
    assert removed_as(result, "on June 4, 2016") == "photo-caption"
    assert removed_as(result, "Photo: Ivo Brandt") == "photo-credit"
    assert removed_as(result, "{{ article") == "template"
    assert removed_as(result, "undefined") == "template"
    assert removed_as(result, "Share this article") == "share-widget"
    assert removed_as(result, "Facebook Twitter Email") == "share-widget"
    assert removed_as(result, "Source: Marrow Wire") == "source-link"
    assert removed_as(result, "About the author") == "author-bio"
    assert removed_as(result, "editorial board does not") == "disclaimer"
    assert removed_as(result, "Tags:") == "tags"
    assert removed_as(result, "Leave a Reply") == "comment-widget"
    assert removed_as(result, "Required fields") == "comment-widget"
    assert removed_as(result, "Comments") == "comment-widget"
    assert_kept(result, "Interior Minister Anika Sorell said on Friday", "Her statement followed three weeks",
                '"We have heard this offer before," said Petra Valk')
    assert len(result.text.split("\n\n")) == 3


def test_teaser_mid_body_keeps_the_article_around_it():
    result = clean_fixture("teaser_midbody.txt")
    assert result.header == {"title": "Why the Tamsin talks keep failing"}
    for fragment in ("Sorell named acting prime minister", "The coalition fell apart", "Other points of interest",
                     "Harbour strike ends", "Ferry traffic resumed"):
        assert removed_as(result, fragment) == "teaser"
    assert [r.text for r in result.removed].count("Read also") == 1
    assert_kept(
        result,
        "Read also: the minister's letter",  # a body sentence that mentions "Read also" is kept
        "The provinces' delegation, led by",  # the article's next paragraph after the teaser blurb
        "A river of mistrust",  # a short paragraph that looks like a heading
        "“We cannot sign a paper",  # a quote paragraph
        "Government spokesman Lior Hale",  # the paragraph after the second teaser
    )
    assert result.text.endswith("The talks will resume in May.")  # a short last sentence is kept
    assert "A river of mistrust" in result.text.split("\n\n")


def test_headline_list_with_newer_dates_is_removed_and_header_dated():
    result = clean_fixture("headline_list.txt")
    assert result.header["date"] == "Monday, 4 October 2021\n09:30"
    assert result.header["section"] == "OPINION" and result.header["outlet"] == "Daily Marrow"
    assert result.header["title"] == "Is a truce on the Tamsin possible?"
    for fragment in ("2025, Wednesday", "14 May", "18:40", "Exclusive", "rename the old harbour bridge",
                     "forgotten treaty of Ostrel", "13 May", "21:10"):
        assert removed_as(result, fragment) == "headline-list"
    assert removed_as(result, "More news") == "teaser"
    assert removed_as(result, "Read more:") == "teaser"
    assert len(result.text.split("\n\n")) == 3
    assert result.text.endswith("under foreign supervision.")


def test_video_block_and_dateline_prefix():
    result = clean_fixture("video_dateline.txt")
    assert removed_as(result, "Residents queue for water") == "photo-caption"
    assert removed_as(result, "Sorell explains her ceasefire plan") == "video"
    assert removed_as(result, "02:41 - Source") == "video"
    assert "title" not in result.header
    assert result.header["dateline"] == "OSTREL, March 3 (Marrow Wire) -"
    dateline = [r for r in result.removed if r.reason == "dateline"]
    assert [r.text for r in dateline] == ["OSTREL, March 3 (Marrow Wire) -"]
    assert result.text.startswith("Interior Minister Anika Sorell said on Sunday")  # the sentence is kept
    assert_kept(result, "What happens next?", "The provinces have not commented")


def test_trailing_widgets_and_unrelated_headlines():
    result = clean_fixture("trailing_headlines.txt")
    assert (result.removed[0].text, result.removed[0].reason) == ("in", "fragment")
    assert result.header["title"] == "The quiet collapse of the Ostrel talks"
    assert removed_as(result, "Source link") == "source-link"
    assert removed_as(result, "What do you think?") == "comment-widget"
    assert removed_as(result, "Written by ADMIN") == "comment-widget"
    assert removed_as(result, "The Tamsin Courier") == "headline-list"
    assert removed_as(result, "| Marrow TV") == "headline-list"
    assert result.text.startswith("After four rounds")
    assert result.text.endswith("since January.")


@pytest.mark.parametrize(
    "text, kept, removed",
    [
        # an in-body question sub-heading stays; a lone "Comments" in the body is no widget
        ("Opening line of a long enough article body that ends with a stop here.\n\nWhat is Veloria saying?\n\n"
         "Comments\n\nThe ministry said little more about it on Friday evening.",
         ["What is Veloria saying?", "Comments", "The ministry said little"], []),
        # a caption-like sentence inside a paragraph is kept
        ("The ferry left at dawn. Minister Sorell is pictured here with the crew, the ministry said in a note.",
         ["Minister Sorell is pictured here"], []),
        # a widget phrase inside a long body sentence is not a widget
        ("Leave a reply, the minister told the committee, was all the provinces had done with her letter of March, "
         "and she would not write again.", ["Leave a reply, the minister told"], []),
        ("KYIVO, May 2 (Tamsin Wire) - The council met on Monday.", ["The council met on Monday."],
         [("KYIVO, May 2 (Tamsin Wire) -", "dateline")]),
        ("Home > World > Veloria\n\nThe council met on Monday and agreed on a budget for the bridges.",
         ["The council met"], [("Home > World > Veloria", "navigation")]),
        ("The council met on Monday and agreed on a budget.\n\nREAD MORE: Sorell quits the agrarian party\n\n"
         "The vote was close.", ["The council met", "The vote was close."],
         [("READ MORE: Sorell quits the agrarian party", "teaser")]),
        ("The council met on Monday and agreed on a budget for the old bridges.\n\n* * *\n\nThe vote was close.",
         ["The vote was close."], [("* * *", "blank-residue")]),
        ("Veloria votes\n\nBy Lior Hale and Petra Valk | Marrow Wire\n\nThe council met on Monday and agreed.",
         ["The council met"], [("Veloria votes", "header:title"), ("By Lior Hale and Petra Valk | Marrow Wire", "header:byline")]),
        ("Watch: Sorell on the bridge deal (2:31)\n\nThe council met on Monday and agreed on a budget.",
         ["The council met"], [("Watch: Sorell on the bridge deal (2:31)", "video")]),
        ("The council met on Monday and agreed on a budget for the bridges and the ferries, after a debate that "
         "lasted most of the night and ended with a narrow vote.\n\n"
         "Petra Valk is a senior fellow at the Ostrel Institute.", ["The council met"],
         [("Petra Valk is a senior fellow", "author-bio")]),
        # a list introduced by a colon at the end of the article is article text
        (BODY + "\nTheir demands:\nMonitors on all the river crossings\nRelease of the detained negotiators\n"
         "A date for the next round of talks", ["Their demands:", "Monitors on all the river crossings",
                                               "A date for the next round of talks"], []),
        # a list ending the article with no marker is article text (tour dates, points), even if title-like
        (BODY + "\n\nThe Ferry Tour Dates\nJune 9 -- Harbour Hall, Port Tamsin\nJune 12 -- Old Bridge Arena, Ostrel\n"
         "June 14 -- River Stage, Tamsin", ["The Ferry Tour Dates", "June 9 -- Harbour Hall", "June 14 -- River Stage"], []),
        # two trailing "Headline - Outlet" lines, outlet names with lowercase connectors
        (BODY + "\n\nHarbour strike ends after nine days – The Times of Tamsin\nFlood warnings issued | Marrow TV",
         [], [("The Times of Tamsin", "headline-list"), ("| Marrow TV", "headline-list")]),
        (BODY + "\n\ntwitter.com/petravalk\n\nAdditional reporting by Lior Hale", [],
         [("twitter.com/petravalk", "source-link"), ("Additional reporting by", "disclaimer")]),
        ("(Marrow Wire) — The council met on Monday and agreed on a budget.", ["The council met on Monday"],
         [("(Marrow Wire) —", "dateline")]),
        # "3 comments" inside a sentence is no comment counter; a bare counter is
        (BODY + "\n\n3 comments from the minister were read out in the chamber on Monday.\n\n12 Comments",
         ["3 comments from the minister"], [("12 Comments", "comment-widget")]),
        # a link-widget heading whose links were lost: only the heading goes, the column under it stays
        (BODY + "\n\nMost read in The Ledger\n\nBar the ferries\n\nWHY should the ferries run at a loss?\n\n"
         "The council must decide.", ["Bar the ferries", "WHY should the ferries", "The council must decide."],
         [("Most read in The Ledger", "teaser")]),
        # ...but a list right under such a heading is its links
        (BODY + "\n\nMORE ON VELORIA\nSorell quits the agrarian party\nFerry fares rise again\n\nThe council must decide.",
         ["The council must decide."], [("MORE ON VELORIA", "teaser"), ("Sorell quits", "teaser"), ("Ferry fares", "teaser")]),
        (BODY + "\n\nPlayoff picture: Ostrel in pursuit\n\nThe council met again.", ["Playoff picture: Ostrel"], []),
        ("A Ferry Owner Just Exposed A Secret About The Tamsin Crossings…\n\n" + BODY, [BODY[:40]],
         [("A Ferry Owner Just Exposed", "header:title")]),
        ("WATCH: Sorell walks out of the Ostrel talks\n\n" + BODY, [BODY[:40]],
         [("WATCH: Sorell walks out", "header:title")]),
        # a "Watch:" line in the body goes, the sub-heading above it stays
        (BODY + "\n\nWhat the minister said\nWatch: Sorell at the bridge\n\nThe council met again.",
         ["What the minister said"], [("Watch: Sorell at the bridge", "video")]),
        # the article's own timeline (dates going forward) is kept; a ticker runs newest first
        (BODY + "\n\nMarch 2014\nVeloria closes the crossings\nFebruary 2015\nThe Ostrel accord is signed\n"
         "May 2019\nThe provinces break away\n\nThe council met again.",
         ["March 2014", "The Ostrel accord is signed", "May 2019"], []),
        (BODY + "\n\nMay 2019\nThe provinces break away\nFebruary 2015\nThe Ostrel accord is signed\n"
         "March 2014\nVeloria closes the crossings\n\nThe council met again.", ["The council met again."],
         [("May 2019", "headline-list"), ("The Ostrel accord", "headline-list"), ("Veloria closes", "headline-list")]),
        # a caption with no credit of its own, in a block with a credit line under it
        (BODY + "\n\nChildren play in the courtyard of the old ferry school.\nPhoto: Marrow Ledger\n\nThe council met.",
         ["The council met."], [("Children play in the courtyard", "photo-caption"), ("Photo: Marrow Ledger", "photo-credit")]),
        # share residue glued to a sentence is cut off; the sentence stays
        (BODY + "\n\nThe ferries are a public good. Click To Tweet\n\nThe council met.",
         ["The ferries are a public good.\n\nThe council met."], [("Click To Tweet", "share-widget")]),
        (BODY + "\n\nReprinted from the Marrow Ledger. Radio Tamsin does not endorse the views of the Ledger.",
         [], [("Reprinted from the Marrow Ledger", "disclaimer")]),
        (BODY + "\n\n(Reporting by Lior Hale in Ostrel; Editing by Petra Valk)", [],
         [("(Reporting by Lior Hale", "disclaimer")]),
        (BODY + "\n\nLior Hale is the Marrow Ledger's river correspondent, based in Ostrel.", [],
         [("Lior Hale is the Marrow Ledger's river correspondent", "author-bio")]),
        # after an inline teaser, the article goes on (a blank line apart) and a question is a sub-heading
        (BODY + "\n\nAlso Read: Sorell quits the agrarian party\n\nThe ferries will run, the ministry said.\n\n"
         "Must Read: Ferry fares rise again\n\nCan the ferries pay for themselves?\n\nNobody knows.",
         ["The ferries will run, the ministry said.", "Can the ferries pay for themselves?"],
         [("Also Read: Sorell quits", "teaser"), ("Must Read: Ferry fares", "teaser")]),
        ("Illustrative photo\n\n" + BODY, ["The northern provinces published"], [("Illustrative photo", "photo-credit")]),
    ],
)
def test_small_cases(text, kept, removed):
    result = clean_text(text)
    assert_kept(result, *kept)
    for fragment, reason in removed:
        assert removed_as(result, fragment) == reason


def test_every_reason_is_documented():
    import narrascope.stages.clean as clean_module

    doc = clean_module.__doc__
    for reason in NOISE_REASONS + HEADER_REASONS:
        assert reason in doc, reason
    for name in sorted(FIXTURES.glob("*.txt")):
        for removed in clean_text(name.read_text(encoding="utf-8")).removed:
            assert removed.reason in NOISE_REASONS + HEADER_REASONS, removed


def test_stage_uses_extracted_for_html_and_raw_for_text():
    stage = CleanStage()
    assert (stage.name, stage.reads, stage.writes) == ("clean", ("raw", "raw_format", "extracted"),
                                                       ("text", "removed", "header"))
    text_article = Article(id="a", source="a.txt", raw="Veloria votes\n\nThe council met on Monday and agreed.",
                           raw_format="text")
    stage(text_article)
    assert text_article.text == "The council met on Monday and agreed."
    assert text_article.header == {"title": "Veloria votes"}
    html_article = Article(id="b", source="b.html", raw="<p>ignored</p>", raw_format="html",
                           extracted="The council met\xa0on Monday.\n\nShare this article")
    stage(html_article)
    assert html_article.text == "The council met on Monday."
    assert [r.reason for r in html_article.removed] == ["share-widget"]


def test_html_light_mode_finds_no_header_and_unextracted_html_is_an_error():
    page = "OPINION\n\nKey points\n\nThe council met on Monday and agreed on a budget for the bridges.\n\nShare this article"
    light = clean_text(page, light=True)
    assert light.header == {} and light.text.startswith("OPINION\n\nKey points")  # no header guessing in HTML
    assert [r.reason for r in light.removed] == ["share-widget"]
    headline = clean_text("Veloria votes on the bridges\n\nThe council met on Monday and agreed.", light=True)
    assert headline.header == {"title": "Veloria votes on the bridges"}
    assert headline.text == "The council met on Monday and agreed."
    article = Article(id="c", source="c.html", raw="<p>x</p>", raw_format="html")
    with pytest.raises(CleanInputError, match="c.html.*extract"):
        CleanStage()(article)


def test_hard_wrapped_text_is_joined_into_paragraphs():
    result = clean_fixture("hard_wrapped.txt")
    assert result.header == {"title": "Veloria and the provinces: a year of failed talks", "byline": "By Petra Valk"}
    paragraphs = result.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("A year after") and "Anika Sorell said" in paragraphs[0]
    assert paragraphs[1].endswith("since January.")


def test_agency_story_with_navigation_related_list_and_footer():
    result = clean_fixture("agency_navigation.txt")
    for fragment in ("Skip to main content", "Home > World > Europe", "Menu"):
        assert removed_as(result, fragment) == "navigation"
    assert result.header["date"] == "Updated 10:32 AM GMT, March 4, 2023"
    assert result.header["byline"] == "By Lior Hale and Petra Valk"
    assert result.header["dateline"] == "PORT TAMSIN, Veloria (AP) —"
    assert result.text.startswith("Veloria’s government said Saturday")
    assert removed_as(result, "RELATED COVERAGE") == "teaser"
    assert removed_as(result, "extends emergency rule") == "teaser"
    assert removed_as(result, "What to know about") == "teaser"
    assert removed_as(result, "contributed to this report") == "disclaimer"
    assert removed_as(result, "All rights reserved") == "disclaimer"
    # a bulleted list is article text, one item a paragraph; a short paragraph after a related list stays
    assert_kept(result, "• The provinces want monitors", "• Neither side has named", "The provinces broke away in 2019")
    assert "• The provinces want monitors on the crossings." in result.text.split("\n\n")


def test_wire_story_outlet_line_reading_time_and_footer():
    result = clean_fixture("wire_footer.txt")
    assert result.header["outlet"] == "Reuters"
    assert result.header["date"] == "March 4, 2023 | 14:05"
    assert result.header["dateline"] == "OSTREL, March 4 (Reuters) -"
    assert removed_as(result, "3 min read") == "navigation"
    assert removed_as(result, "Reporting by Lior Hale") == "disclaimer"
    assert removed_as(result, "Our Standards") == "disclaimer"
    assert result.text.startswith("Veloria will not negotiate")
    assert result.text.endswith("accused government forces of provocations.")


def test_credit_hints_cover_every_credit_marker():
    from narrascope.settings import clean as settings
    from narrascope.stages.clean_rules import _has_credit_hint

    samples = ["(Photo by Ivo Brandt)", "Ivo Brandt via Getty Images", "Ivo Brandt / AFP", "REUTERS/Ivo Brandt",
               "Photo: Ivo Brandt", "(Pics: Ivo Brandt)", "Illustration: Marrow Ledger"]
    credit = re.compile("|".join(settings.CREDIT_MARKERS), re.I)
    for sample in samples:
        assert credit.search(sample) and _has_credit_hint(sample), sample


def test_masthead_date_time_and_author_lines_above_the_body():
    text = ("Halden Institute | Policy Brief No. 4\n2024-02-10T08:30:00+01:00\n\n"
            "Talking to stall: how to answer the next offer\n\nOona Fell and Tomas Brandt\n\n" + BODY)
    result = clean_text(text)
    assert result.header == {
        "outlet": "Halden Institute", "date": "2024-02-10T08:30:00+01:00",
        "title": "Talking to stall: how to answer the next offer", "byline": "Oona Fell and Tomas Brandt",
    }
    assert removed_as(result, "Policy Brief No. 4") == "header:outlet"  # the removed line keeps it all
    assert result.text == BODY


def test_a_repeated_title_and_a_two_word_masthead():
    text = "Brightwater Dispatch\nThe winter offers and what they show\n\nThe winter offers and what they show\n\n" + BODY
    result = clean_text(text)
    assert result.header == {"outlet": "Brightwater Dispatch", "title": "The winter offers and what they show"}
    assert [r.reason for r in result.removed] == ["header:outlet", "header:title", "header:title"]
    assert result.text == BODY
