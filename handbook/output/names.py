"""Default output names: each variant of a build (style, gray, duplex, print marks) gets a file of its own,
so building one variant never replaces another."""
from __future__ import annotations


def pdf_name(edition: str, style: str | None, first_style: str | None, gray: bool = False, duplex: bool = False,
             bleed: bool = False, crop_marks: bool = False, part: str = "") -> str:
    """`<edition>[-<style>][-gray][-duplex][-bleed][-cropmarks][-<part>].pdf`.

    The edition's own (first) style is left out of the name, so `handbook build` writes
    `dist/<edition>.pdf`. The variants are the print options asked for, whatever the style already
    does, so a name can be known before the style is read (`build --all` checks its names first)."""
    words = [edition]
    if style and style != first_style:
        words.append(style)
    for flag, word in ((gray, "gray"), (duplex, "duplex"), (bleed, "bleed"), (crop_marks, "cropmarks")):
        if flag:
            words.append(word)
    if part:
        words.append(part)
    return "-".join(words) + ".pdf"
