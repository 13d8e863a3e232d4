"""The 'held over time' chart, drawn at build time by pygal as a static SVG (no script at page load)."""

from __future__ import annotations

import datetime as dt
import re

import pygal
from pygal.style import Style

from tracker.i18n import Language


def held_chart(series: list[tuple[dt.date, int]], words: Language | None = None) -> tuple[str, str]:
    """(SVG markup, one-sentence text equivalent) for people held at each month end."""
    if not series:
        return "", ""
    words = words or Language("en")
    month = lambda day: words.date(day.strftime("%Y-%m"))  # noqa: E731 - a one-line local helper
    style = Style(
        background="transparent",
        plot_background="transparent",
        foreground="currentColor",
        foreground_strong="currentColor",
        foreground_subtle="#888",
        colors=("#b71c1c",),
        font_family="inherit",
        label_font_size=13,
        major_label_font_size=13,
        title_font_size=16,
    )
    chart = pygal.Line(
        width=800,
        height=300,
        style=style,
        show_legend=False,
        show_dots=False,
        fill=True,
        js=[],  # pygal's tooltips load a script from a CDN: none at page load, by policy
        disable_xml_declaration=True,
        explicit_size=False,
        x_label_rotation=0,
        show_minor_x_labels=False,
        truncate_label=-1,
        title=words.t("People held over time, in this record"),
        y_title=words.t("people held"),
        min_scale=2,
        max_scale=6,
    )
    axis = (lambda day: day.strftime("%b %Y")) if words.code != "hy" else month
    chart.x_labels = [axis(day) for day, _ in series]
    chart.x_labels_major = [axis(day) for day, _ in series if day.month == 1]
    chart.add("held", [count for _, count in series])
    chart.uuid = "held"  # pygal's default is random: the page must be the same bytes every build
    svg = chart.render(is_unicode=True)
    # pygal's inline config script and its dated "generated" comment: no script at page load, no date.
    svg = re.sub(r"<script\b.*?</script>", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = svg.replace("<svg ", '<svg role="img" aria-labelledby="held-chart-title" ', 1)
    svg = svg.replace("<title>", '<title id="held-chart-title">', 1)
    peak_day, peak = max(series, key=lambda point: (point[1], point[0]))
    last_day, last = series[-1]
    if words.code == "hy":
        month_case = lambda day, case: words.date(day.strftime("%Y-%m"), case)  # noqa: E731
        caption = (
            f"Պահվողների թիվն ըստ ամիսների՝ այս շտեմարանի տվյալներով, {month_case(series[0][0], 'from')} "
            f"մինչև {month(last_day)}. վերջին ամսին՝ {last}, առավելագույնը՝ {peak} ({month_case(peak_day, 'on')})։ "
            "Հաշվվում են միայն այն անձինք, որոնց կալանավորումը գրանցված է այստեղ. պաշտոնական և այլ կողմերի "
            "հայտնած թվերը վերևում են։"
        )
    else:
        caption = (
            f"People this record shows held, month by month, from {month(series[0][0])} to "
            f"{month(last_day)}: {last} at the latest month; the most was {peak} in {month(peak_day)}. "
            "Only people whose detention is recorded here are counted; official and claimed totals are above."
        )
    return svg, caption
