"""extract -> clean -> metadata on a fictional HTML page: the page's own metadata wins, the URL agrees."""
from __future__ import annotations

import pytest

from narrascope.io import RawDocument
from narrascope.pipeline import apply_stages, new_article

extract = pytest.importorskip("narrascope.stages.extract")
clean = pytest.importorskip("narrascope.stages.clean")

URL = "https://marrowledger.example/2022/10/18/grain-treaty"
PAGE = """<html lang="en"><head><title>Veloria ratifies the grain treaty | The Marrow Ledger</title>
<meta property="og:site_name" content="The Marrow Ledger"><meta name="author" content="Anika Sorell">
<meta property="article:published_time" content="2022-10-18T09:30:00+02:00">
<meta name="description" content="What the vote means for the harbour at Port Anselm"></head>
<body><article><h1>Veloria ratifies the grain treaty</h1>
<p>The parliament of Veloria voted on the new grain treaty after a long night of debate, and the vote
was closer than the government had expected.</p>
<p>Minister Anika Sorell told deputies that the harbour at Port Anselm would reopen within weeks, and
the opposition promised to study the text before the second reading.</p>
<p>Trade unions at the harbour welcomed the decision but said that wages must be part of the next
round of talks with the ministry.</p></article></body></html>"""


def test_html_page_metadata_end_to_end():
    from narrascope.stages.metadata import MetadataStage

    article = new_article(RawDocument(URL, PAGE, "html", url=URL))
    apply_stages(article, [extract.ExtractStage(), clean.CleanStage(), MetadataStage()])
    assert article.errors == []
    assert (article.title, article.outlet, article.author) == (
        "Veloria ratifies the grain treaty", "The Marrow Ledger", "Anika Sorell")
    assert (article.published, article.published_from) == ("2022-10-18", "html-meta")
    assert article.published_confidence == 0.9  # html-meta 0.85 + the URL date agreeing
    assert (article.language, article.truncated) == ("en", False)
    assert article.subtitle == "What the vote means for the harbour at Port Anselm"
