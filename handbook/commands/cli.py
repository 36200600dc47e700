"""The `handbook` command line: a thin click layer over the library.

Exit status: 0 success; 1 a build that failed (or warnings under --strict); 2 usage and source errors;
3 an internal error (a bug: the message asks for a report).
"""
from __future__ import annotations

import os
import signal
import sys
from dataclasses import replace
from pathlib import Path

import click

from .. import __version__
from ..errors import HandbookError
from ..language.support import printable_languages
from .completion import complete_edition, complete_style
from .console import NORMAL, QUIET, VERBOSE, Console, console

INTERNAL_ERROR = 3
# The project has no public issue tracker (nor any public address): the line after an internal error
# points at this section of README.md (installed with the package) rather than at an address that does
# not exist.
REPORTING = "Reporting problems"

# ReportLab imports uharfbuzz, when it is installed, for text shaping, which no handbook style asks
# for (ParagraphStyle.shaping stays off): 15-50 ms of every start. The command leaves it out; a
# process that imports handbook as a library is left as it is. The PDF is the same (tested).
sys.modules.setdefault("uharfbuzz", None)  # type: ignore[arg-type]


class _Group(click.Group):
    """Shows user errors as one-line messages; --debug shows the traceback instead."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except HandbookError as exc:
            if ctx.obj and ctx.obj.debug:  # the traceback first, then the one-line messages
                import traceback
                click.echo(traceback.format_exc().rstrip(), err=True)
            _name_the_command(exc, ctx)
            raise
        except (click.ClickException, click.exceptions.Exit, click.Abort, BrokenPipeError):
            raise
        except Exception as exc:  # an internal failure: still one line unless --debug
            if ctx.obj and ctx.obj.debug:
                raise
            detail = " ".join(str(exc).split())  # one line, whatever the exception says
            click.echo(f"handbook: internal error: {type(exc).__name__}: {detail} (run with --debug for details)",
                       err=True)
            click.echo(report_line(), err=True)
            ctx.exit(INTERNAL_ERROR)


def _name_the_command(exc: HandbookError, ctx: click.Context) -> None:
    """An error about the command line rather than a file ('new bad/name') says which command, as click's
    usage errors do: `handbook new: error: ...`, not `handbook: error: ...`."""
    def bare(d) -> bool:  # a Diagnostic without a file (a HandbookError may also hold formatted lines)
        return getattr(getattr(d, "position", None), "path", None) == "handbook"

    if not ctx.invoked_subcommand or not any(bare(d) for d in exc.diagnostics):
        return
    where = f"handbook {ctx.invoked_subcommand}"
    exc.diagnostics = [replace(d, position=replace(d.position, path=where)) if bare(d) else d
                       for d in exc.diagnostics]
    exc.message = "\n".join(str(d) for d in exc.diagnostics)


def report_line() -> str:
    """The line after an internal error: it is our bug, and where to report it."""
    return (f"handbook: this is a bug in handbook {__version__}, not in your sources: please report it "
            f"with the command you ran and the output of --debug (how: '{REPORTING}' in {readme_shown()})")


def readme_shown() -> str:
    """The README's path, as installed with the package or in a checkout (only read after an error)."""
    from .docs import readme_file
    readme = readme_file()
    return str(readme) if readme is not None else "handbook's README.md"


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-C", "--project", "root", type=click.Path(file_okay=False, path_type=Path), default=".",
              show_default=True, help="Project folder holding sources/ and styles/.")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and warnings.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also print the files read and written, and where each style comes from (on stderr).")
@click.option("--debug", is_flag=True, help="Show a traceback for errors.")
@click.version_option(__version__, "-V", "--version", prog_name="handbook", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx, root: Path, quiet: bool, verbose: bool, debug: bool):
    """Build print-ready PDF study guides from YAML sources.

    Editions live in sources/<edition>/handbook.yaml, styles in styles/<name>.yaml
    (the built-in styles wimun, print-bw, pocket and draft work everywhere), and
    built PDFs go to dist/. Start a project in an empty folder with
    `handbook new NAME`, then `handbook build`.

    Exit status: 0 success, 1 failed build (or warnings under --strict),
    2 usage or source errors, 3 internal error.
    """
    if quiet and verbose:
        raise click.UsageError("give -q/--quiet or -v/--verbose, not both")
    ctx.obj = Console(root, debug, QUIET if quiet else VERBOSE if verbose else NORMAL)


def _print_options(func):
    """The print options `build` and `build --all` share."""
    options = [
        click.option("--grayscale", is_flag=True, default=None, help="Force every colour and image to gray."),
        click.option("--duplex", is_flag=True, default=None,
                     help="Start every part on a right-hand page (blank pages added) and ask printers for duplex."),
        click.option("--booklet", is_flag=True,
                     help="Also write <name>-booklet.pdf: pages two-up on landscape sheets, in folding order."),
        click.option("--booklet-sheet", type=click.Choice(["A4", "A3", "Letter", "Legal", "Tabloid"],
                                                          case_sensitive=False),
                     help="With --booklet: the sheet paper (default: A4 for A5 pages, Letter for half-Letter, "
                          "else the pages' own paper, shrunk); A3 keeps A4 pages at 100 %, Tabloid Letter pages."),
        click.option("--bleed", metavar="LENGTH", default=None,
                     help="Add bleed and trim boxes for a print shop, e.g. --bleed 3mm."),
        click.option("--crop-marks", is_flag=True,
                     help="Draw crop marks outside the trim area (with --bleed, beyond it)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


_edition_argument = click.argument("edition", required=False, shell_complete=complete_edition)
_style_option = click.option("-s", "--style", metavar="NAME", shell_complete=complete_style,
                             help="Style to use (overrides the edition's own).")


@cli.command()
@_edition_argument
@_style_option
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the PDF (default: dist/<edition>[-<style>][-gray][-duplex].pdf).")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit status 1).")
@click.option("--report-json", type=click.Path(path_type=Path),
              help="Also write the layout report as JSON to this file ('-' for standard output).")
@click.option("--all", "all_editions", is_flag=True,
              help="Build every edition in each of its styles, in parallel processes.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=2, show_default=True,
              help="With --all: how many builds run at once.")
@_print_options
@click.pass_context
def build(ctx, edition, style, output, strict, report_json, all_editions, jobs, **print_options):
    """Build EDITION (default: the project's default edition) into a PDF.

    Prints the PDF's path, page count and build time, then the layout report:
    how many notes start on their anchor's page, which moved, and any warnings.
    The file name carries every variant, so no build replaces another:
    dist/<edition>.pdf in the edition's first style, dist/<edition>-<style>.pdf
    in another, then -gray, -duplex, -bleed, -cropmarks as asked.

    With --all, builds every edition under sources/ in each style it lists
    (--style builds them all in that one style instead), with the same print
    options; shows progress on a terminal, a line per finished build elsewhere,
    and a summary; exits with status 1 if any failed.
    """
    print_options["bleed"] = _length_option(print_options["bleed"])
    print_options["booklet_sheet"] = _sheet_name(print_options["booklet_sheet"], print_options["booklet"])
    if all_editions:
        if edition or output:
            raise click.UsageError("--all builds every edition: give no EDITION and no --output")
        from .building import build_all_command
        build_all_command(ctx, style, strict, report_json, jobs, print_options)
        return
    from .building import build_command
    build_command(ctx, edition, style, output, strict, report_json, print_options)


def _sheet_name(choice: str | None, booklet: bool) -> str | None:
    """The booklet sheet's paper name as booklet.SHEET_PAPERS spells it."""
    if choice and not booklet:
        raise click.UsageError("--booklet-sheet is for booklets: add --booklet")
    from ..output.booklet import SHEET_PAPERS
    return next((name for name in SHEET_PAPERS if choice and name.lower() == choice.lower()), None)


def _length_option(value: str | None) -> float:
    """A length such as 3mm, 0.125in or 9pt, in points."""
    if value is None:
        return 0.0
    from ..style.values import _length
    points = _length(value)
    if points is None or points < 0 or points > 72:
        raise click.BadParameter(f"{value!r} is not a length such as 3mm, 0.125in or 9pt (at most 1 inch)",
                                 param_hint="--bleed")
    return points


@cli.command()
@click.pass_context
def styles(ctx):
    """List the styles: the project's own (styles/NAME.yaml) and the built-in ones.

    Each line says the paper, colour or grayscale, what the style extends and
    where it comes from; a project style with a built-in's name overrides it.
    An edition names its style in handbook.yaml (style: NAME, or styles: [A, B]);
    `handbook build --style NAME` overrides it for one build.
    """
    from .listing import list_styles
    out = console(ctx)
    ctx.exit(list_styles(out, out.root / "styles"))


@cli.command()
@click.argument("name")
@click.option("--conference", help="Conference name (default: made from NAME).")
@click.option("--committee", help="Committee name (default: the General Assembly, in the chosen language).")
@click.option("--organizer", help="Organizer's name, printed on the cover (default: the conference secretariat).")
@click.option("-s", "--style", metavar="NAME", default="wimun", show_default=True, shell_complete=complete_style,
              help="The style the new styles/NAME.yaml extends.")
@click.option("-l", "--language", default="en", show_default=True, type=click.Choice(printable_languages()),
              help="Language of the edition: the words the tool prints and the example text it writes.")
@click.pass_context
def new(ctx, name, conference, committee, organizer, style, language):
    """Start a project's edition NAME, in an empty folder or beside others.

    Writes sources/NAME/ (the edition file handbook.yaml, a letter from the
    chairs in Markdown with a note in its margin, letter.md and
    letter-notes.yaml, an example document with two paragraphs and a note, an
    index file and a cheat sheet) and a starter style, styles/NAME.yaml, that
    extends STYLE and shows the keys to change first (logo, colours, paper).
    It builds at once. Never overwrites anything. With --language, the example
    text (the letter, the document, the notes, the index terms, the cheat
    sheet, the edition's title and defaults) is written in that language;
    the comments stay English. Then: edit the files, `handbook check NAME`,
    `handbook build NAME`.
    """
    from .scaffold import new_edition
    out = console(ctx)
    folder = new_edition(out.root, name, conference=conference, committee=committee, style=style,
                         organizer=organizer, language=language)
    for path in sorted(p for p in folder.iterdir()):
        out.detail(f"wrote {path}")
    out.detail(f"wrote {out.root / 'styles' / (name + '.yaml')}")
    out.say(f"created {folder}/: handbook.yaml, letter.md, letter-notes.yaml, report.yaml, notes.yaml, "
            "index.yaml, cheatsheet.yaml")
    out.say(f"created {out.root / 'styles' / (name + '.yaml')}: the edition's style, extending {style}")
    out.say(f"next: edit them, then run 'handbook check {name}' and 'handbook build {name}'")
    from .docs import docs_folder
    docs = docs_folder()
    if docs is not None:
        out.say(f"reference: {docs / 'source-format.md'} (the sources), {docs / 'styles.md'} (the style)")


@cli.command(name="import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-e", "--edition", help="Name of the new edition (default: made from FILE's name).")
@click.option("-s", "--style", metavar="NAME", default="wimun", show_default=True, shell_complete=complete_style,
              help="Style the edition uses.")
@click.option("--keep-authors", is_flag=True, help="Word comments: print each note's author under it.")
@click.pass_context
def import_(ctx, file, edition, style, keep_authors):
    """Import a guide (.txt or .md in the study guide's text shape, or .docx) as a new edition.

    Writes sources/EDITION/ (never over an existing one) that builds at once,
    then prints what it mapped and what needs a person's attention, each
    with FILE:line.
    """
    from .importing import run_import
    run_import(console(ctx), file, edition, style, keep_authors)


@cli.command()
@click.argument("edition", required=False, shell_complete=complete_edition)
@click.option("-s", "--style", metavar="NAME", shell_complete=complete_style,
              help="Check this style instead of the edition's own.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit status 1).")
@click.pass_context
def check(ctx, edition, style, strict):
    """Validate EDITION's sources and styles, and print a summary of what they hold.

    EDITION is a folder name under sources/ (default: the project's default
    edition). Everything build reads is checked: the YAML sources, references,
    and each style the edition uses, with its fonts and logos. Every error is
    printed as path:line:col, all at once. "ok" means build will not fail on
    the sources.
    """
    from ..sources.project import Project
    from .checking import check_edition, summary
    out = console(ctx)
    model, themes, warnings = check_edition(Project(out.root), edition, strict=strict, style=style)
    for warning in warnings:
        out.warn(str(warning))
    for line in summary(model):
        out.say(line)
    out.say("  styles: " + ", ".join(theme.name for theme in themes))
    for theme in themes:
        out.detail(f"  style {theme.name}: {theme.path}")
    out.say("ok")


@cli.command()
@_edition_argument
@click.option("-s", "--style", "styles", metavar="NAME", multiple=True, shell_complete=complete_style,
              help="Style to use (overrides the edition's own); repeat it for one sheet per style.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the PDF (default: dist/<edition>[-<style>]-cheatsheet.pdf).")
@click.pass_context
def cheatsheet(ctx, edition, styles, output):
    """Write EDITION's cheat sheet as a PDF of its own.

    EDITION defaults to the project's default edition; each style gets its own
    file (`-s pocket -s print-bw` writes both). The sheet is set at the largest
    font size that fits one page (down to the style's cheatsheet.min_font_size);
    a style with cheatsheet.pages: 2 makes it a two-sided card when one page
    would need a smaller size. If it cannot fit, nothing is written, the error
    says by how much it is over, and the exit status is 1.
    """
    from .. import build_cheatsheet
    from .building import sheet_choice, tell_sources
    out = console(ctx)
    if output is not None and len(set(styles)) > 1:
        raise click.UsageError("-o/--output names one file: give one --style with it", ctx)
    for style in dict.fromkeys(styles or [None]):  # in the order given, each once
        if out.level >= VERBOSE:
            tell_sources(out, edition, style)
        path, size, pages = build_cheatsheet(edition, style=style, output=output, root=out.root)
        out.say(f"{path}  {sheet_choice(size, pages)}")


from .live import preview, watch  # noqa: E402  (instant feedback has a module of its own)

cli.add_command(watch)
cli.add_command(preview)


def _terminate(signum, frame):
    raise KeyboardInterrupt  # unwinds like Ctrl-C: staged temporary files are removed, old outputs kept


_click_show = click.UsageError.show


def _show_usage_error(self: click.UsageError, file=None) -> None:
    """A usage error of ours as one line, like every other error: what is wrong, and where help is
    (click prints the usage, a hint and the error on four lines). Other click programs keep click's."""
    ctx = self.ctx
    if ctx is None or ctx.find_root().command is not cli:
        return _click_show(self, file)
    where = ctx.command_path
    click.echo(f"{where}: error: {self.format_message().rstrip('.')} (see '{where} -h')", file=file, err=file is None)


click.UsageError.show = _show_usage_error


def main():
    signal.signal(signal.SIGTERM, _terminate)
    try:
        cli.main(prog_name="handbook", standalone_mode=True)
    except BrokenPipeError:
        # the reader of our output went away (e.g. `handbook build | head -1`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    except SystemExit as done:
        _fast_exit(done.code)
        raise


def _fast_exit(code) -> None:
    """Leave without tearing the interpreter down (about 7 % of a build: freeing every module and
    object one by one). Only here, in the command: every file is complete by now (PDFs are written,
    closed and renamed into place before a command returns), so only our own output needs flushing.
    A non-numeric exit code (a message) takes the ordinary way out."""
    if code is not None and not isinstance(code, int):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        return  # the ordinary exit deals with a reader that went away
    os._exit(code or 0)


if __name__ == "__main__":
    sys.exit(main())
