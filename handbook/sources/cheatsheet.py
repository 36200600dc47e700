"""Reading a cheat-sheet file: its blocks and items, with the limits a one-page sheet can hold."""
from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from ..model import CheatBlock, CheatItem, CheatSheet
from .texts import TextReader
from .yamlfile import Source

CHEAT_KINDS = ("pillars", "list", "numbered", "lettered", "timeline", "terms")
PILLARS = (2, 5)  # a pillars diagram holds this many items, fewest and most
PILLAR_TITLE = 40  # characters at most in a pillar's title (it wraps inside the pillar)
ROOF_TEXT = 100  # characters at most in the roof and base lines of a pillars diagram


class CheatSheetReader(TextReader):
    """Cheat-sheet files: blocks of items, each item with optional title, refs and sub-items."""

    def cheatsheet_file(self, name: str) -> CheatSheet | None:
        src, root = self.load(name)
        if root is None:
            return None
        keys = src.mapping(root, "cheat sheet", required=("title", "blocks"), optional=("subtitle",))
        if not keys or "title" not in keys:
            return None
        sheet = CheatSheet(src.string(keys["title"], "title") or "",
                           (src.string(keys["subtitle"], "subtitle") or "") if "subtitle" in keys else "", [],
                           src.at(root))
        ids = set()
        for node in src.sequence(keys["blocks"], "blocks") if "blocks" in keys else []:
            block = self.cheat_block(src, node)
            if block is None:
                continue
            if block.id in ids:
                src.error(node, f"block id {block.id!r} is used twice")
            ids.add(block.id)
            sheet.blocks.append(block)
        return sheet

    def cheat_block(self, src: Source, node: Node) -> CheatBlock | None:
        k = src.mapping(node, "cheat-sheet block", required=("id", "title", "items"),
                        optional=("kind", "source", "roof", "base"))
        if not k or not all(x in k for x in ("id", "title", "items")):
            return None
        kind = (src.string(k["kind"], "kind") or "list") if "kind" in k else "list"
        if kind not in CHEAT_KINDS:
            src.error(k["kind"], f"unknown block kind {kind!r}", "kinds: " + ", ".join(CHEAT_KINDS))
        text = lambda key: (src.string(k[key], key) or "").strip() if key in k else ""  # noqa: E731
        block = CheatBlock(src.string(k["id"], "id") or "", src.string(k["title"], "title") or "", kind,
                           self.cheat_items(src, k["items"], depth=0), text("source"), src.at(node),
                           roof=text("roof"), base=text("base"))
        if kind == "pillars":
            self.check_pillars(src, k, block)
        else:
            for key in ("roof", "base"):
                if key in k:
                    src.error(k[key], f"{key!r} belongs to a pillars block, not a {kind} block")
        return block

    def check_pillars(self, src: Source, keys: dict, block: CheatBlock) -> None:
        """A pillars diagram: 2-5 items, short titles, one roof line; each limit named at its line."""
        if not block.roof:
            src.error(keys.get("roof", keys["items"]), "a pillars block needs a 'roof': the idea its pillars hold up",
                      "e.g. roof: Responsibility to protect")
        count = len(block.items)
        if not PILLARS[0] <= count <= PILLARS[1]:
            src.error(keys["items"], f"a pillars block holds {PILLARS[0]} to {PILLARS[1]} items, not {count}",
                      "split it, or make it a list block")
        for item_node, item in zip(src.sequence(keys["items"], "items"), block.items):
            if len(item.title) > PILLAR_TITLE:
                src.error(item_node, f"a pillar's title is at most {PILLAR_TITLE} characters, not {len(item.title)}",
                          "say more in its text")
            if item.items:
                src.error(item_node, "a pillar has no sub-items", "put them in its text")
        for key in ("roof", "base"):
            value = getattr(block, key)
            if key in keys and len(value) > ROOF_TEXT:
                src.error(keys[key], f"the pillars' {key} line is at most {ROOF_TEXT} characters, not {len(value)}")

    def cheat_items(self, src: Source, node: Node, depth: int) -> list[CheatItem]:
        items = []
        optional = ("title", "refs") + (("items",) if depth == 0 else ())
        for item in src.sequence(node, "items"):
            k = src.mapping(item, "cheat-sheet item", required=("text",), optional=optional)
            if not k or "text" not in k:
                continue
            entry = CheatItem(self.text(src, k["text"], "item text"))
            if "title" in k:
                entry.title = src.string(k["title"], "title") or ""
            if "refs" in k:
                refs = k["refs"]
                nodes = refs.value if not isinstance(refs, ScalarNode) else [refs]
                for ref in nodes:
                    number = src.integer(ref, "paragraph reference")
                    if number is not None:
                        entry.refs.append(number)
                        entry.ref_positions.append(src.at(ref))
            if "items" in k:
                entry.items = self.cheat_items(src, k["items"], depth + 1)
            items.append(entry)
        return items
