"""The drafter: structured input (YAML/JSON) → a complete report in .txt, .md or .docx.

``draft(inputs, profile=None, template_dir=None)`` returns the report text; the writers in
:mod:`report_nlp.draft.writers` put it on disk (``write_docx`` lives in
:mod:`report_nlp.io.docx_write`). Input schema: docs/drafting.md.
"""
from __future__ import annotations

import sys
import types

from .core import Draft, draft, init_yaml, make_draft
from .inputs import read_inputs
from .writers import write_md, write_output, write_txt

__all__ = ["draft", "make_draft", "Draft", "init_yaml", "read_inputs", "write_txt", "write_md", "write_output"]


class _CallableModule(types.ModuleType):
    """Lets ``report_nlp.draft(inputs, profile=…)`` work as the library API of issue 5 says,
    while ``report_nlp.draft`` stays the package that holds the templates and writers."""

    def __call__(self, inputs, profile=None, template_dir=None):
        return draft(inputs, profile, template_dir)


sys.modules[__name__].__class__ = _CallableModule
