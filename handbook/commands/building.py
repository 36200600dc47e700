"""`handbook build`: one edition, or every edition with --all; what each prints, by --quiet and --verbose."""
from __future__ import annotations

import json

import click

from .console import console


def build_command(ctx: click.Context, edition, style, output, strict, report_json, print_options: dict) -> None:
    from .. import build as build_edition
    out = console(ctx)
    if out.level >= 2:
        tell_sources(out, edition, style)
    to_stdout = report_json is not None and str(report_json) == "-"
    import gc
    # one build, then the process ends (os._exit in cli.main): collecting its cycles as it goes costs
    # 7 % of the time and saves a few megabytes (3 MB for the default edition)
    gc.disable()
    from ..regexcache import compiled_from_cache
    with compiled_from_cache():  # ReportLab's long URL pattern, compiled once per machine
        result = build_edition(edition, style=style, output=output, root=out.root, strict=strict,
                               report_json=None if to_stdout else report_json, **print_options)
    report = result.report()
    if to_stdout:
        click.echo(json.dumps(report, indent=2))
        return
    out.say(f"{result.path}  {result.pages} pages  {result.seconds:.2f} s")
    for extra in result.extra_outputs:
        out.say(f"{extra}")
    for line in result.instructions:  # how to print the booklet
        out.say(f"  {line}")
    if result.layout.cheatsheet_size:
        out.say(f"  cheat sheet: {sheet_choice(result.layout.cheatsheet_size, result.layout.cheatsheet_pages)}")
    out.say(f"  notes: {report['notes']}, {report['notes_on_anchor_page']} "
            f"({report['notes_on_anchor_page_percent']}%) start on their anchor's page")
    figures = report.get("placement")
    if figures:  # the placement targets' figures (README, "Placement")
        hole = figures["largest_hole_lines"]
        out.say(f"  within one page: {figures['notes_within_one_page']} "
                f"({figures['notes_within_one_page_percent']}%); largest hole: {hole} body "
                f"line{'' if hole == 1 else 's'}" + (f" (p. {figures['largest_hole_page']})" if hole else "")
                + f"; split callouts: {figures['split_callouts']}")
    for moved in report["notes_moved"]:
        out.say(f"  note {moved['note']}: anchor on p. {moved['anchor_page']}, "
                f"callout starts on p. {moved['callout_page']} (+{moved['pages_later']})")
    for warning in result.warnings:
        out.warn(f"{warning}")
    if report_json:
        out.detail(f"wrote {report_json}")


def sheet_choice(size: float, pages: int) -> str:
    """What the cheat sheet became: one page, or a two-sided card, and its size."""
    if pages == 2:
        return f"2 pages (a two-sided card: print double-sided) set in {size:g} pt"
    return f"1 page  set in {size:g} pt"


def tell_sources(out, edition, style) -> None:
    """Under --verbose: the edition folder and the style file (with where it comes from) a build reads."""
    from ..errors import HandbookError
    from ..sources.project import Project
    from ..sources.reader import read_edition
    from ..style.catalogue import find_style, is_builtin
    project = Project(out.root)
    try:
        folder = project.edition_folder(edition)
        name = style or read_edition(folder)[0].styles[0]
        path = find_style(name, project.styles)
    except HandbookError:
        return  # the build itself reports it
    out.detail(f"edition: {folder}")
    out.detail(f"style {name}: {'built-in' if is_builtin(path) else 'project'}, {path}")


def build_all_command(ctx: click.Context, style, strict, report_json, jobs, print_options: dict) -> None:
    from .batch import build_all, plan
    from .progress import Progress
    from ..output.staging import Staging
    from ..sources.project import Project
    out = console(ctx)
    as_json = report_json is not None and str(report_json) == "-"
    project = Project(out.root)
    todo = plan(project, style)
    staging = Staging(protected=project.source_files())
    json_part = staging.reserve(report_json, "the JSON report") if report_json and not as_json else None
    progress = None if as_json else Progress(len(todo), min(jobs, len(todo)), quiet=out.level == 0)
    with staging:  # the JSON report is staged before the builds and moved into place only when written
        try:
            result = build_all(out.root, jobs=jobs, style=style, strict=strict,
                               on_done=progress.finished if progress else None, **print_options)
        finally:
            if progress:
                progress.close()
        reports = [dict(o.report, ok=o.ok, edition=o.job.edition, style=o.job.style or o.report.get("style"),
                        **({} if o.ok else {"error": o.message})) for o in result.outcomes]
        if json_part:
            json_part.write_text(json.dumps(reports, indent=2) + "\n", encoding="utf-8")
            staging.commit()
    if as_json:
        click.echo(json.dumps(reports, indent=2))
    else:
        out.say(result.summary())
    bugs = [o for o in result.failed if o.message.startswith(("internal error", "the build process failed"))]
    if bugs:  # a bug, not a source problem: exit status 3 and the line asking for a report, as for one build
        from .cli import report_line
        click.echo(report_line(), err=True)
        ctx.exit(3)
    if result.failed:
        ctx.exit(1)
