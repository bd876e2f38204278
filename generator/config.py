"""Generator settings, independent of any site renderer.

The MkDocs plugin maps its own options onto :class:`Settings`; the CLI reads
the same options from the ``archive`` plugin entry of ``mkdocs.yml`` so that
both paths build identical files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

# News reports and speeches are not automatically in the public domain, so the
# archive states rights conservatively unless a curator's sidecar says more.
DEFAULT_RIGHTS = (
    "原文版权归原作者及原发布单位所有。本档案仅为研究、教学与公共讨论目的保存并整理文本；"
    "转载或商业使用请联系原权利人。"
)


@dataclass(frozen=True)
class Settings:
    seeds_dir: Path = Path("seeds")
    docs_dir: Path = Path("docs")
    site_name: str = "河南产业集聚区与招商引资文献档案"
    site_url: str = ""  # absolute base URL when published (for feeds, citations)
    rights: str = DEFAULT_RIGHTS
    # Per-document cache (generator/cache.py); None = no cache.  The CLI and
    # the MkDocs plugin default it to .cache/generator/ beside mkdocs.yml.
    cache_dir: Path | None = None

    def with_options(self, **options: Any) -> "Settings":
        known = {f.name for f in fields(self)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise ValueError(f"unknown generator option(s): {', '.join(unknown)}")
        typed = {k: Path(v) if k.endswith("_dir") else v for k, v in options.items() if v is not None}
        return replace(self, **typed)


class _LenientLoader(yaml.SafeLoader):
    """Safe loader that ignores MkDocs' ``!!python/name`` style tags, which a
    site config may contain; the generator never needs their values."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    """MkDocs' ``!ENV VAR`` / ``!ENV [VAR, ..., default]``: the first variable
    that is set wins, else the last item is the default (as pyyaml_env_tag)."""
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    items = loader.construct_sequence(node)
    for name in items[:-1]:
        if isinstance(name, str) and name in os.environ:
            return os.environ[name]
    return items[-1] if items else None


_LenientLoader.add_constructor("!ENV", _env_tag)
_LenientLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_LenientLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def settings_from_mkdocs_yml(path: Path) -> Settings:
    """Settings as the MkDocs plugin would see them, for the standalone CLI."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_LenientLoader) or {}
    base = path.parent
    options: dict[str, Any] = {}
    for entry in config.get("plugins") or []:
        if isinstance(entry, dict) and "archive" in entry:
            options = dict(entry["archive"] or {})
    settings = Settings(
        seeds_dir=base / "seeds",
        docs_dir=base / config.get("docs_dir", "docs"),
        site_name=config.get("site_name") or Settings.site_name,
        site_url=config.get("site_url") or "",
    )
    options.setdefault("cache_dir", ".cache/generator")  # as the plugin's default; "" = no cache
    if not options["cache_dir"]:
        options["cache_dir"] = None
    for key in ("seeds_dir", "docs_dir", "cache_dir"):
        if options.get(key) is not None:
            options[key] = base / options[key]
    return settings.with_options(**options)
