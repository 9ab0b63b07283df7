"""The FastAPI application: :func:`create_app` builds it from :class:`Settings`."""
from __future__ import annotations

import os
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ReportNLPError
from .errors import error_body, plain_error, status_of
from .inputs import body_limit
from .security import LOOPBACK_HOSTS, Guard

#: Environment used to hand settings to worker processes (``--workers N``).
ENV_TOKEN = "REPORT_NLP_TOKEN"
ENV_HOSTS = "REPORT_NLP_ALLOWED_HOSTS"
ENV_CONFIG = "REPORT_NLP_SERVE_CONFIG"

_HTTP_CODES = {401: ("E401", "需要访问令牌"), 403: ("E403", "拒绝访问"), 404: ("E404", "没有这个页面或接口"),
               405: ("E405", "不支持此请求方法"), 413: ("E413", "请求过大"), 415: ("E107", "不支持的请求类型")}


@dataclass(frozen=True)
class Settings:
    """``token``: required on every request when set. ``allowed_hosts``: accepted Host header
    names (None: any, for a wildcard bind guarded by a token). ``config``: the checker's
    :class:`report_nlp.checker.config.Config` (``report-nlp.yaml``)."""

    token: str | None = None
    allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS
    config: object = None
    warm: bool = True
    extra: dict = field(default_factory=dict)


def create_app(settings: Settings | None = None) -> FastAPI:
    from ..checker.config import Config
    from . import api, pages

    settings = settings or Settings()
    if settings.config is None:
        settings = Settings(settings.token, settings.allowed_hosts, Config(), settings.warm, settings.extra)

    @asynccontextmanager
    async def lifespan(_app):
        if settings.warm:
            warm_up()
        yield

    app = FastAPI(title="report-nlp", version=__version__, lifespan=lifespan,
                  description="离线起草与检查党风廉政建设工作报告的 HTTP 接口。所有接口只在本机处理，不保存上传的文件。",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.settings = settings
    app.include_router(api.router)
    app.include_router(pages.router)
    pages.mount_static(app)

    @app.exception_handler(ReportNLPError)
    async def _ours(_request: Request, exc: ReportNLPError):
        return JSONResponse(error_body(exc), status_code=status_of(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError):
        where = ".".join(str(x) for x in (exc.errors()[0].get("loc") or ())[1:]) if exc.errors() else ""
        return JSONResponse(plain_error("E110", f"请求参数有误{('：' + where) if where else ''}"), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException):
        code, message = _HTTP_CODES.get(exc.status_code, ("E100", "请求有误"))
        if exc.status_code == 400:
            message = "请求格式有误（上传的表单无法解析）"
        return JSONResponse(plain_error(code, message), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception):  # a bug of ours, never the user's input
        return JSONResponse(plain_error("E000", f"内部错误（{type(exc).__name__}），请报告此问题"), status_code=500)

    app.add_middleware(Guard, token=settings.token, allowed_hosts=settings.allowed_hosts, body_limit=body_limit())
    return app


def warm_up() -> None:
    """Load the models, dictionaries and rules once, before the first user waits for them."""
    from ..checker import check_text

    check_text("关于2022年第一季度党风廉政建设工作情况的报告\n市纪委：\n一、工作开展情况\n一是加强学习。\n特此报告。\n")


def app_from_env():
    """The app for uvicorn worker processes (``--workers N``): settings from the environment."""
    from ..checker.config import load_config

    hosts = os.environ.get(ENV_HOSTS)
    allowed = None if hosts == "*" else frozenset(hosts.split(",")) if hosts else LOOPBACK_HOSTS
    config_path = os.environ.get(ENV_CONFIG) or None
    return create_app(Settings(token=os.environ.get(ENV_TOKEN) or None, allowed_hosts=allowed,
                               config=load_config(config_path) if config_path else None))
