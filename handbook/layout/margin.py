"""The margin column across pages: plans each page's end, then sets its callouts and carries the rest on."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..style.theme import Theme
from .callouts import Callout
from .placement import Column, Waiting, plan_page
from .planner import Planner


@dataclass
class PageFigures:
    """What placement did, for the layout report."""

    placed: list = field(default_factory=list)  # (callout key, page, anchor page) of first parts
    splits: list = field(default_factory=list)  # (callout key, page of the head, page of the rest)
    forms: dict = field(default_factory=dict)  # "continued on" form name -> page where the rest printed
    tight_pages: list = field(default_factory=list)  # pages whose callouts were closed up


class MarginPlacer:
    """Owns the callouts waiting for a page, the page-window planner and the placement of each page."""

    def __init__(self, theme: Theme, callouts: dict, reserve):
        rules = theme.placement
        top, bottom = theme.page_size[1] - theme.margins["top"], theme.margins["bottom"]
        self.width = theme.callout_width
        self.column = Column(self.width, top, bottom, theme.spacing["callout_gap"], rules["split_floor"],
                             tighten=rules["tighten"])
        self.callouts = callouts
        self.planner = Planner(callouts, self.column, theme.text_width, theme.sizes["leading"], rules, reserve)
        self.pending: list[Waiting] = []  # carried to the next page: rests of split callouts, late notes
        self.figures = PageFigures()

    def reset(self) -> None:
        self.pending, self.figures = [], PageFigures()

    def plan_text(self, remaining: list, page: int, top: float, bottom: float):
        """Where this page's text must end ((flowable, lines kept) or None), and the space to add per gap."""
        return self.planner.plan(remaining, page, self.pending, top, bottom)

    def _items(self, anchors: list, page: int) -> list[Waiting]:
        anchored = sorted(anchors, key=lambda a: (-a[1], self.callouts[a[0]].number))
        return list(self.pending) + [Waiting(self.callouts[key], page, y) for key, y in anchored]

    def overflows(self, anchors: list, page: int) -> bool:
        """Whether this page's margin cannot take every waiting callout."""
        if not (self.pending or anchors):
            return False
        return bool(plan_page(self._items(anchors, page), page, self.column).carried)

    def carry(self, anchors: list, page: int) -> None:
        """Anchors on a page without a margin column: their callouts wait for the next body page."""
        self.pending += [Waiting(self.callouts[key], page) for key, _ in anchors]

    def place(self, anchors: list, page: int, draw, last: bool = False) -> None:
        """Set this page's callouts (`draw(callout, top)` draws one) and keep what goes on.

        `last`: the part's text ends on this page, so whatever waits would need a page of its own.
        """
        items = self._items(anchors, page)
        if not items:
            return
        plan = plan_page(items, page, self.column, last)
        carried = []
        if plan.tight:
            self.figures.tight_pages.append(page)
        made = []
        for slot in plan.slots:
            item, callout = slot.item, slot.item.callout
            callout.tight = plan.tight
            if callout.resolves:
                self.figures.forms[callout.resolves] = page
                self.figures.splits.append((callout.key, item.part_of, page))
            if slot.rows is not None:
                callout, rest = callout.split_at(self.width, slot.rows)
                callout.continued_on = callout.continued_text("")
                callout.continued_form = rest.resolves = f"continued-{callout.key}-{page}"
                rest.continuation = rest.resumed_text(page)
                carried.append(Waiting(rest, item.anchor_page, None, part_of=page))
            if callout.first:
                self.figures.placed.append((callout.key, page, item.anchor_page))
            made.append((callout, slot))
        for (callout, slot), top in zip(made, self._tops(made, plan.tight)):
            draw(callout, top)
        for item in plan.carried:
            if item.is_tail and not isinstance(item.callout, Callout):
                continue  # imagined by the plan: the real rest was made above
            callout = item.callout
            if callout.first and not callout.continuation:
                callout.continuation = callout.moved_text(item.anchor_page)
            carried.append(Waiting(callout, item.anchor_page, None, part_of=item.part_of))
        self.pending = carried

    def _tops(self, made: list, tight: float) -> list:
        """The boxes stacked again with their real heights (a cut piece may differ from its plan by a line's space)."""
        column = replace(self.column, tight=tight)
        wants = [column.top if slot.item.anchor_y is None else slot.item.anchor_y + callout.baseline_drop(tight)
                 for callout, slot in made]
        tops = column.stack(wants, [callout.wrap(self.width, 10 ** 6)[1] for callout, _ in made])
        return tops or [slot.top for _, slot in made]

    def define_forms(self, canv, style) -> None:
        """Write the page number of every "continued on p." (call once every page is done)."""
        for name, page in self.figures.forms.items():
            canv.beginForm(name, lowerx=0, lowery=-style.fontSize, upperx=style.fontSize * 3,
                           uppery=style.fontSize * 2)
            canv.setFont(style.fontName, style.fontSize)
            canv.setFillColor(style.textColor)
            canv.drawString(0, 0, str(page))
            canv.endForm()
