"""``report-nlp serve``: the local web workbench and HTTP API (see :mod:`report_nlp.web`)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from .common import handles_errors


def register(app: typer.Typer) -> None:
    app.command("serve")(handles_errors(serve_cmd))


def serve_cmd(
    host: str = typer.Option("127.0.0.1", "--host", help="监听地址；默认只在本机。监听其他地址时必须设置 --token。"),
    port: int = typer.Option(8765, "--port", min=1, max=65535, help="端口。"),
    open_browser: bool = typer.Option(False, "--open", help="启动后用默认浏览器打开页面。"),
    token: Optional[str] = typer.Option(None, "--token", envvar="REPORT_NLP_TOKEN", show_envvar=False,
                                        help="访问令牌（也可用环境变量 REPORT_NLP_TOKEN）；设置后每个请求都要带上它。"),
    workers: int = typer.Option(1, "--workers", min=1, max=64, help="工作进程数（多人同时使用时可增加）。"),
    allow_host: List[str] = typer.Option([], "--allow-host", help="另外接受的主机名（Host 请求头），可多次给出。"),
    config: Optional[Path] = typer.Option(None, "--config", help="检查配置文件（默认读取当前目录的 report-nlp.yaml）。"),
) -> None:
    """启动本机网页工作台和 HTTP 接口（/api/v1/，文档见 /docs）。"""
    from ..web.server import serve

    serve(host=host, port=port, open_browser=open_browser, token=token or os.environ.get("REPORT_NLP_TOKEN"),
          workers=workers, allow_hosts=allow_host, config=config)
