"""Reading a cheat-sheet file: its blocks and items."""
from __future__ import annotations

from yaml.nodes import Node, ScalarNode

from ..model import CheatBlock, CheatItem, CheatSheet
from .texts import TextReader
from .yamlfile import Source

CHEAT_KINDS = ("pillars", "list", "numbered", "lettered", "timeline", "terms")


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
            k = src.mapping(node, "cheat-sheet block", required=("id", "title", "items"),
                            optional=("kind", "source"))
            if not k or not all(x in k for x in ("id", "title", "items")):
                continue
            block_id = src.string(k["id"], "id") or ""
            if block_id in ids:
                src.error(k["id"], f"block id {block_id!r} is used twice")
            ids.add(block_id)
            kind = (src.string(k["kind"], "kind") or "list") if "kind" in k else "list"
            if kind not in CHEAT_KINDS:
                src.error(k["kind"], f"unknown block kind {kind!r}", "kinds: " + ", ".join(CHEAT_KINDS))
            sheet.blocks.append(CheatBlock(block_id, src.string(k["title"], "title") or "", kind,
                                           self.cheat_items(src, k["items"], depth=0),
                                           (src.string(k["source"], "source") or "") if "source" in k else "",
                                           src.at(node)))
        return sheet

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
