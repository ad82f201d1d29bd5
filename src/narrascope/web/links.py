"""Where a page links to: URLs in the web app, in-page anchors in the self-contained report."""
from __future__ import annotations

from urllib.parse import quote, urlencode


class AppLinks:
    """Links between the web app's pages (every path segment percent-encoded)."""

    report = False

    def overview(self) -> str:
        return "/"

    def article(self, article_id: str) -> str:
        return f"/articles/{quote(article_id, safe='')}"

    def articles(self, **filters) -> str:
        given = {k: v for k, v in filters.items() if v not in (None, "")}
        return "/articles" + (f"?{urlencode(given)}" if given else "")

    def actor(self, actor_id: str) -> str:
        return f"/actors/{quote(actor_id, safe='')}"

    def actors(self) -> str:
        return "/actors"

    def narrative(self, label: str) -> str:
        return f"/narratives/{quote(label, safe='')}"

    def narratives(self) -> str:
        return "/narratives"

    def story(self, story_id: str) -> str:
        return f"/stories/{quote(story_id, safe='')}"

    def stories(self) -> str:
        return "/stories"

    def static(self, name: str) -> str:
        return f"/static/{name}"


class ReportLinks(AppLinks):
    """Links inside the one-file report: each page is a section with an id, shown when targeted."""

    report = True

    def overview(self) -> str:
        return "#overview"

    def article(self, article_id: str) -> str:
        return f"#article-{quote(article_id, safe='')}"

    def articles(self, **filters) -> str:
        return "#articles"

    def actor(self, actor_id: str) -> str:
        return f"#actor-{quote(actor_id, safe='')}"

    def actors(self) -> str:
        return "#actors"

    def narrative(self, label: str) -> str:
        return f"#narrative-{quote(label, safe='')}"

    def narratives(self) -> str:
        return "#narratives"

    def story(self, story_id: str) -> str:
        return f"#story-{quote(story_id, safe='')}"

    def stories(self) -> str:
        return "#stories"


def anchor_id(href: str) -> str:
    """The section id a report link points to (the part after '#')."""
    return href.lstrip("#")
