"""Default output names: each variant of a build (style, gray, duplex, print marks) gets a file of its own,
so building one variant never replaces another."""
from __future__ import annotations


def pdf_name(edition: str, style: str, first_style: str, gray: bool = False, duplex: bool = False,
             bleed: bool = False, crop_marks: bool = False, part: str = "") -> str:
    """`<edition>[-<style>][-gray][-duplex][-bleed][-cropmarks][-<part>].pdf`.

    The edition's own (first) style is left out of the name, so `handbook build` writes
    `dist/<edition>.pdf`; `gray` and `duplex` are the variants forced by the command line on a style
    that is not already so (a grayscale style forced to gray prints the same pages)."""
    words = [edition]
    if style != first_style:
        words.append(style)
    for flag, word in ((gray, "gray"), (duplex, "duplex"), (bleed, "bleed"), (crop_marks, "cropmarks")):
        if flag:
            words.append(word)
    if part:
        words.append(part)
    return "-".join(words) + ".pdf"
