"""Web app, REST API and report settings: binding, the access token, page sizes, chart sizes."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})  # binding elsewhere needs a token
LOOPBACK_HOST_HEADERS = frozenset({"127.0.0.1", "localhost", "[::1]"})  # Host headers accepted without a token
TOKEN_ENV = "NARRASCOPE_TOKEN"  # the token may come from this environment variable instead of --token
TOKEN_COOKIE = "narrascope_token"  # set by `?token=T` so the browser keeps access across pages
TOKEN_QUERY = "token"

PER_PAGE = 20  # default page size of article lists (API and pages)
MAX_PER_PAGE = 200  # the API refuses larger pages
TOP_ACTORS = 15  # actors listed on the overview
TOP_OUTLETS = 15
LATEST_STORIES = 10
SEARCH_RESULTS = 30  # hits on the search page
ACTOR_STATEMENTS = 200  # statements on an actor page
NARRATIVE_ARTICLES = 100  # articles on a narrative page
TIMELINE_SERIES = 8  # lines in a narrative timeline chart (the most frequent labels); the rest are left out

CHART_WIDTH = 720  # SVG viewBox size; the chart scales to its container
CHART_HEIGHT = 220
BAR_CHART_WIDTH = 440  # narrower than a line chart: bar charts sit in a half-width column
CHART_MARGIN = 36
CHART_COLOURS = ("#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0a7ea4", "#57606a")

REPORT_TITLE = "narrascope report"
REPORT_ACTORS = 200  # actor sections in the report (the most mentioned)
REPORT_STORIES = 1000  # story sections in the report (the latest)
