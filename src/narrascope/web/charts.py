"""Small hand-written SVG charts (no JavaScript, no library): a line chart of series over periods and
a horizontal bar chart. Labels are escaped; the SVG scales to its container (viewBox)."""
from __future__ import annotations

from markupsafe import Markup, escape

from ..settings import web as settings

W, H, M = settings.CHART_WIDTH, settings.CHART_HEIGHT, settings.CHART_MARGIN


def line_chart(periods: list[str], series: dict[str, list[int]], title: str) -> Markup:
    """One line per series over `periods` (x axis, in order); a legend below."""
    if not periods or not series:
        return Markup("")
    top = max(max(values) for values in series.values()) or 1
    step = (W - 2 * M) / max(1, len(periods) - 1)

    def point(i: int, value: int) -> str:
        return f"{M + i * step:.1f},{H - M - (H - 2 * M) * value / top:.1f}"

    parts = [_axes(top)]
    for colour, (name, values) in zip(_colours(), series.items()):
        points = " ".join(point(i, v) for i, v in enumerate(values))
        parts.append(Markup('<polyline fill="none" stroke="{}" stroke-width="2" points="{}"><title>{}</title></polyline>')
                     .format(colour, points, name))
        for i, v in enumerate(values):
            x, y = point(i, v).split(",")
            parts.append(Markup('<circle cx="{}" cy="{}" r="3" fill="{}"><title>{}: {} ({})</title></circle>')
                         .format(x, y, colour, name, v, periods[i]))
    parts += _x_labels(periods, step)
    legend = Markup("").join(
        Markup('<li><span class="swatch" style="background:{}"></span>{}</li>').format(c, name)
        for c, name in zip(_colours(), series)
    )
    return _figure(Markup("").join(parts), title) + Markup('<ul class="legend">{}</ul>').format(legend)


def bar_chart(rows: list[tuple[str, int]], title: str, width: int = settings.BAR_CHART_WIDTH) -> Markup:
    """Horizontal bars, one per (label, value), largest value spanning the width."""
    if not rows:
        return Markup("")
    top = max(v for _, v in rows) or 1
    bar_h, label_w = 22, 180
    height = bar_h * len(rows) + 8
    parts = []
    for i, (label, value) in enumerate(rows):
        y = 4 + i * bar_h
        bar = max(1.0, (width - label_w - 40) * value / top)
        parts.append(Markup(
            '<text x="{}" y="{}" text-anchor="end" class="lbl">{}</text>'
            '<rect x="{}" y="{}" width="{:.1f}" height="{}" fill="{}"><title>{}: {}</title></rect>'
            '<text x="{:.1f}" y="{}" class="val">{}</text>'
        ).format(label_w - 6, y + 15, _short(label), label_w, y + 2, bar, bar_h - 6, settings.CHART_COLOURS[0],
                 label, value, label_w + bar + 4, y + 15, value))
    svg = Markup('<svg viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>').format(
        width, height, title, Markup("").join(parts))
    return Markup('<figure class="chart">{}<figcaption>{}</figcaption></figure>').format(svg, title)


def _figure(body: Markup, title: str) -> Markup:
    svg = Markup('<svg viewBox="0 0 {} {}" role="img" aria-label="{}">{}</svg>').format(W, H, title, body)
    return Markup('<figure class="chart">{}<figcaption>{}</figcaption></figure>').format(svg, title)


def _axes(top: int) -> Markup:
    return Markup(
        '<line x1="{m}" y1="{b}" x2="{r}" y2="{b}" class="axis"/><line x1="{m}" y1="{m}" x2="{m}" y2="{b}" class="axis"/>'
        '<text x="{tx}" y="{ty}" text-anchor="end" class="lbl">{top}</text>'
        '<text x="{tx}" y="{b}" text-anchor="end" class="lbl">0</text>'
    ).format(m=M, b=H - M, r=W - M, tx=M - 4, ty=M + 4, top=top)


def _x_labels(periods: list[str], step: float) -> list[Markup]:
    every = max(1, len(periods) // 8)  # at most about eight labels
    return [
        Markup('<text x="{:.1f}" y="{}" text-anchor="middle" class="lbl">{}</text>').format(M + i * step, H - M + 16, p)
        for i, p in enumerate(periods) if i % every == 0 or i == len(periods) - 1
    ]


def _colours():
    while True:
        yield from settings.CHART_COLOURS


def _short(label: str, limit: int = 26) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def narrative_series(rows: list[dict], limit: int = settings.TIMELINE_SERIES) -> tuple[list[str], dict[str, list[int]]]:
    """From narrative_timeline rows to (periods, {label: articles per period}) for the top labels."""
    periods = fill_months(sorted({r["period"] for r in rows}))
    totals: dict[str, int] = {}
    for r in rows:
        totals[r["label"]] = totals.get(r["label"], 0) + r["articles"]
    labels = sorted(totals, key=lambda k: (-totals[k], k))[:limit]
    index = {p: i for i, p in enumerate(periods)}
    series = {label: [0] * len(periods) for label in labels}
    for r in rows:
        if r["label"] in series:
            series[r["label"]][index[r["period"]]] += r["articles"]
    return periods, series


def monthly(counts: dict[str, int]) -> tuple[list[str], list[int]]:
    """(periods, values) with the months between the first and last filled in as zero."""
    periods = fill_months(sorted(counts))
    return periods, [counts.get(p, 0) for p in periods]


def fill_months(periods: list[str]) -> list[str]:
    """Months (YYYY-MM) from the first to the last given, gaps included, so a quiet month shows as zero."""
    if not periods or any(len(p) != 7 for p in periods):
        return periods
    year, month = map(int, periods[0].split("-"))
    end, filled = periods[-1], []
    while (current := f"{year:04d}-{month:02d}") <= end:
        filled.append(current)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return filled


__all__ = ["bar_chart", "escape", "line_chart", "narrative_series"]
