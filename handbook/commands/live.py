"""`handbook watch` and `handbook preview`: instant feedback while a guide is being written."""
from __future__ import annotations

from pathlib import Path

import click

from .building import tell_sources
from .completion import complete_edition, complete_style
from .console import VERBOSE, console


def _a_number(ctx, param, value):
    """FloatRange lets "nan" through (every comparison with it is false); it then crashed the renderer."""
    if value is not None and value != value:
        raise click.BadParameter("nan is not a number", ctx=ctx, param=param)
    return value


@click.command()
@click.argument("edition", required=False, shell_complete=complete_edition)
@click.option("-s", "--style", metavar="NAME", shell_complete=complete_style,
              help="Style to use (overrides the edition's own).")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the PDF (default: dist/<edition>[-<style>][-gray][-duplex].pdf, as build "
                   "names it).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--grayscale", is_flag=True, default=None, help="Force every colour and image to gray.")
@click.option("--duplex", is_flag=True, default=None, help="Start every part on a right-hand page.")
@click.option("--png", "png_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also keep PNG previews of the pages in this folder, redrawing the pages that changed.")
@click.option("--dpi", type=click.FloatRange(min=10, max=600), default=100, show_default=True, callback=_a_number,
              help="With --png: resolution of the previews.")
@click.pass_context
def watch(ctx, edition, style, output, strict, grayscale, duplex, png_dir, dpi):
    """Build EDITION, then rebuild it on every save of its sources or its style.

    Prints one line per rebuild: the time, the build time, pages, notes beside their anchor,
    warnings. A save with an error prints the error (path:line:col) and keeps the last good
    PDF. The process keeps fonts, parsed files, line breaks, logos and the cheat sheet's size
    between rebuilds, so a small edit is rebuilt in a fraction of a cold build; the PDF is the
    same, byte for byte, as `handbook build` makes. Stop with Ctrl-C.
    """
    from ..watch import WarmBuilder, watch as watch_loop
    builder = WarmBuilder(ctx.obj["root"], edition, style=style, output=output, strict=strict, grayscale=grayscale,
                          duplex=duplex)
    folders = builder.watched_paths()  # an unknown edition fails here, before anything is built
    png = None
    if png_dir is not None:
        from ..output.preview import PngFolder
        png = PngFolder(png_dir, dpi)
    out = console(ctx)  # -q: errors and warnings alone; -v: also what it reads
    if out.level >= VERBOSE:
        tell_sources(out, edition, style)
    out.say("watching " + ", ".join(str(f) for f in folders) + " (Ctrl-C to stop)")
    count = watch_loop(builder, lambda text, err=False: out.warn(text) if err else out.say(text), png=png)
    out.say(f"stopped after {count} build{'s' if count != 1 else ''}")


@click.command()
@click.argument("edition", required=False, shell_complete=complete_edition)
@click.option("-s", "--style", metavar="NAME", shell_complete=complete_style,
              help="Style to use (overrides the edition's own).")
@click.option("-p", "--page", "pages", default="1", show_default=True,
              help="Pages to render: 3, 2-5, 1,4-6 or all.")
@click.option("--png", "out", type=click.Path(path_type=Path),
              help="A .png file (one page) or a folder (default: dist/preview/).")
@click.option("--dpi", type=click.FloatRange(min=10, max=600), default=100, show_default=True, callback=_a_number,
              help="Resolution of the images.")
@click.pass_context
def preview(ctx, edition, style, pages, out, dpi):
    """Render pages of EDITION's PDF to PNG images, for a quick look or a web page.

    The PDF is built first when it is missing or older than the edition's sources or styles.
    Folder outputs are named <pdf name>-p<page>.png (e.g. p003 for page 3).
    """
    from ..output.preview import page_count, page_png, parse_pages, render_pages
    shown = console(ctx)  # -q: errors and warnings alone; -v: also what it reads
    if shown.level >= VERBOSE:
        tell_sources(shown, edition, style)
    pdf = _fresh_pdf(ctx.obj["root"], edition, style, shown.say)
    chosen = parse_pages(pages, page_count(pdf))
    if out is not None and out.suffix.lower() == ".png":
        if len(chosen) != 1:
            raise click.UsageError("--png FILE.png takes one page; give a folder for several")
        targets = [out]
    else:
        folder = out if out is not None else pdf.parent / "preview"
        targets = [page_png(folder, pdf.stem, n) for n in chosen]
    from ..output.staging import Staging
    from ..sources.project import Project
    # staged like a build's outputs: never over a source (a logo named as --png), a device or a folder
    with Staging(protected=Project(ctx.obj["root"]).source_files()) as staging:
        parts = [staging.reserve(target, "the preview") for target in targets]
        render_pages(pdf, chosen, parts, dpi)
        staging.commit()
    for target in targets:
        shown.say(str(target))


def _fresh_pdf(root: Path, edition: str | None, style: str | None, say=click.echo) -> Path:
    """The edition's PDF at its usual place, built first if it is missing or older than any source."""
    from ..sources.project import Project
    from ..watch import WarmBuilder
    project = Project(root)
    folders = WarmBuilder(root, edition).watched_paths()
    newest = max((p.stat().st_mtime for f in folders for p in f.rglob("*") if p.is_file()), default=0)
    from .. import default_output
    from ..sources.reader import read_edition
    folder = project.edition_folder(edition)
    pdf = default_output(project, folder.name, style, read_edition(folder)[0].styles)
    if not pdf.is_file() or pdf.stat().st_mtime < newest:
        from .. import build as build_edition
        result = build_edition(edition, style=style, root=root)
        say(f"{result.path}  {result.pages} pages  {result.seconds:.2f} s")
        pdf = result.path
    return pdf
