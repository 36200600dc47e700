"""Margin callouts: the note box flowable, and collision-free placement of callouts in the margin column."""
from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from .flowables import Paragraph

from ..style.theme import KindStyle



class Callout(Flowable):
    """A note drawn as a framed box; splits across pages between or inside its paragraphs."""

    def __init__(self, key: str, number: int, kind: KindStyle, label: Paragraph, content: list, padding: float,
                 rule_colour, attach_label: str, first: bool = True, cont_style=None, dest: str = ""):
        super().__init__()
        self.key = key  # "n12" (note 12) or "q3" (a link's QR code): its anchor carries the same key
        self.dest = dest or f"callout-{key}"  # where the text's marker links to
        self.number = number
        self.kind = kind
        self.label = label
        self.content = content
        self.padding = padding
        self.rule_colour = rule_colour
        self.attach_label = attach_label
        self.first = first
        self.cont_style = cont_style
        self.continuation = ""  # set by the placer: "from ¶ 24, p. 5"
        self._cont_para = None
        self._cont_text = ""

    # geometry -------------------------------------------------------------------------
    def _inset(self) -> tuple[float, float]:
        left = self.padding + (2.5 if self.kind.frame == "rule" else 0)
        return left, self.padding

    def _items(self) -> list:
        items = [self.label] if self.first else []
        if self.continuation:
            from .markup import escape
            text = escape(self.continuation)
            if not self.first:
                text = f"{escape(self.kind.symbol)} {self.number} (continued) {text}"
            if self._cont_para is None or self._cont_text != text:
                self._cont_para, self._cont_text = Paragraph(f"<i>{text}</i>", self.cont_style), text
            items.append(self._cont_para)
        return items + self.content

    def wrap(self, avail_width, avail_height):
        # placement asks for a callout's height many times per page; it only changes with width and mark
        key = (avail_width, self.continuation)
        if getattr(self, "_measured", None) != key:
            left, right = self._inset()
            inner = avail_width - left - right
            height = 2 * self.padding
            for item in self._items():
                _, h = item.wrap(inner, 10 ** 6)
                height += h + item.getSpaceAfter()
            self._measured, self._height = key, height
        self.width, self.height = avail_width, self._height
        return self.width, self.height

    def split(self, avail_width, avail_height):
        left, right = self._inset()
        inner = avail_width - left - right
        room = avail_height - 2 * self.padding
        head = []
        items = self._items()
        fixed = (1 if self.continuation else 0) + (1 if self.first else 0)
        for index, item in enumerate(items):
            _, h = item.wrap(inner, 10 ** 6)
            h_after = h + item.getSpaceAfter()
            if h_after <= room:
                head.append(item)
                room -= h_after
                continue
            if index < fixed:
                return []
            # the piece kept here still carries the item's space after: leave room for it
            parts = item.split(inner, room - item.getSpaceAfter()) if room > item.getSpaceAfter() else []
            if len(parts) >= 2:
                head.append(parts[0])
                rest = parts[1:] + items[index + 1:]
            else:
                rest = items[index:]
            body_head = [x for x in head[fixed:]]
            if not body_head:
                return []
            first = self._copy(body_head, self.first)
            first.continuation = self.continuation
            second = self._copy(rest, first=False)
            return [first, second]
        return [self]

    def _copy(self, content: list, first: bool) -> "Callout":
        return Callout(self.key, self.number, self.kind, self.label, content, self.padding, self.rule_colour,
                       self.attach_label, first, self.cont_style, self.dest)

    # drawing --------------------------------------------------------------------------
    def draw(self):
        canv = self.canv
        left, right = self._inset()
        w, h = self.width, self.height
        canv.saveState()
        colour = self.kind.colour
        canv.setStrokeColor(colour)
        if self.kind.frame == "rule":
            canv.setLineWidth(2.2)
            canv.line(1.1, 0, 1.1, h)
            canv.setStrokeColor(self.rule_colour)
            canv.setLineWidth(0.4)
            canv.line(0, 0, w, 0)
        elif self.kind.frame == "dashed":
            canv.setLineWidth(0.8)
            canv.setDash(3, 2)
            canv.rect(0, 0, w, h, stroke=1, fill=0)
        elif self.kind.frame == "double":
            canv.setLineWidth(0.8)
            canv.line(0, h, w, h)
            canv.line(0, h - 2.2, w, h - 2.2)
            canv.setLineWidth(0.4)
            canv.line(0, 0, w, 0)
        else:
            canv.setLineWidth(0.6)
            canv.rect(0, 0, w, h, stroke=1, fill=0)
        canv.restoreState()
        if self.first:
            canv.bookmarkHorizontal(self.dest, 0, h)
        y = h - self.padding
        inner = w - left - right
        for item in self._items():
            _, ih = item.wrap(inner, 10 ** 6)
            y -= ih
            item.drawOn(canv, left, y)
            if item is self.label:
                # the label links back to the anchor in the text
                canv.linkRect("", f"anchor-{self.key}", (left, y, left + inner, y + ih), relative=1)
            y -= item.getSpaceAfter()


@dataclass
class Pending:
    """A callout that must still be placed, and where it came from."""

    callout: Callout
    anchor_page: int
    desired_top: float | None = None  # None: as high as the column allows


@dataclass
class Placement:
    callout: Callout
    top: float
    height: float


@dataclass
class MarginColumn:
    """Places callouts on one page: aligned with anchors, stacked without overlap, overflow carried on."""

    gap: float
    split_floor: float  # below this a split piece would be a stub of two or three lines: it waits
    placed_log: list = field(default_factory=list)  # (callout key, page, anchor page) of first parts

    def place(self, items: list[Pending], page: int, width: float, top: float, bottom: float
              ) -> tuple[list[Placement], list[Pending]]:
        """Place what fits on this page; return the placements and what waits for the next page.

        Notes come first: a link's QR code ("q…") takes a place only where it fits without pushing a
        note on to the next page, otherwise it waits.
        """
        notes = [p for p in items if not p.callout.key.startswith("q")]
        codes = [p for p in items if p.callout.key.startswith("q")]
        placements, deferred = self._place_in_order(notes, width, top, bottom)
        if codes and not deferred:
            order = {id(p): i for i, p in enumerate(items)}
            chosen = list(notes)
            for code in codes:
                trial = sorted(chosen + [code], key=lambda p: order[id(p)])
                if self._stack(trial, [p.callout.wrap(width, 10 ** 6)[1] for p in trial], top, bottom) is not None:
                    chosen = trial
                else:
                    deferred.append(code)
            heights = [p.callout.wrap(width, 10 ** 6)[1] for p in chosen]
            tops = self._stack(chosen, heights, top, bottom)
            placements = [Placement(p.callout, t, h) for p, t, h in zip(chosen, tops, heights)]
        else:
            deferred += codes
        for p in deferred:
            p.desired_top = None
        for placement in placements:
            c = placement.callout
            if c.first:
                anchor_page = next((p.anchor_page for p in items if p.callout.key == c.key), page)
                self.placed_log.append((c.key, page, anchor_page))
        return placements, deferred

    def _place_in_order(self, items: list[Pending], width: float, top: float, bottom: float):
        """The longest run of `items` that fits, the next one split into the room left, the rest deferred."""
        heights = [p.callout.wrap(width, 10 ** 6)[1] for p in items]
        count = len(items)
        tops = None
        while count > 0:
            tops = self._stack(items[:count], heights[:count], top, bottom)
            if tops is not None:
                break
            count -= 1
        placements = []
        if tops:
            placements = [Placement(items[i].callout, tops[i], heights[i]) for i in range(count)]
        deferred = items[count:]
        if deferred:
            room_top = (tops[-1] - heights[count - 1] - self.gap) if count else top
            nxt = deferred[0]
            desired = nxt.desired_top if nxt.desired_top is not None else top
            part_top = min(room_top, desired)
            room = part_top - bottom
            if room >= self.split_floor or count == 0:
                parts = nxt.callout.split(width, room)
                if len(parts) == 2:
                    h = parts[0].wrap(width, 10 ** 6)[1]
                    placements.append(Placement(parts[0], part_top, h))
                    deferred = [Pending(parts[1], nxt.anchor_page)] + deferred[1:]
                elif count == 0:
                    raise RuntimeError(f"callout {nxt.callout.key} cannot be split to fit the margin column")
        return placements, list(deferred)

    def fits(self, items: list[Pending], width: float, top: float, bottom: float) -> bool:
        """Whether all `items` fit in the column together (no side effects)."""
        heights = [p.callout.wrap(width, 10 ** 6)[1] for p in items]
        return self._stack(items, heights, top, bottom) is not None

    def _stack(self, items, heights, top, bottom):
        """Tops for items in order, or None if they cannot all fit between top and bottom."""
        tops = []
        cursor = top
        for item, h in zip(items, heights):
            want = item.desired_top if item.desired_top is not None else top
            t = min(want, cursor)
            tops.append(t)
            cursor = t - h - self.gap
        limit = bottom
        for i in range(len(tops) - 1, -1, -1):
            if tops[i] - heights[i] < limit:
                tops[i] = limit + heights[i]
            limit = tops[i] + self.gap
        if tops and tops[0] > top + 0.01:
            return None
        return tops
