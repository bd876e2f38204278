"""Command line: ``python -m generator build|check``."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from . import curate, pipeline, site_size
from .cache import DEFAULT_DIR as DEFAULT_CACHE_DIR
from .config import Settings, settings_from_mkdocs_yml
from .progress import Progress, for_stream
from .write import WriteError


def _settings(args: argparse.Namespace) -> Settings:
    config_file = Path(args.config)
    settings = settings_from_mkdocs_yml(config_file) if config_file.exists() else Settings()
    settings = settings.with_options(seeds_dir=args.seeds, docs_dir=args.docs, cache_dir=args.cache)
    if args.no_cache:
        settings = replace(settings, cache_dir=None)
    elif settings.cache_dir is None:
        settings = replace(settings, cache_dir=DEFAULT_CACHE_DIR)
    return settings


def _progress(quiet: bool) -> Progress:
    # Steps and a live bar on stderr (a bar only on a terminal, never in CI).
    return for_stream(sys.stderr, quiet=quiet)


def _report(result, verb: str) -> int:
    for line in pipeline.problem_lines(result.problems):
        print(line)
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    print(f"{verb} {len(result.documents)} document(s); {errors} error(s), {warnings} warning(s)")
    return 1 if errors else 0


def _missing_seeds(settings: Settings) -> bool:
    # A mistyped --seeds must not build an empty archive (and so delete
    # every generated page as stale).
    if settings.seeds_dir.is_dir():
        return False
    print(f"error: seeds directory {settings.seeds_dir} does not exist")
    return True


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if _missing_seeds(settings):
        return 2
    try:
        result = pipeline.build(settings, _progress(args.quiet))
    except (WriteError, pipeline.PipelineError) as exc:
        print(f"error: {exc}")
        return 1
    if not args.quiet:
        print(f"wrote {len(result.written)} changed file(s), removed {len(result.removed)} stale file(s) under {settings.docs_dir}")
    return _report(result, "built")


def cmd_check(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if _missing_seeds(settings):
        return 2
    try:
        result = pipeline.build(settings, _progress(args.quiet), write=False)
    except pipeline.PipelineError as exc:
        print(f"error: {exc}")
        return 1
    for line in curate.status_lines(result.documents):  # per document: missing / inferred fields
        print(line)
    for group in curate.reposts.members(result.documents).values():  # 同文异源
        names = ", ".join(f"{d.meta.raw_file} ({d.meta.date or '日期不详'}, {d.meta.source or '来源不详'})" for d in group)
        print(f"same text from several outlets ({len(group)}): {names}")
    return _report(result, "checked")


def cmd_watch(args: argparse.Namespace) -> int:
    """Build, then build again whenever a file in the seeds directory changes:
    live preview of seeds/ for a renderer that cannot run the generator itself
    (Zensical serves docs/ and reloads when the generator rewrites it)."""
    import threading
    import time

    from watchdog.events import FileSystemEventHandler
    from watchdog.observers import Observer

    settings = _settings(args)
    if _missing_seeds(settings):
        return 2
    changed = threading.Event()

    class Changed(FileSystemEventHandler):
        def on_any_event(self, event):
            if not event.is_directory:
                changed.set()

    def build_once() -> None:
        try:
            result = pipeline.build(settings, _progress(args.quiet))
        except (WriteError, pipeline.PipelineError) as exc:
            print(f"error: {exc}", flush=True)
            return
        print(f"wrote {len(result.written)} changed file(s), removed {len(result.removed)} stale file(s)", flush=True)
        _report(result, "built")
        sys.stdout.flush()

    observer = Observer()
    observer.schedule(Changed(), str(settings.seeds_dir), recursive=False)
    observer.start()
    print(f"watching {settings.seeds_dir} (Ctrl-C to stop)", flush=True)
    try:
        build_once()
        while True:
            changed.wait()
            time.sleep(0.3)  # an editor saves in several steps: build once they are done
            changed.clear()
            build_once()
    except KeyboardInterrupt:
        return 0
    finally:
        observer.stop()
        observer.join()


def cmd_site_size(args: argparse.Namespace) -> int:
    site_dir: Path = args.site
    if not site_dir.is_dir():
        print(f"error: site directory {site_dir} does not exist (build it first)")
        return 2
    size = site_size.measure(site_dir)
    print(site_size.summary(size))
    annotate = os.environ.get("GITHUB_ACTIONS") == "true"  # shown on the workflow run's summary
    for message in site_size.warnings(size):
        print(f"::warning title=GitHub Pages::{message}" if annotate else f"warning: {message}")
    return 1 if size.total_bytes > site_size.PAGES_MAX_BYTES else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator", description="Build the archive's pages from seeds/.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, fn, help_text in (
        ("build", cmd_build, "generate Markdown, listings, search index and data files"),
        ("check", cmd_check, "validate every seed and sidecar without writing; non-zero exit on errors"),
        ("watch", cmd_watch, "build, then build again on every change in the seeds directory (live preview)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--seeds", type=Path, default=None, help="seed directory (default: seeds/)")
        p.add_argument("--docs", type=Path, default=None, help="MkDocs docs directory (default: docs/)")
        p.add_argument("--config", default="mkdocs.yml", help="site config to read generator options from")
        p.add_argument("--cache", type=Path, default=None,
                       help="cache of per-document results (default: .cache/generator/ beside mkdocs.yml)")
        p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress output")
        p.set_defaults(func=fn)
    sizes = sub.add_parser("site-size", help="measure a built site against GitHub Pages' limits (any renderer)")
    sizes.add_argument("site", type=Path, nargs="?", default=Path("site"), help="built site directory (default: site/)")
    sizes.set_defaults(func=cmd_site_size)
    args = parser.parse_args(argv)
    return args.func(args)
