"""The genre's vocabulary is declared once (reference/data/vocabulary.yaml)
and composed into the rule patterns of every stage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.clean.rules import rules as clean_rules
from generator.extract.rules import rules as extract_rules
from generator.reference import vocabulary

ROOT = Path(__file__).resolve().parent.parent


def test_a_placeholder_becomes_an_alternation_longest_word_first():
    pattern = vocabulary.compose("^{{newspaper_suffixes}}$")
    assert re.fullmatch(pattern, "都市报") and re.fullmatch(pattern, "日报")
    alternatives = pattern[len("^(?:"):-len(")$")].split("|")
    assert [len(a) for a in alternatives] == sorted((len(a) for a in alternatives), reverse=True)


def test_a_union_of_groups_matches_the_words_of_each():
    rx = re.compile(vocabulary.compose("{{reporter_roles|credit_roles}}"))
    for word in vocabulary.words("reporter_roles", "credit_roles"):
        assert rx.fullmatch(word), word


def test_an_unknown_group_is_an_error_naming_it():
    with pytest.raises(KeyError, match="no_such_group"):
        vocabulary.compose("{{no_such_group}}")


def test_every_placeholder_in_the_rule_data_is_composed():
    """No rule reaches a regex with a literal {{…}} left in it."""
    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, dict):
            for v in value.values():
                yield from strings(v)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v)
    for text in strings(extract_rules()):
        assert "{{" not in text, text
    for rule in clean_rules().line_rules:
        assert "{{" not in rule.pattern.pattern, rule.id


def test_the_stages_share_one_list_of_roles():
    """A byline role word is not listed again in the stages' code or rules."""
    for path in [*ROOT.glob("generator/clean/*.py"), *ROOT.glob("generator/extract/*.py"),
                 ROOT / "generator/clean/rules.yaml", ROOT / "generator/extract/rules.yaml"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"记者\|通讯员|通讯员\|实习生|日报\|晚报", text), path


def test_a_word_added_to_a_group_reaches_the_rules(monkeypatch):
    """The point of declaring it once: one edit extends every rule."""
    data = dict(vocabulary.groups())
    data["reporter_roles"] = [*data["reporter_roles"], "特派员"]
    monkeypatch.setattr(vocabulary, "groups", lambda: data)
    vocabulary.compose.cache_clear()
    try:
        assert re.search(vocabulary.compose("{{reporter_roles}}"), "特派员 张三")
    finally:
        vocabulary.compose.cache_clear()
