"""Turn a prose part (a letter, background, further reading) into flowables, with its margin notes."""
from __future__ import annotations

from ..model import ItemList, Prose, ProseHeading, ProsePage
from .flowables import IndexedParagraph
from .markup import escape
from .qrcodes import link_markers
from .story import DrainCallouts, OutlinedParagraph, StoryContext, _markers, _start_markers, build_callout


def prose_key(page: ProsePage) -> str:
    """The destination of a prose part's title; its headings add -1, -2 …"""
    stem = "".join(c if c.isalnum() else "-" for c in page.name.rsplit(".", 1)[0].lower())
    return f"prose-{stem}"


def prose_story(page: ProsePage, ctx: StoryContext, doc_source) -> list:
    """Flowables for one prose part, registering its callouts and footnotes in `ctx`."""
    styles, renderer = ctx.styles, ctx.renderer
    for note in page.notes:
        ctx.callouts[f"n{note.number}"] = build_callout(note, ctx)
    for footnote in page.footnotes:
        qr = link_markers(footnote.text.nodes,
                          f"{page.title}, {ctx.theme.words('attach_footnote', number=footnote.number)}", ctx)
        text = f'<a name="{ctx.prefix}fn-{footnote.number}"/>{renderer.render(footnote.text, qr)}'
        ctx.footnotes[f"{ctx.prefix}{footnote.number}"] = IndexedParagraph(
            f"<bullet><super>{footnote.number}</super></bullet>{text}", styles.footnote)
    places: dict = {}
    for note in page.notes:
        places.setdefault(note.attach.paragraph, []).append(note)
    key = prose_key(page)
    story: list = [OutlinedParagraph(f'<a name="{key}"/>{escape(page.title)}', styles.part_title,
                                     (page.title, key, 0))]
    place = sub = 0
    for block in page.blocks:
        if isinstance(block, ProseHeading):
            sub += 1
            story.append(OutlinedParagraph(f'<a name="{key}-{sub}"/>' + renderer.render(block.text),
                                           styles.prose_heading, (block.plain, f"{key}-{sub}", 1)))
        elif isinstance(block, Prose):
            place += 1
            story.append(_paragraph(block.text, places.get(place, []), "", page, ctx, styles.prose))
        elif isinstance(block, ItemList):
            for number, item in enumerate(block.items, 1):
                place += 1
                bullet = f"<bullet>{number}.</bullet>" if block.ordered else "<bullet>•</bullet>"
                story.append(_paragraph(item, places.get(place, []), bullet, page, ctx, styles.prose_item))
    story.append(DrainCallouts(doc_source))
    return story


def _paragraph(text, notes: list, bullet: str, page: ProsePage, ctx: StoryContext, style) -> IndexedParagraph:
    """One paragraph or list item: notes marked at their phrase (or at its start), links given QR codes."""
    markers, rest = _markers(notes, text.plain, ctx)
    markers += _start_markers(rest, ctx)
    markers += link_markers(text.nodes, page.title, ctx)
    return IndexedParagraph(bullet + ctx.renderer.render(text, markers), style)
