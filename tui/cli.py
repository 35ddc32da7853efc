"""The command line: `newsbrief` opens the reader; subcommands script the store (DESIGN §4).

Exit codes: 0 success, 1 a data error (bad file, unknown article, corrupt store), 2 a usage error.
Every error is one line on stderr that names the file or field and the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from store import ImportReport, Store, StoreError
from store.model import story_order
from store.persist.paths import seeds_dir
from store.safe_text import visible
from store.story import ORDERS
from tui.arguments import Parser, UsageError, field_map, span, store_folder
from tui.presentation import describe_date, describe_value

from .cli_output import Output, ProgressBar
from .cli_output import cell as _text
from .cli_output import err as _err
from .cli_output import fitted_table as _table
from .cli_output import print_json as _print_json
from .cli_search import cmd_search
from .cli_tags import cmd_annotate, cmd_tags

EXIT_DATA = 1
EXIT_USAGE = 2

FIGURE_STYLES = {"count": "bold cyan", "money": "bold green", "percent": "bold magenta", "quantity": "bold yellow", "date": "bold blue"}


def build_parser(only: str | None = None) -> Parser:
    """The command line's parser; with `only` (a command's name), that command's alone: all thirteen
    took 2.8 ms to build (0.4 ms for one), which every command paid at its start, and a script that
    calls `annotate` for each claim pays each time."""
    parser = Parser(prog="newsbrief", description="A terminal reader for news briefs.")
    store_help = "the store folder (default: $XDG_DATA_HOME/newsbrief)"
    parser.add_argument("--store", type=store_folder, default=None, metavar="DIR", help=store_help)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help: str, *, json_flag: bool = True) -> Parser | None:
        if only is not None and name != only:
            return None
        sub = commands.add_parser(name, help=help, description=help)
        # Accept --store after the command name too; SUPPRESS keeps a value given before it.
        sub.add_argument("--store", type=store_folder, default=argparse.SUPPRESS, metavar="DIR", help=store_help)
        if json_flag:
            sub.add_argument("--json", action="store_true", help="print JSON for programs instead of tables")
        return sub

    if sub := command("import", "import briefs from files, folders and URLs (.txt, .md, .json, .jsonl, .html, RSS, Atom and JSON feeds)"):
        sub.add_argument("paths", nargs="+", metavar="PATH_OR_URL", help="a file, a folder, or an http(s) URL of a page or a feed")
        sub.add_argument("--map", dest="field_map", type=field_map, metavar="THEIRS=OURS,...", help="read other field names in JSON: headline=title,body=text,published_at=date,link=url")
        sub.add_argument("--update", action="store_true", help="briefs already stored take the title, date, source, url and author this import gives")
    if sub := command("remove", "remove briefs, with their annotations"):
        sub.add_argument("ids", nargs="+", metavar="ID", help="article ids or unique prefixes")
    command("list", "list the briefs in the store")
    if sub := command("show", "show a brief with its figures highlighted"):
        sub.add_argument("id", metavar="ID", help="an article id or a unique prefix of one")
    if sub := command("figures", "list the figures of one brief, or of all"):
        sub.add_argument("id", nargs="?", metavar="ID")
        _csv_options(sub)
    if sub := command("extract", "print the figures of any text files (no store needed)"):
        sub.add_argument("files", nargs="+", metavar="FILE", help="a text file, or - for standard input")
    if sub := command("export", "export the annotations", json_flag=False):
        sub.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)")
        sub.add_argument("--format", choices=("json", "w3c", "bundle", "prodigy"), default="json",
                         help="json: annotations and their briefs; w3c: Web Annotation JSON-LD; bundle: the whole store, read back by `import`; prodigy: JSONL for Prodigy and doccano")
        sub.add_argument("--embed-context", action="store_true", help="w3c: write the JSON-LD context's terms into every @context of the file (the collection's and each annotation's), for processors without the network")
        sub.add_argument("--with-compare", action="store_true", help="json: add the compare table (every brief's figures, grouped), as `compare --json` prints it")
    if sub := command("import-annotations", "read annotations exported by `newsbrief export` back in: all or none"):
        sub.add_argument("file", type=Path, metavar="FILE")
        sub.add_argument("--skip-bad", action="store_true", help="leave out (and name) annotations that do not fit this store; import the rest")
    if sub := command("tags", "list the tag set, or change it"):
        change = sub.add_mutually_exclusive_group()
        change.add_argument("--add", metavar="LABEL", help="add a tag at the end of the tag set")
        change.add_argument("--rename", nargs=2, metavar=("OLD", "NEW"), help="rename a tag, on every annotation too")
        change.add_argument("--remove", metavar="LABEL", help="take a tag out of the set and off every annotation")
        change.add_argument("--move", nargs=2, metavar=("LABEL", "KEY"), help="put a tag at position KEY (1 is key 1 in the reader)")
    if sub := command("annotate", "tag a sentence or a span of a brief"):
        sub.add_argument("id", metavar="ID")
        where = sub.add_mutually_exclusive_group(required=True)
        where.add_argument("--sentence", type=int, metavar="N", help="the Nth sentence, counting from 0")
        where.add_argument("--span", type=span, metavar="START:END", help="character offsets into the text")
        sub.add_argument("--tag", action="append", required=True, metavar="TAG", help="a tag from the tag set (repeatable)")
        sub.add_argument("--note", metavar="TEXT")
        sub.add_argument("--remove", action="store_true", help="take the --tag tags off the span instead (an annotation left empty goes)")
    if sub := command("compare", "figures of all briefs grouped by what they measure, in date order"):
        sub.add_argument("--move", nargs=2, metavar=("ID:START", "GROUP"), help="put the figure starting at START of brief ID in GROUP (an existing group's id)")
        sub.add_argument("--new-group", action="store_true", help="with --move: GROUP is a new group, of this figure alone")
        sub.add_argument("--merge", nargs=2, metavar=("GROUP", "INTO"), help="show group GROUP as part of group INTO from now on")
        sub.add_argument("--rename", nargs=2, metavar=("GROUP", "NAME"), help="show group GROUP as NAME from now on (--unmerge GROUP undoes it)")
        sub.add_argument("--unmerge", metavar="GROUP", help="show a merged or renamed group on its own again")
        _csv_options(sub)
        sub.add_argument("--order", choices=ORDERS, default="brief", help="rows by their brief's date (or its bound), or by the day each figure refers to")
    if sub := command("edit", "set the date, source or url of a brief by hand"):
        sub.add_argument("id", metavar="ID")
        sub.add_argument("--date", metavar="YYYY-MM-DD")
        sub.add_argument("--source", metavar="TEXT")
        sub.add_argument("--url", metavar="URL", help="an http(s) address; an empty value takes the url off")
    if sub := command("search", 'find briefs by the words of their titles and texts: words match as prefixes, "quoted phrases" whole; case and accents ignored'):
        sub.add_argument("query", nargs="?", metavar="QUERY", help='words and "exact phrases", all of which must match')
        sub.add_argument("--tag", metavar="TAG", help="only briefs with a claim tagged TAG")
        sub.add_argument("--by", choices=("relevance", "date"), default="relevance", help="best matches first (default) or newest first")
        sub.add_argument("--limit", type=int, default=20, metavar="N", help="show at most N briefs (default 20)")
        sub.add_argument("--rebuild", action="store_true", help="build the search index anew from every brief (when it is damaged)")
    return parser


def _command_named(words: list[str]) -> str | None:
    """The command the words name, found as the parser finds it: the first word that is neither an
    option nor the value of `--store`. None when there is none, or it names no command (the whole
    parser then says what the commands are)."""
    rest = iter(words)
    for word in rest:
        if word == "--store":
            next(rest, None)
        elif not word.startswith("-"):
            return word if word in HANDLERS else None
    return None


def _csv_options(sub: Parser) -> None:
    sub.add_argument("--format", choices=("table", "csv"), default="table", help="csv: one row a figure, for spreadsheets")
    sub.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here, atomically (default: standard output)")


def _emit(text: str, output: Path | None) -> None:
    """An export's text to standard output, or written atomically to `output`."""
    from store.exchange.annotated import write_text_export

    if output is None:
        sys.stdout.write(text)
    else:
        write_text_export(text, output)
        _err(f"wrote {output}")


def main(argv: list[str] | None = None) -> int:
    out = Output()
    try:
        words = sys.argv[1:] if argv is None else argv
        args = build_parser(_command_named(words)).parse_args(words)
        handler = HANDLERS.get(args.command, open_reader)
        return handler(args, out) or 0
    except UsageError as error:
        _err(str(error))
        return EXIT_USAGE
    except StoreError as error:
        _err(f"newsbrief: {error}")
        return EXIT_DATA
    except OSError as error:  # what no store call expected: still one line, never a traceback
        where = f"{error.filename}: " if error.filename else ""
        _err(f"newsbrief: {where}{error.strerror or error}")
        return EXIT_DATA
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


# --- the reader ---------------------------------------------------------------------------


def open_reader(args: argparse.Namespace, out: Output) -> int:
    from tui.app import create_app  # Textual loads only when the reader opens

    create_app(args.store).run()
    return 0


# --- commands on the store --------------------------------------------------------------------


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    from store.exchange.bundle import import_bundle, is_bundle, read_bundle

    bundles = [Path(p) for p in args.paths if is_bundle(Path(p))]
    paths = [p for p in args.paths if Path(p) not in bundles]
    report = ImportReport()
    with Store(args.store, on_wait=_err) as store:
        changed = False
        for bundle in bundles:
            result = import_bundle(store, read_bundle(bundle))
            changed = changed or bool(result.briefs_added or result.regroupings_added)
            _err(f"newsbrief: {bundle}: {result}")
        with ProgressBar("importing", quiet=args.json) as bar:
            if paths:
                report = store.import_paths(
                    paths, lambda done, total, so_far: bar(done, total, _import_counts(so_far)), update=args.update, fields=args.field_map
                )
            if changed or report.added or report.updated:
                # the groups made now, not at the next open: the compare view opens at once
                store.compare(progress=lambda done, total: bar(done, total, "grouping figures"))
    if not paths:
        return 0
    for error in report.errors:
        _err(f"newsbrief: {error}")
    for notice in report.notices:
        _err(f"newsbrief: {notice}")
    if args.json:
        _print_json(
            {
                "added": report.added,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "errors": [{"path": e.path, "reason": e.reason} for e in report.errors],
                "notices": report.notices,
            }
        )
    else:
        out.line(_import_counts(report, done=True))
    return EXIT_DATA if report.errors else 0


def _import_counts(report: ImportReport, *, done: bool = False) -> str:
    added = f"imported {len(report.added)} briefs" if done else f"importing: added {len(report.added)}"
    return f"{added}, {len(report.updated)} updated, {report.unchanged} already in the store, {len(report.errors)} refused"


def cmd_remove(args: argparse.Namespace, out: Output) -> int:
    with Store(args.store, on_wait=_err) as store:
        removed = store.remove([store.resolve(prefix) for prefix in args.ids])
    if args.json:
        _print_json([{"id": r.id, "title": r.title, "annotations_removed": r.annotations} for r in removed])
        return 0
    for r in removed:
        gone = f"its {r.annotations} annotations removed with it" if r.annotations else "it had no annotations"
        out.line("removed ", (r.id, "bold"), " ", (r.title, "italic"), f"; {gone}")
    return 0


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    with Store(args.store, readonly=True) as store:
        summaries = sorted(store.summaries(), key=lambda s: (*story_order(s.published, s.not_before), s.title))
        reviewed = store.reviewed()
    if args.json:
        _print_json([{**s.to_record(), "tag_count": s.tag_count, "reviewed": s.id in reviewed} for s in summaries])
        return 0
    if not summaries:
        out.line(f"no briefs in {store.folder}; `newsbrief import PATH_OR_URL` adds some (the sample briefs are in {seeds_dir()})")
        return 0
    table = _table("id", "date", "title", "source", "figs", "tags", "✓", whole=("id", "date", "figs", "tags", "✓"), wide=("title",))
    for s in summaries:
        mark = "✓" if s.id in reviewed else ""
        table.add_row(_text(s.id), _text(describe_date(s)), _text(s.title), _text(s.source), str(s.figure_count), str(s.tag_count), mark)
    table.caption = f"{len(reviewed)}/{len(summaries)} reviewed"
    out.print(table)
    return 0


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    from rich.text import Text

    with Store(args.store, readonly=True) as store:
        article = store.article(store.resolve(args.id))
        annotations = store.annotations(article.id)
    if args.json:
        _print_json({**article.to_record(), "annotations": [annotation.to_record() for annotation in annotations]})
        return 0
    out.print(Text.assemble((visible(article.title), "bold"), "\n", (f"{article.id} · {describe_date(article)} · ", "dim"), (visible(article.source), "dim"), "\n"))
    body = Text(visible(article.text))
    for annotation in annotations:
        body.stylize("underline", annotation.start, annotation.end)
    for figure in article.figures:
        body.stylize(FIGURE_STYLES.get(figure.kind, "bold"), figure.start, figure.end)
    out.print(body)
    if annotations:
        out.print(Text(f"\n{len(annotations)} annotation" + ("s" if len(annotations) != 1 else ""), style="bold"))
    for annotation in annotations:
        sentence = article.sentence_at(annotation.start)
        where = f"sentence {sentence}" if sentence is not None and article.sentences[sentence] == annotation.span else f"{annotation.start}:{annotation.end}"
        line = Text.assemble(f"  {where} · ", (visible(", ".join(annotation.tags)) or "(no tag)", "bold"))
        if annotation.note:
            line.append(" · note: ")
            line.append(visible(annotation.note), "italic")
        line.append(f" · “{visible(annotation.quote[:80])}{'…' if len(annotation.quote) > 80 else ''}”", "dim")
        out.print(line)
    return 0


def cmd_figures(args: argparse.Namespace, out: Output) -> int:
    with Store(args.store, readonly=True) as store:
        ids = [store.resolve(args.id)] if args.id else [s.id for s in store.summaries()]
        articles = store.articles(ids)
    if args.json:
        _print_json([{"id": a.id, "title": a.title, "figures": [f.to_record() for f in a.figures]} for a in articles])
        return 0
    if args.format == "csv":
        from store.exchange.tables import figures_csv

        _emit(figures_csv(articles), args.output)
        return 0
    table = _table("article", "figure", "kind", "value", "qualifier", "subject", "source", whole=("article",))
    for article in articles:
        for figure in article.figures:
            table.add_row(_text(article.id[:8]), _text(figure.text), _text(figure.kind), _text(describe_value(figure)), _text(figure.qualifier), _text(figure.subject), _text(figure.source))
    out.print(table)
    return 0


def cmd_extract(args: argparse.Namespace, out: Output) -> int:
    # Here, not at the top: the extractor's patterns take ~150 ms to compile, which the reader need not pay.
    from store.library.importer import figures_in_text
    from store.library.ingest import decode

    results = []
    for name in args.files:
        path = Path(name)
        raw = sys.stdin.buffer.read() if name == "-" else _read_bytes(path)
        figures = figures_in_text(decode(name, raw), name)
        results.append((name, figures))
    if args.json:
        _print_json([{"file": name, "figures": [figure.to_record() for figure in figures]} for name, figures in results])
        return 0
    table = _table("file", "figure", "kind", "value", "qualifier", "subject")
    for name, figures in results:
        for figure in figures:
            table.add_row(_text(name), _text(figure.text), _text(figure.kind), _text(describe_value(figure)), _text(figure.qualifier), _text(figure.subject))
    out.print(table)
    return 0


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({error.strerror})") from None


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    from store.exchange.annotated import write_export
    from store.exchange.bundle import export_bundle
    from store.exchange.json_export import export_json
    from store.exchange.tables import prodigy_jsonl
    from store.exchange.w3c import export_w3c

    with Store(args.store, readonly=True) as store:
        if args.format == "prodigy":
            _emit(prodigy_jsonl(store), args.output)
            return 0
        if args.format == "w3c":
            data = export_w3c(store, embed_context=args.embed_context)
        elif args.format == "bundle":
            data = export_bundle(store)
        else:
            data = export_json(store, with_compare=args.with_compare)
    if args.output is None:
        _print_json(data)
    else:
        write_export(data, args.output)
        _err(f"wrote {args.output}")
    return 0


def cmd_import_annotations(args: argparse.Namespace, out: Output) -> int:
    from store.exchange.annotation_import import import_annotations
    from store.exchange.validation import read_annotation_file

    data = read_annotation_file(args.file)
    with Store(args.store, on_wait=_err) as store:
        result = import_annotations(store, data, skip_bad=args.skip_bad)
    for problem in result.skipped:
        _err(f"newsbrief: {args.file}: skipped {problem}")
    if args.json:
        _print_json(result.as_dict())
    else:
        out.line(str(result))
    return EXIT_DATA if result.skipped else 0


def cmd_compare(args: argparse.Namespace, out: Output) -> int:
    from rich.text import Text

    changing = bool(args.move or args.merge or args.rename or args.unmerge)
    if args.new_group and not args.move:
        raise UsageError("newsbrief compare --new-group: goes with --move ID:START GROUP")
    with Store(args.store, readonly=not changing, on_wait=_err) as store:
        if args.move:
            where, group = args.move
            article, sep, start = where.rpartition(":")
            if not sep or not start.isdigit():
                raise UsageError(f"newsbrief compare --move: expected ID:START (a brief id or prefix, a figure's start offset), found {where!r}")
            store.move_figure(store.resolve(article), int(start), group, new=args.new_group)
        if args.merge:
            store.merge_groups(*args.merge)
        if args.rename:
            store.rename_group(*args.rename)
        if args.unmerge:
            store.unmerge_group(args.unmerge)
        groups = store.compare(args.order)
    if args.json:
        _print_json({"groups": [group.to_record() for group in groups]})
        return 0
    if args.format == "csv":
        from store.exchange.tables import compare_csv

        _emit(compare_csv(groups), args.output)
        return 0
    for group in groups:  # a table per group, titled with it: a heading row would squeeze the date column
        heading = Text(visible(group.label), "bold")
        if group.drift:
            heading.append(f"  {group.drift}", "bold red")
        table = _table("date", "brief", "figure", "value", "said by", "reports", whole=("date", "value"))
        table.title = heading
        table.title_justify = "left"
        for row in group.rows:
            table.add_row(
                _text(describe_date(row)),
                Text.assemble((visible(row.article_id[:8]), "dim"), " ", visible(row.brief_source)),
                _text(row.figure.text),
                _text(describe_value(row.figure)),
                _text(row.figure.source or "—"),
                _text(f"×{row.reports} " + ", ".join(a[:8] for a in row.also_in) if row.reports > 1 else ""),
            )
        out.print(table)
    return 0


def cmd_edit(args: argparse.Namespace, out: Output) -> int:
    if args.date is None and args.source is None and args.url is None:
        raise UsageError("newsbrief edit: give --date, --source or --url (see `newsbrief edit --help`)")
    with Store(args.store, on_wait=_err) as store:
        article = store.edit(store.resolve(args.id), date=args.date, source=args.source, url=args.url)
    if args.json:
        _print_json({name: article.to_record()[name] for name in ("id", "title", "published", "published_inferred", "source", "url")})
    else:
        url = f" · {article.url}" if article.url else ""
        out.line("edited ", (article.id, "bold"), f": {describe_date(article)} · ", article.source, url)
    return 0


HANDLERS: dict[str | None, Callable[[argparse.Namespace, Output], int]] = {
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "figures": cmd_figures,
    "extract": cmd_extract,
    "export": cmd_export,
    "import-annotations": cmd_import_annotations,
    "tags": cmd_tags,
    "annotate": cmd_annotate,
    "compare": cmd_compare,
    "edit": cmd_edit,
    "remove": cmd_remove,
    "search": cmd_search,
}
