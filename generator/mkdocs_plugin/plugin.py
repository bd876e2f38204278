"""``archive`` MkDocs plugin: runs the generator before every build.

``mkdocs build`` and ``mkdocs serve`` thereby need nothing else.  Problems
are logged as warnings, so ``mkdocs build --strict`` lists all of them and
then fails, while a plain build still publishes every good document.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import escape
from mkdocs.plugins import BasePlugin

from .. import pipeline
from ..config import Settings
from .config import ArchivePluginConfig

log = logging.getLogger("mkdocs.plugins.archive")


class ArchivePlugin(BasePlugin[ArchivePluginConfig]):
    def on_config(self, config):
        base = Path(config.config_file_path).parent
        options = {"rights": self.config.rights} if self.config.rights else {}
        self.settings = Settings(
            seeds_dir=base / self.config.seeds_dir,
            docs_dir=Path(config.docs_dir),
            site_name=config.site_name,
            site_url=config.site_url or "",
        ).with_options(**options)
        return config

    def on_pre_build(self, config):
        result = pipeline.build(self.settings, progress=log.debug)
        for problem in result.problems:
            log.warning("archive: %s", problem)
        log.info("archive: %d document(s), %d file(s) changed, %d removed",
                 len(result.documents), len(result.written), len(result.removed))

    def on_serve(self, server, config, builder):
        server.watch(str(self.settings.seeds_dir))
        return server

    def on_page_markdown(self, markdown, page, config, files):
        # Material inserts page titles into navigation, the header and <title>
        # without escaping; a document's title is untrusted text.
        title = page.meta.get("title")
        if isinstance(title, str):
            page.meta["title"] = str(escape(title))
        return markdown
