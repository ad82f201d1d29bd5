"""HTML extraction settings (trafilatura + htmldate), used by narrascope.stages.extract.

Each value is passed to trafilatura's `bare_extraction` or to htmldate's `find_date` as named.
"""

# trafilatura: main-text extraction
FAVOR_PRECISION = False  # trafilatura's balanced default; the clean stage removes residual noise lines
FAVOR_RECALL = False
INCLUDE_COMMENTS = False  # reader comments are not the article
INCLUDE_TABLES = True  # tables in news pages are mostly content (figures, results)
INCLUDE_IMAGES = False
INCLUDE_LINKS = False
# trafilatura's deduplicate keeps a process-wide LRU cache of text segments, so a paragraph seen in an
# earlier page is dropped from a later one: output would depend on file order and worker assignment.
# Document-level dedup is the dedup stage's job, so this stays off.
DEDUPLICATE = False
NO_FALLBACK = False  # keep trafilatura's readability/jusText fallback cascade (better recall on odd layouts)

# htmldate: publication date. original_date=True prefers the first-published date over "updated".
# extensive_search=False: only structured markup (meta tags, JSON-LD, <time>, URL, date elements), no
# free-text scan of the page, because pages carry dates of their own in teasers, related-headline lists and
# comments that are NOT the publication date ("null beats wrong"; the metadata stage can still find a
# date in the article's header lines).
DATE_ORIGINAL = True
DATE_EXTENSIVE_SEARCH = False
DATE_MIN = "1995-01-01"  # htmldate's own lower bound: earlier dates in news pages are almost always noise

# Input guard: the raw HTML above this many characters is cut before parsing (a page this big is a dump,
# not an article; parsing it whole would cost memory for nothing).
MAX_HTML_CHARS = 10_000_000
# Only the start of the document is searched for a DOCTYPE with an internal subset to remove.
DOCTYPE_SCAN_CHARS = 65_536

# How the extracted blocks are joined: one blank line between paragraphs (the clean stage relies on it).
PARAGRAPH_SEPARATOR = "\n\n"
LIST_ITEM_PREFIX = "- "
# A tab, not " | ": pipe-separated rows read as breadcrumbs/navigation to the clean stage, which dropped whole
# tables (measured on the ScrapingHub benchmark: one results table page lost 80% recall).
TABLE_CELL_SEPARATOR = "\t"

PUBLISHED_FROM = "html-meta"  # the value of html_meta["published_from"] when htmldate found a date
