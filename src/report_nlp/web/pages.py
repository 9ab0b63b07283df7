"""The workbench's pages: Jinja2 templates (autoescaped) and the static scripts and styles
that ship in the package. Every asset is served from this origin; nothing is fetched elsewhere."""
from __future__ import annotations

import functools
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .. import __version__

HERE = Path(__file__).parent
router = APIRouter(include_in_schema=False)

PAGES = {
    "check": ("/", "检查"),
    "batch": ("/batch", "批量"),
    "draft": ("/draft", "起草"),
    "classify": ("/classify", "问题分类"),
    "rules": ("/rules", "规则"),
    "docs": ("/docs", "接口文档"),
}


@functools.lru_cache(maxsize=1)
def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                              autoescape=True, undefined=jinja2.StrictUndefined)


def render(page: str, **context) -> HTMLResponse:
    from ..taxonomy import taxonomy

    html = _env().get_template(f"{page}.html").render(
        page=page, pages=PAGES, version=__version__, kinds=taxonomy().kinds, **context)
    return HTMLResponse(html)


def mount_static(app) -> None:
    from fastapi.staticfiles import StaticFiles

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")


@router.get("/")
def check_page():
    return render("check")


@router.get("/batch")
def batch_page():
    return render("batch")


@router.get("/draft")
def draft_page():
    return render("draft")


@router.get("/classify")
def classify_page():
    return render("classify")


@router.get("/rules")
def rules_page():
    return render("rules")


@router.get("/docs")
def docs_page():
    return render("docs")


@router.get("/check")
def check_alias():
    return RedirectResponse("/", status_code=307)


@router.get("/favicon.ico")
def favicon():
    return Response((HERE / "static" / "icon.svg").read_bytes(), media_type="image/svg+xml")
