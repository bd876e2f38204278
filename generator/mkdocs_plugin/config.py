from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class ArchivePluginConfig(Config):
    """Options of the ``archive`` plugin in mkdocs.yml (paths relative to it)."""

    seeds_dir = c.Type(str, default="seeds")
    rights = c.Optional(c.Type(str))
    cache_dir = c.Type(str, default=".cache/generator")  # "" = no cache
