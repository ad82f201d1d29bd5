"""Extract stage: HTML page -> main text (`extracted`) + page metadata (`html_meta`).

Built on trafilatura (main text and page metadata) and htmldate (publication date, called by
trafilatura's metadata extraction with our DATE_* settings). Text input is left alone.

`extracted` keeps the page's blocks (paragraphs, headings, list items, table rows) one block per
paragraph, with one blank line between paragraphs; the clean stage runs on it afterwards.

`html_meta` holds only the keys found (never a None value), among:
    title, subtitle (meta description), published (ISO YYYY-MM-DD), published_from ("html-meta"),
    author, outlet (site name), url (canonical), language (primary subtag, "en"), categories, tags.

Safety: nothing here touches the network or the file system. The page is parsed by lxml's HTML
parser with network access off; a DOCTYPE with an internal subset (entity declarations: external
entities such as file:///etc/passwd, "billion laughs" bombs) is removed before parsing, and the HTML
parser never expands declared entities anyway, so `&xxe;` stays literal text. htmldate only fetches
when handed a URL string: we hand it a parsed tree.

Failure policy (decided): a page that cannot be parsed, is empty, or has no main text gets
`extracted = ""` and whatever `html_meta` was found, then the stage raises `ExtractError` naming the
page and the likely cause. The runner records it as the article's StageError (visible in the run
summary) and the batch goes on; later stages see an empty text.
"""
from __future__ import annotations

import re
from typing import Any

from lxml import etree
from lxml.html import HTMLParser, HtmlElement, fromstring
from trafilatura import bare_extraction
from trafilatura.metadata import extract_metadata

from ..errors import NarrascopeError
from ..model import Article
from ..settings import extract as settings

_PARSER = HTMLParser(
    no_network=True, collect_ids=False, default_doctype=False, remove_comments=True, remove_pis=True,
    huge_tree=False,
)
# "<!DOCTYPE html [ ...entity declarations... ]>" and the plain "<!DOCTYPE html>"; the subset may span lines.
_DOCTYPE = re.compile(r"<!DOCTYPE(?:[^\[>]*)(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")  # a source line break inside a block is just a space
_BLOCK_TAGS = {"p", "head", "quote", "code", "list", "item", "table", "row", "div"}


class ExtractError(NarrascopeError):
    """An HTML page gave no main text. The message names the page and what to check."""


class ExtractStage:
    name = "extract"
    reads = ("raw", "raw_format", "url")
    writes = ("extracted", "html_meta")

    def __call__(self, article: Article) -> None:
        if article.raw_format != "html":
            return
        article.extracted, article.html_meta = "", {}
        tree = parse_html(article.raw)
        if tree is None:
            raise ExtractError(f"{article.source}: the HTML is empty or could not be parsed — "
                               "check that the file is an HTML page (not a binary or a truncated download)")
        document = bare_extraction(tree, url=article.url, with_metadata=True, **_trafilatura_options())
        if document is None:  # no main text: trafilatura returns nothing, but the page's metadata still counts
            article.html_meta = page_metadata(tree, extract_metadata(tree, article.url, date_params()), article.url)
        else:
            article.html_meta = page_metadata(tree, document, article.url)
            article.extracted = body_text(document.body)
        if not article.extracted:
            raise ExtractError(f"{article.source}: no article text found in the HTML — the page may be an "
                               "index, a paywall or rendered by JavaScript; open it in a browser or supply its text")


def parse_html(raw: str) -> HtmlElement | None:
    """Parse untrusted HTML with no network and no entity expansion; None when there is nothing to parse."""
    html = _defuse(raw[: settings.MAX_HTML_CHARS])
    if not html.strip():
        return None
    try:
        tree = fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return tree if tree is not None and len(tree) else None


def _defuse(html: str) -> str:
    """Drop the XML declaration and any DOCTYPE (with its internal subset) at the top of the page."""
    html = _XML_DECLARATION.sub("", html, count=1)
    head = html[: settings.DOCTYPE_SCAN_CHARS]
    match = _DOCTYPE.search(head)
    if match:
        html = html[: match.start()] + html[match.end():]
    return html


def _trafilatura_options() -> dict[str, Any]:
    return {
        "favor_precision": settings.FAVOR_PRECISION,
        "favor_recall": settings.FAVOR_RECALL,
        "include_comments": settings.INCLUDE_COMMENTS,
        "include_tables": settings.INCLUDE_TABLES,
        "include_images": settings.INCLUDE_IMAGES,
        "include_links": settings.INCLUDE_LINKS,
        "deduplicate": settings.DEDUPLICATE,
        "no_fallback": settings.NO_FALLBACK,
        "date_extraction_params": date_params(),
    }


def date_params() -> dict[str, Any]:
    """Arguments for htmldate.find_date (see settings/extract.py for why)."""
    return {
        "original_date": settings.DATE_ORIGINAL,
        "extensive_search": settings.DATE_EXTENSIVE_SEARCH,
        "min_date": settings.DATE_MIN,
    }


def page_metadata(tree: HtmlElement, document: Any, url: str | None) -> dict[str, Any]:
    """html_meta from trafilatura's Document: only the keys that have a value."""
    meta: dict[str, Any] = {}
    if document is not None:
        fields = {
            "title": document.title, "subtitle": document.description, "author": document.author,
            "outlet": document.sitename, "url": document.url, "published": document.date,
            "categories": list(document.categories or []), "tags": list(document.tags or []),
        }
        meta = {key: value for key, value in fields.items() if value}
    if meta.get("published"):
        meta["published_from"] = settings.PUBLISHED_FROM
    if url and "url" not in meta:
        meta["url"] = url
    language = page_language(tree)
    if language:
        meta["language"] = language
    return meta


def page_language(tree: HtmlElement) -> str | None:
    """The primary language subtag declared by the page (<html lang> or Content-Language), lowercased."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        for meta in tree.iterfind(".//meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content")
                break
    if not declared:
        return None
    primary = re.split(r"[-_,; ]", declared.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def body_text(body: Any) -> str:
    """trafilatura's body element -> text, one blank line between blocks."""
    if body is None:
        return ""
    blocks = [_clean_line(body.text)]
    for child in body:  # text loose between blocks (a child's tail) is a paragraph of its own
        blocks += [block_text(child), _clean_line(child.tail)]
    return settings.PARAGRAPH_SEPARATOR.join(block for block in blocks if block)


def block_text(element: Any) -> str:
    if element.tag == "list":
        items = [inline_text(item) for item in element.findall("item")]
        return "\n".join(settings.LIST_ITEM_PREFIX + item for item in items if item)
    if element.tag == "table":
        rows = []
        for row in element.findall("row"):
            cells = [inline_text(cell) for cell in row.findall("cell")]
            rows.append(settings.TABLE_CELL_SEPARATOR.join(cell for cell in cells if cell))
        return "\n".join(row for row in rows if row)
    return inline_text(element)


def _clean_line(text: str | None) -> str:
    return _WHITESPACE.sub(" ", text).strip() if text else ""


def inline_text(element: Any) -> str:
    """Text of one block; <lb/> becomes a line break, other whitespace runs one space."""
    parts: list[str] = []
    _collect(element, parts)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(element: Any, parts: list[str]) -> None:
    if element.tag == "lb":
        parts.append("\n")
    elif element.text:
        parts.append(_WHITESPACE.sub(" ", element.text))
    for child in element:
        _collect(child, parts)
        if child.tail:
            parts.append(_WHITESPACE.sub(" ", child.tail))
    if element.tag in _BLOCK_TAGS:
        parts.append("\n")
