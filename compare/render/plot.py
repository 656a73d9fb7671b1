"""The timeline as a picture (PNG or SVG) for slides; matplotlib is an optional extra."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

from ...positions.errors import InputError
from ..timeline import Timeline
from .style import COLOURS, MARKS, date_label, mark, thread_label

PICTURES = (".png", ".svg")
LABEL = 60  # characters of the demand shown beside each row


def check_plot_target(path: str) -> None:
    """Fail early, before any work, when the picture cannot be written."""
    if Path(path).suffix.lower() not in PICTURES:
        raise InputError(
            f"cannot draw a {Path(path).suffix or 'picture without an extension'}; name the file .png or .svg", path
        )
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise InputError("drawing needs matplotlib; install it with: pip install 'demanddiff[plot]'", path) from None


def plot_timeline(tl: Timeline, path: str) -> None:
    """Draw one row per thread and one column per round, coloured by status, and save it."""
    check_plot_target(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Rectangle

    with matplotlib.rc_context({"text.parse_math": False}):  # "$5 and $7" is money, not maths
        _draw(tl, path, plt, Patch, Rectangle)


def _draw(tl: Timeline, path: str, plt, Patch, Rectangle) -> None:
    rows, cols = len(tl.threads), len(tl.rounds)
    fig, ax = plt.subplots(figsize=(3.2 + 1.3 * cols + LABEL * 0.07, 1.6 + 0.32 * rows))
    for y, thread in enumerate(tl.threads):
        for x in range(cols):
            step = thread.at(x)
            if step is None:
                continue
            ax.add_patch(Rectangle((x, y), 1, 1, facecolor=COLOURS[step.status], edgecolor="white", linewidth=2))
            ax.text(
                x + 0.5,
                y + 0.5,
                mark(step),
                ha="center",
                va="center",
                fontsize=8,
                color="black" if step.status in ("changed", "dropped") else "white",
            )
    ax.set_xlim(0, cols)
    ax.set_ylim(max(rows, 1), 0)  # no thread at all (every round empty): one empty row
    ax.set_xticks([x + 0.5 for x in range(cols)])
    ax.set_xticklabels([date_label(p) for p in tl.rounds], fontsize=9)
    ax.xaxis.tick_top()
    ax.set_yticks([y + 0.5 for y in range(rows)])
    ax.set_yticklabels([f"{t.id}  {thread_label(t, LABEL)}" for t in tl.threads], fontsize=8)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    party = tl.rounds[0].party
    ax.set_title(f"{party + ': ' if party else ''}demands across {cols} rounds", loc="left", fontsize=11, pad=24)
    handles = [Patch(facecolor=c, label=f"{MARKS[s]} {s}") for s, c in COLOURS.items()]
    ax.legend(
        handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=len(handles), frameon=False, fontsize=8
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.tight_layout()
        fig.savefig(path, dpi=150)
    plt.close(fig)
    _warn_missing_glyphs(caught)


_GLYPH = re.compile(r"Glyph (\d+) .*missing from font")


def _warn_missing_glyphs(caught) -> None:
    """matplotlib's warnings on characters its font lacks (several per character, naming its own
    source lines) as one warning listing them; other warnings are passed on."""
    missing: list[str] = []
    for w in caught:
        found = _GLYPH.search(str(w.message))
        if found is None:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            continue
        char = chr(int(found.group(1)))
        if char not in missing:
            missing.append(char)
    if missing:
        them = "it is" if len(missing) == 1 else "they are"
        warnings.warn(
            f"the picture's font has no glyph for {' '.join(missing)}; {them} drawn as an empty box", stacklevel=3
        )
