"""The warm process behind `handbook watch`: one edition rebuilt on every save, keeping what did not change.

A cold build spends most of its time on work whose inputs rarely change between two saves: Python
and library imports, font and hyphenation loading, composing YAML, parsing paragraph markup,
breaking paragraphs into lines, preparing logos, fitting the cheat sheet. A `WarmBuilder` lives
for the whole watch session and keeps all of it, each piece keyed by what it depends on, so an
edit only redoes what it touched; the PDF is still a complete, fresh layout, byte-identical to
a cold `handbook build` of the same files (a test compares them after edits).

What is kept, and why it stays correct:
- fonts, the hyphenation dictionary and its word cache, the states list: process-wide already
  (ReportLab's registry, functools caches); they depend on files that an edit does not touch,
  and a changed font file is forgotten explicitly (see `_forget_fonts`).
- composed YAML (sources/yamlfile.py `composed`): keyed by the file's whole text, so an edited
  file is composed again and the others are not. The model is still read afresh on every
  rebuild (cheap), because the transforms number and link it in place.
- parsed and broken paragraphs (layout/breakcache.py): keyed by the paragraph's markup, its
  complete style and the widths it is broken at; an edited paragraph has new markup (a miss),
  an edited style new style values (misses everywhere it matters), the rest hits.
- prepared logos (style/logo.py `prepared`): keyed by the logo files' stamps and the numbers of
  the style that shape them.
- the cheat sheet's fitted size (layout/cheatsheet.py `fitted_sizes`): keyed by the sheet's
  content, the edition's names and the whole style.
- the index terms found in each laid-out text (indexing/subject.py `found_terms`): keyed by the
  catalogue's wordings, their keys and the country readings, then by the text.
- compressed PDF streams and formatted links (output/pdfbytes.py `compressed`, `links`): keyed by
  the stream's bytes (a page that an edit did not change is not compressed again; zlib gives the
  same bytes for the same input), and by the link's rectangle, border, contents and formatted
  destination (which holds the target page's object number).
- logos' PDF image objects (layout/images.py): keyed by the prepared Pillow image, itself kept.
- the footnote and note anchors found in a paragraph (layout/footnotes.py `kept_scans`): keyed by
  its fragment list, which a paragraph taken from the break cache shares with the last rebuild.
What is invalidated: after each rebuild, every entry the rebuild did not use (so memory stays
bounded by one edition); on a changed font file, the font and everything measured with it.
"""
from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import HandbookError
from .sources.project import Project

FONT_SUFFIXES = (".ttf", ".otf")


class Kept(dict):
    """A dict that remembers which keys a rebuild looked up or stored, to drop the others afterwards."""

    def __init__(self):
        super().__init__()
        self.used: set = set()

    def __contains__(self, key) -> bool:
        self.used.add(key)
        return super().__contains__(key)

    def __getitem__(self, key):
        self.used.add(key)
        return super().__getitem__(key)

    def __setitem__(self, key, value) -> None:
        self.used.add(key)
        super().__setitem__(key, value)

    def made(self, key, make):
        """The value kept for `key`, made by `make(key)` the first time."""
        if key not in self:
            self[key] = make(key)
        return self[key]

    def sweep(self) -> None:
        for key in [k for k in self if k not in self.used]:
            del self[key]
        self.used = set()


def fit_key(page) -> str:
    """What a cheat sheet's fitted size depends on: its content, the edition's names, the links, the style."""
    import dataclasses
    theme = dataclasses.replace(page.theme, logos=None, warnings=[])
    return repr((page.sheet, page.edition.conference, page.edition.committee, page.ref_prefix, page.link_refs,
                 page.in_book, page.page_size, theme))


class FittedSizes:
    """The cheat sheet's fitted sizes by content key; kept between rebuilds, swept like the others."""

    def __init__(self):
        self.sizes: dict = {}
        self.used: set = set()

    def get(self, page) -> tuple | None:
        key = fit_key(page)
        self.used.add(key)
        return self.sizes.get(key)

    def put(self, page, size: tuple) -> None:
        key = fit_key(page)
        self.used.add(key)
        self.sizes[key] = size

    def sweep(self) -> None:
        self.sizes = {k: v for k, v in self.sizes.items() if k in self.used}
        self.used = set()


@dataclass
class Rebuild:
    """What one rebuild gave: the build result, or the errors (the last good PDF is left in place)."""

    ok: bool
    seconds: float
    result: object = None  # handbook.BuildResult when ok
    errors: list = field(default_factory=list)  # one-line diagnostics when not ok
    changed: list = field(default_factory=list)  # the paths whose change started it

    def line(self) -> str:
        """The one line `handbook watch` prints for this rebuild."""
        stamp = time.strftime("%H:%M:%S")
        if not self.ok:  # the errors come with the warnings given with them: count the errors
            count = sum(1 for e in self.errors if ": warning:" not in e) or len(self.errors)
            return f"{stamp}  error: {count} error{'s' if count != 1 else ''}; the last good PDF is kept"
        r = self.result
        warnings = len(r.warnings)
        return (f"{stamp}  {r.path}  {self.seconds:.2f} s  {r.pages} pages  "
                f"{r.notes_same_page}/{r.notes_total} notes beside their anchor  "
                f"{warnings} warning{'s' if warnings != 1 else ''}")


class WarmBuilder:
    """Builds one edition again and again in this process; `rebuild(changed)` performs one rebuild."""

    def __init__(self, root: Path | str = ".", edition: str | None = None, **options):
        from .layout.breakcache import BreakCache
        self.root = Path(root)
        self.edition = edition
        self.options = options  # handbook.build() keyword arguments (style, output, strict, ...)
        self.breaks = BreakCache()
        self.fitted = FittedSizes()
        self.composed = Kept()
        self.logos = Kept()
        self.terms = Kept()
        self.compressed = Kept()
        self.scans = Kept()
        self.links = Kept()
        self.last_good = None  # the BuildResult of the last rebuild that wrote a PDF

    def watched_paths(self) -> list[Path]:
        """The folders whose files feed the build: the edition's sources and the styles (fonts, logos)."""
        project = Project(self.root)
        folders = [project.edition_folder(self.edition), project.styles]
        return [f for f in folders if f.is_dir()]

    def rebuild(self, changed=()) -> Rebuild:
        """Build once more after `changed` paths changed (all of them, the first time); never raises
        for a user error: it comes back as the Rebuild's errors, and the last good PDF stays."""
        import gc
        from . import build
        changed = [Path(p) for p in changed]
        self._invalidate(changed)
        started = time.perf_counter()
        # the collector would walk the whole warm heap again and again while a rebuild allocates
        # (a sixth of a rebuild's time); the rebuild's cycles are collected after it, off the clock
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.active():
                result = build(self.edition, root=self.root, **self.options)
        except HandbookError as exc:
            lines = [str(d) for d in exc.diagnostics] or [exc.format_message()]
            return Rebuild(False, time.perf_counter() - started, errors=lines, changed=changed)
        except Exception as exc:  # noqa: BLE001  an internal failure on one save must not end the session
            detail = " ".join(str(exc).split())
            return Rebuild(False, time.perf_counter() - started, changed=changed,
                           errors=[f"handbook: internal error: {type(exc).__name__}: {detail} "
                                   "(run 'handbook --debug build' for details)"])
        finally:
            self._sweep()  # before the collector is back: its first pass would otherwise land on the sweep
            if collecting:
                gc.enable()
        self.last_good = result
        return Rebuild(True, time.perf_counter() - started, result=result, changed=changed)

    @contextlib.contextmanager
    def active(self):
        """The kept state plugged into the build's modules for the length of one build, then unplugged,
        so anything else this process builds (a test, a cold build) runs exactly as it always does."""
        from .indexing import subject
        from .layout import breakcache, cheatsheet, footnotes
        from .output import pdfbytes
        from .sources import yamlfile
        from .style import logo
        breakcache.activate(self.breaks)
        cheatsheet.fitted_sizes, yamlfile.composed, logo.prepared = self.fitted, self.composed, self.logos
        subject.found_terms, pdfbytes.compressed, footnotes.kept_scans = self.terms, self.compressed, self.scans
        pdfbytes.links = self.links
        try:
            yield self
        finally:
            breakcache.activate(None)
            cheatsheet.fitted_sizes = yamlfile.composed = logo.prepared = subject.found_terms = None
            pdfbytes.compressed = pdfbytes.links = footnotes.kept_scans = None

    def _invalidate(self, changed: list[Path]) -> None:
        fonts = [p for p in changed if p.suffix.lower() in FONT_SUFFIXES]
        if fonts:  # ReportLab keeps fonts by name: the new file must be read, and text measured again
            _forget_fonts(fonts)
            self.breaks.clear()
            self.fitted = FittedSizes()

    def _sweep(self) -> None:
        """Keep only what the last rebuild used: an edited paragraph's old text, an old style's paragraphs
        and a file's old text go; memory stays that of one edition however long the session."""
        self.breaks.sweep()
        self.fitted.sweep()
        self.composed.sweep()
        self.logos.sweep()
        self.terms.sweep()
        self.compressed.sweep()
        self.scans.sweep()
        self.links.sweep()


def _forget_fonts(paths: list[Path]) -> None:
    """Unregister the fonts read from these files, so the next theme load reads them again."""
    from reportlab.pdfbase import pdfmetrics
    wanted = set()
    for path in paths:
        with contextlib.suppress(OSError):
            wanted.add(path.resolve())
        wanted.add(path.absolute())
    for name, font in list(pdfmetrics._fonts.items()):
        filename = getattr(getattr(font, "face", None), "filename", None)
        if filename and (Path(filename).absolute() in wanted or Path(filename).resolve() in wanted):
            del pdfmetrics._fonts[name]


SOURCE_SUFFIXES = (".yaml", ".yml", ".md", ".png", ".jpg", ".jpeg") + FONT_SUFFIXES


def source_filter(ignored=()):
    """Changes worth a rebuild: sources, styles, logos and fonts; not hidden or temporary files, and
    nothing we write ourselves (`ignored`: the PDF, the preview folder)."""
    skip = [Path(p).absolute() for p in ignored if p]

    def wanted(change, path: str) -> bool:
        p = Path(path).absolute()
        if p.name.startswith(".") or p.suffix.lower() not in SOURCE_SUFFIXES:
            return False
        return not any(p == s or s in p.parents for s in skip)
    return wanted


def watch(builder: WarmBuilder, echo, png=None, stop_event=None, step_ms: int = 5) -> int:
    """Build once, then again after every save, until interrupted (or `stop_event` is set).

    `echo(text, err=False)` prints; `png` is an output.preview.PngFolder refreshed after each good
    build. Changes are gathered for `step_ms` after the first one, so an editor's save (often a
    write and a rename) makes one rebuild. Returns the number of rebuilds.
    """
    import gc
    import logging

    import watchfiles
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its "KeyboardInterrupt caught" notice: we say "stopped"
    count = 0
    shown: list = []

    def one(changed) -> None:
        nonlocal count, shown
        outcome = builder.rebuild(changed)
        count += 1
        line = outcome.line()
        if outcome.ok:
            if png is not None:
                redrawn = png.refresh(outcome.result.path)
                line += f"  PNG: {_pages_text(redrawn)}"
            warnings = [str(w) for w in outcome.result.warnings]
            if warnings != shown:  # warnings are listed when they change, not on every save
                for warning in warnings:
                    echo(warning, err=True)
                shown = warnings
        else:
            for error in outcome.errors:
                echo(error, err=True)
            shown = []
        echo(line)
        gc.collect()  # the rebuild's garbage, now that the PDF is in place and the line printed

    ignored = [builder.options.get("output"), png.folder if png is not None else None]
    # the watcher starts before the first build (its first, empty, yield), so a save made while
    # that build runs is not missed; empty yields come every rust_timeout and are skipped
    changes_seen = watchfiles.watch(*builder.watched_paths(), watch_filter=source_filter(ignored), step=step_ms,
                                    stop_event=stop_event, raise_interrupt=False, yield_on_timeout=True,
                                    rust_timeout=200)
    try:  # Ctrl-C stops cleanly whenever it comes: while waiting, or mid-build (the PDF is written atomically)
        if next(changes_seen, None) is None:
            return count
        one([])
        for changes in changes_seen:
            if changes:
                one(sorted({Path(path) for _, path in changes}))
    except KeyboardInterrupt:
        pass
    return count


def _pages_text(pages: list[int]) -> str:
    if not pages:
        return "no page changed"
    return f"page{'s' if len(pages) != 1 else ''} " + ", ".join(map(str, pages)) + " redrawn"
