"""Charts as real images (PNG) drawn by matplotlib; the data is shaped by `chartdata` first."""

import io

import matplotlib

matplotlib.use("Agg")  # no display on a server; set before pyplot is imported

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import rcParams  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402

from .chartdata import wrap  # noqa: E402

rcParams["font.family"] = ["DejaVu Sans", "Noto Sans Arabic", "sans-serif"]
rcParams["svg.fonttype"] = "none"

PRIMARY = "#1d5f8c"
ACCENT = "#c2571a"
PALETTE = ["#1d5f8c", "#c2571a", "#4b7f2a", "#7a4b94", "#a3842a", "#2a8a86", "#8c2a3f", "#555555"]


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def horizontal_bars(labels: list[str], values: list[float], *, xlabel: str = "", color: str = PRIMARY) -> bytes:
    """Bars from top to bottom in the given order, each with its value written beside it."""
    height = 0.9 + 0.42 * max(len(labels), 1)
    figure, axes = plt.subplots(figsize=(7.0, height))
    positions = range(len(labels))
    bars = axes.barh(list(positions), values, color=color)
    axes.set_yticks(list(positions), [wrap(label, 38) for label in labels])
    axes.invert_yaxis()
    axes.bar_label(bars, labels=[_number(v) for v in values], padding=3, fontsize=9)
    axes.set_xlabel(xlabel)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_xlim(0, (max(values) if values else 1) * 1.15 or 1)
    axes.tick_params(axis="y", labelsize=9)
    return _png(figure)


def grouped_bars(categories: list[str], series: dict[str, list[float]], *, ylabel: str = "") -> bytes:
    """Counts side by side per category (the y axis counts whole things: no 0.5 answers or cards)."""
    figure, axes = plt.subplots(figsize=(7.0, 3.6))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    count = max(len(series), 1)
    width = 0.8 / count
    for index, (name, values) in enumerate(series.items()):
        offsets = [i + (index - (count - 1) / 2) * width for i in range(len(categories))]
        bars = axes.bar(offsets, values, width, label=name, color=PALETTE[index % len(PALETTE)])
        axes.bar_label(bars, labels=[_number(v) for v in values], padding=2, fontsize=8)
    axes.set_xticks(range(len(categories)), [wrap(c, 16) for c in categories], fontsize=8)
    axes.set_ylabel(ylabel)
    axes.spines[["top", "right"]].set_visible(False)
    axes.legend(fontsize=8, frameon=False)
    return _png(figure)


def _number(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") if value % 1 else f"{int(value)}"
