"""Every rule's basis names a public source (a document or a standard, by article or clause
where there is one), never a file the repository does not hold."""
from __future__ import annotations

import re

from report_nlp.checker.registry import builtin_rules

PUBLIC = re.compile(r"《[^》]+》|GB/T \d+")
PRIVATE = re.compile(r"\.md\b|§|/tmp|DESIGN|taxonomy", re.IGNORECASE)


def test_every_basis_cites_a_public_source():
    missing = [r.id for r in builtin_rules() if not PUBLIC.search(r.basis or "")]
    assert missing == []


def test_no_basis_cites_a_private_file():
    private = [(r.id, r.basis) for r in builtin_rules() if PRIVATE.search(r.basis or "")]
    assert private == []
