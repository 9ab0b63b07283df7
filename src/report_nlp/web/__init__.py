"""The local web workbench and HTTP API behind ``report-nlp serve``.

One page per task (检查, 批量, 起草, 问题分类, 规则) and a JSON API under ``/api/v1/``, both
over the same library calls as the command line. FastAPI, uvicorn and python-multipart are
imported only here, so the other commands start as fast as before.

    from report_nlp.web import create_app
    app = create_app(Settings(token=None))
"""
from __future__ import annotations

__all__ = ["create_app", "Settings"]


def __getattr__(name: str):
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
