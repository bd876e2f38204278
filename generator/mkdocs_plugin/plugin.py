"""``archive`` MkDocs plugin: runs the generator before every build.

``mkdocs build`` and ``mkdocs serve`` thereby need nothing else.  Problems
are logged as warnings, so ``mkdocs build --strict`` lists all of them and
then fails, while a plain build still publishes every good document.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from markupsafe import Markup, escape
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .. import pipeline, site_size
from ..listings import HOME_MARKER, HOME_SNIPPET
from ..render.jsonld import head_tags
from ..search import inline_meta
from ..config import Settings
from ..progress import SILENT, Progress, for_stream
from ..write import WriteError
from .config import ArchivePluginConfig

log = logging.getLogger("mkdocs.plugins.archive")


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    # Defining on_startup also makes MkDocs keep this instance across the
    # rebuilds of `mkdocs serve`.
    command = "build"

    def on_startup(self, *, command, dirty):
        self.command = command

    def on_config(self, config):
        base = Path(config.config_file_path).parent
        options = {"rights": self.config.rights} if self.config.rights else {}
        # `mkdocs serve` replaces site_url with its own http://127.0.0.1:PORT/;
        # generating pages from that would rewrite docs/ for every port and
        # differ from `python -m generator build`, so serve gets none.
        site_url = "" if self.command == "serve" else (config.site_url or "")
        self.settings = Settings(
            seeds_dir=base / self.config.seeds_dir,
            docs_dir=Path(config.docs_dir),
            site_name=config.site_name,
            site_url=site_url,
            cache_dir=(base / self.config.cache_dir) if self.config.cache_dir else None,
        ).with_options(**options)
        if not self.settings.seeds_dir.is_dir():
            raise PluginError(f"archive: seeds directory {self.settings.seeds_dir} does not exist")
        return config

    def on_pre_build(self, config):
        try:
            result = pipeline.build(self.settings, progress=self._progress())
        except (WriteError, pipeline.PipelineError) as exc:
            raise PluginError(f"archive: {exc}") from exc
        for problem in result.problems:
            log.warning("archive: %s", problem)
        log.info("archive: %d document(s), %d file(s) changed, %d removed",
                 len(result.documents), len(result.written), len(result.removed))

    def on_post_build(self, config):
        # GitHub Pages' limits: over 1 GB fails the deploy, so it is a warning
        # (and fails --strict); nearing it is said at info level, and CI runs
        # `python -m generator site-size` to annotate the run.
        size = site_size.measure(Path(config.site_dir))
        log.info("archive: %s", site_size.summary(size))
        over = size.total_bytes > site_size.PAGES_MAX_BYTES
        for message in site_size.warnings(size):
            (log.warning if over else log.info)("archive: %s", message)

    @staticmethod
    def _progress() -> Progress:
        # Steps go to the debug log; the live bar shows on a terminal unless
        # `mkdocs build -q` has silenced MkDocs' own info lines.
        quiet = not logging.getLogger("mkdocs").isEnabledFor(logging.INFO)
        return for_stream(sys.stderr, quiet=quiet, say=log.debug) if not quiet else SILENT

    def on_serve(self, server, config, builder):
        server.watch(str(self.settings.seeds_dir))
        return server

    # --- page-level hooks (browse, cite, discovery) -------------------------

    def on_page_markdown(self, markdown, page, config, files):
        # Keep the raw front matter for the <head> tags (built and escaped in
        # on_page_context), then escape what Material prints unescaped:
        # page titles go into navigation, the header and <title>; subtitle,
        # description and author into nav items and <meta> tags.
        self._raw_meta = getattr(self, "_raw_meta", {})
        self._raw_meta[page.file.src_uri] = dict(page.meta)
        for key in ("title", "subtitle", "description", "author"):
            value = page.meta.get(key)
            if isinstance(value, str):
                page.meta[key] = str(escape(value))
        if page.file.src_uri == "index.md" and HOME_MARKER in markdown:
            snippet = Path(config.docs_dir) / HOME_SNIPPET
            generated = snippet.read_text(encoding="utf-8") if snippet.is_file() else ""
            markdown = markdown.replace(HOME_MARKER, generated, 1)
        return markdown

    def on_page_context(self, context, page, config, nav):
        # schema.org JSON-LD and Open Graph tags for document pages; the
        # template (overrides/main.html) prints context["archive_head"].
        meta = getattr(self, "_raw_meta", {}).get(page.file.src_uri) or {}
        if page.file.src_uri.startswith("archive/") and meta.get("raw_sha256"):
            context["archive_head"] = head_tags(meta, page.canonical_url, config.site_name, config.site_url or "")
        if meta.get("template") == "search-page.html":
            # the index description, inline: the page's first lookups need
            # not wait for meta.json (overrides/search-page.html)
            context["archive_search_meta"] = Markup(inline_meta(Path(config.docs_dir)))
        return context
