"""Every rule's examples are its tests: each bad example fires the rule, each good one does not."""
import pytest

from report_nlp.checker import check_text
from report_nlp.checker.registry import builtin_rules

TEXT_RULES = [r for r in builtin_rules() if r.kind != "layout"]
CASES = [(r, "bad", k, ex) for r in TEXT_RULES for k, ex in enumerate(r.examples.get("bad", []))] + \
        [(r, "good", k, ex) for r in TEXT_RULES for k, ex in enumerate(r.examples.get("good", []))]


def test_every_rule_has_examples():
    for rule in TEXT_RULES:
        assert rule.examples.get("bad") and rule.examples.get("good"), rule.id


@pytest.mark.parametrize("rule, which, k, example", CASES, ids=[f"{r.id}-{w}{k}" for r, w, k, _ in CASES])
def test_rule_example(rule, which, k, example):
    result = check_text(example, profile=rule.params.get("example_profile", "none"), rules=(rule,))
    fired = [f for f in result.findings if f.rule == rule.id]
    if which == "bad":
        assert fired, f"{rule.id} did not fire on its bad example: {example!r}"
    else:
        assert not fired, f"{rule.id} fired on its good example: {[f.message for f in fired]}"
