"""The 起草 form: the field list of ``draft_form.yaml`` with the options the drafter accepts
(report kinds, themes, problem categories) taken from the taxonomy, so they never drift."""
from __future__ import annotations

import functools
from pathlib import Path

import yaml


@functools.lru_cache(maxsize=1)
def _fields() -> list:
    text = (Path(__file__).parent / "draft_form.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)["fields"]


def form_spec() -> dict:
    from ..taxonomy import taxonomy

    tax = taxonomy()
    options = {
        "kinds": [{"value": k, "label": v} for k, v in tax.kinds.items()],
        "themes": [{"value": k, "label": v["name"]} for k, v in tax.themes.items()],
        "categories": [{"value": k, "label": v["name"]} for k, v in tax.categories.items()],
    }
    return {"schema": "report-nlp/draft-form@1", "fields": _fields(), "options": options}
