"""Charts as real images (PNG) drawn by matplotlib; the data is shaped by `chartdata` first."""

import io
from functools import cache

from .chartdata import wrap


@cache
def _pyplot():
    """matplotlib's pyplot, set up for a server. Heavy (~60 MB): imported when the first chart is drawn, not
    when an app process starts (the pages importing this module mostly show no chart; docs/performance.md)."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server; set before pyplot is imported
    import matplotlib.pyplot as plt

    matplotlib.rcParams["font.family"] = ["DejaVu Sans", "Noto Sans Arabic", "sans-serif"]
    matplotlib.rcParams["svg.fonttype"] = "none"
    return plt


PRIMARY = "#1d5f8c"
ACCENT = "#c2571a"
PALETTE = ["#1d5f8c", "#c2571a", "#4b7f2a", "#7a4b94", "#a3842a", "#2a8a86", "#8c2a3f", "#555555"]


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    _pyplot().close(figure)
    return buffer.getvalue()


def horizontal_bars(labels: list[str], values: list[float], *, xlabel: str = "", color: str = PRIMARY) -> bytes:
    """Bars from top to bottom in the given order, each with its value written beside it."""
    return _png(horizontal_bars_figure(labels, values, xlabel=xlabel, color=color))


def horizontal_bars_figure(labels: list[str], values: list[float], *, xlabel: str = "", color: str = PRIMARY):
    wrapped = [wrap(label, 38) for label in labels]
    # Each bar gets room for its label's lines (up to three at 9 pt), so long labels never overlap.
    lines = max((label.count("\n") + 1 for label in wrapped), default=1)
    height = 0.9 + max(0.42, 0.16 * lines + 0.14) * max(len(labels), 1)
    figure, axes = _pyplot().subplots(figsize=(7.0, height))
    positions = range(len(labels))
    bars = axes.barh(list(positions), values, color=color)
    axes.set_yticks(list(positions), wrapped)
    axes.invert_yaxis()
    axes.bar_label(bars, labels=[_number(v) for v in values], padding=3, fontsize=9)
    axes.set_xlabel(xlabel)
    axes.spines[["top", "right"]].set_visible(False)
    _value_axis(axes.xaxis, values)
    axes.set_xlim(0, _top(values))
    axes.tick_params(axis="y", labelsize=9)
    return figure


def grouped_bars(
    categories: list[str], series: dict[str, list[float]], *, ylabel: str = "", xlabel: str = "", size=(7.0, 3.6)
) -> bytes:
    """Counts side by side per category (the y axis counts whole things: no 0.5 answers or cards)."""
    return _png(grouped_bars_figure(categories, series, ylabel=ylabel, xlabel=xlabel, size=size))


def grouped_bars_figure(
    categories: list[str], series: dict[str, list[float]], *, ylabel: str = "", xlabel: str = "", size=(7.0, 3.6)
):
    # A category's label is wrapped at 16 characters (about an inch at 8 pt): more than five categories
    # widen the chart, so that the labels never overlap (the page scales the picture to its width).
    figure, axes = _pyplot().subplots(figsize=(max(size[0], 1.25 * len(categories) + 0.8), size[1]))
    count = max(len(series), 1)
    width = 0.8 / count
    for index, (name, values) in enumerate(series.items()):
        offsets = [i + (index - (count - 1) / 2) * width for i in range(len(categories))]
        bars = axes.bar(offsets, values, width, label=name, color=PALETTE[index % len(PALETTE)])
        axes.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize=8)
    axes.set_xticks(range(len(categories)), [wrap(c, 16) for c in categories], fontsize=8)
    axes.set_ylabel(ylabel)
    if xlabel:
        axes.set_xlabel(xlabel, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    values = [v for vs in series.values() for v in vs]
    _value_axis(axes.yaxis, values)
    axes.set_ylim(0, _top(values))
    axes.legend(fontsize=8, frameon=False)
    return figure


def _top(values) -> float:
    """Room above the longest bar for its label; at least 1, so that all-zero data keeps a 0…1 axis
    (matplotlib would otherwise centre a flat chart on zero with negative ticks)."""
    return max(max(values, default=0) * 1.15, 1)


def _value_axis(axis, values) -> None:
    """Counts get whole-number ticks; every tick is written the German way (2,5 not 2.5)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator  # loaded with pyplot by the figure's caller

    if all(float(v).is_integer() for v in values):
        axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _pos: _number(round(value, 2))))


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") if value % 1 else f"{int(value)}"


def tick_labels(figure, axis: str) -> list[str]:
    """The value axis' tick labels as drawn (for tests: what a reader sees on the axis)."""
    figure.canvas.draw()
    axes = figure.axes[0]
    ticks = axes.get_xticklabels() if axis == "x" else axes.get_yticklabels()
    return [tick.get_text() for tick in ticks]
