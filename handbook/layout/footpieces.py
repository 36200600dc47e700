"""Footnote pieces at a page's foot: their heights, and how much of a footnote fits in a given room."""
from __future__ import annotations


def piece_height(frame, piece, width: float) -> float:
    """The height of a footnote (or a piece of one) set `width` wide, measured once per frame."""
    cache = frame.__dict__.setdefault("_heights", {})
    key = (id(piece), width)
    if key not in cache:
        cache[key] = (piece, piece.wrap(width, 10 ** 6)[1])  # the piece is kept alive with its height
    return cache[key][1]


def foot_line(frame) -> float:
    """A footnote line with its share of spacing: the unit of room a continued footnote starts with."""
    para = next(iter(frame.footnotes.values()), None)
    return getattr(getattr(para, "style", None), "leading", 12) * 1.25


def longer_than_a_page(frame, height: float) -> bool:
    """Whether a foot this tall could not stand below even a few lines of text on an empty page."""
    return height > frame._height - frame._topPadding - frame._bottomPadding - 3 * foot_line(frame)


def fit_pieces(frame, pieces: list, room: float) -> tuple[list, list]:
    """The (label, piece) footnotes that fit in `room` at `frame`'s foot (the last split if need be), and the rest."""
    width = frame._getAvailableWidth()
    placed, room = [], room - frame.separator
    for index, (label, piece) in enumerate(pieces):
        height = piece_height(frame, piece, width) + 2
        if height <= room:
            placed.append((label, piece))
            room -= height
            continue
        parts = piece.split(width, room - 2) if room > 2 else []
        if len(parts) == 2:
            placed.append((label, parts[0]))
            return placed, [(label, parts[1])] + pieces[index + 1:]
        return placed, pieces[index:]
    return placed, []
