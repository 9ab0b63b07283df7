"""The drafter: structured input (YAML/JSON) → a complete report in .txt, .md or .docx.

``draft(inputs, profile=None, template_dir=None)`` returns the report text; the writers in
:mod:`report_nlp.drafter.writers` put it on disk (``write_docx`` lives in
:mod:`report_nlp.layout.write`). Input schema: docs/drafting.md.
"""
from __future__ import annotations

from .core import Draft, draft, init_yaml, make_draft
from .inputs import read_inputs
from .writers import write_md, write_output, write_txt

__all__ = ["draft", "make_draft", "Draft", "init_yaml", "read_inputs", "write_txt", "write_md", "write_output"]
