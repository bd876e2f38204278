"""The CLI reads the generator's options from mkdocs.yml exactly as the
MkDocs plugin sees them, including MkDocs' ``!ENV`` tag."""

from pathlib import Path

import pytest

from generator.config import Settings, settings_from_mkdocs_yml


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mkdocs.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_env_tag_uses_variable_then_default(tmp_path, monkeypatch):
    path = _write(tmp_path, 'site_name: 档案\nsite_url: !ENV [SITE_URL, "https://default.example/"]\n')
    monkeypatch.delenv("SITE_URL", raising=False)
    assert settings_from_mkdocs_yml(path).site_url == "https://default.example/"
    monkeypatch.setenv("SITE_URL", "https://user.github.io/repo/")
    assert settings_from_mkdocs_yml(path).site_url == "https://user.github.io/repo/"


def test_plugin_options_and_python_tags(tmp_path):
    path = _write(tmp_path, (
        "site_name: 档案\n"
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:pymdownx.slugs.uslugify\n"
        "plugins:\n  - archive:\n      seeds_dir: raw\n      rights: CC BY 4.0\n"
    ))
    settings = settings_from_mkdocs_yml(path)
    assert settings.seeds_dir == tmp_path / "raw"
    assert settings.rights == "CC BY 4.0"
    assert settings.site_name == "档案"


def test_unknown_option_is_an_error():
    with pytest.raises(ValueError, match="unknown generator option"):
        Settings().with_options(seeds="x")
