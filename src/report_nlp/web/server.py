"""Start the workbench: check the address and token, load the models, run uvicorn."""
from __future__ import annotations

import os
import socket
import sys
import threading
import time
import webbrowser
from pathlib import Path
from typing import Any

from .app import ENV_CONFIG, ENV_HOSTS, ENV_TOKEN, Settings, create_app
from .errors import ServerProblem
from .security import LOOPBACK_HOSTS, is_loopback

WILDCARDS = {"0.0.0.0", "::", ""}


def plan(host: str, token: str | None, allow_hosts: list[str] | tuple = ()) -> frozenset[str] | None:
    """The Host header names to accept, or a refusal: a non-loopback address needs a token."""
    if not is_loopback(host) and not token:
        raise ServerProblem(f"监听非本机地址“{host}”时必须设置访问令牌：加 --token 令牌，或设置环境变量 REPORT_NLP_TOKEN")
    if host in WILDCARDS:
        return None if not allow_hosts else LOOPBACK_HOSTS | {h.lower() for h in allow_hosts}
    return LOOPBACK_HOSTS | {host.strip("[]").lower()} | {h.lower() for h in allow_hosts}


def _port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as e:
            raise ServerProblem(f"无法在 {host}:{port} 上启动（{e.strerror}）；端口可能已被占用，请用 --port 换一个") from e


def url_for(host: str, port: int, token: str | None) -> str:
    shown = "127.0.0.1" if host in WILDCARDS else (f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def serve(*, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False, token: str | None = None,
          workers: int = 1, allow_hosts: list[str] | tuple = (), config: str | Path | None = None) -> None:
    import uvicorn

    from ..checker.config import load_config

    allowed = plan(host, token, allow_hosts)
    cfg = load_config(config)  # a bad config file fails here, before the server starts
    _port_free(host, port)
    url = url_for(host, port, token)
    print(f"report-nlp 工作台：{url}（按 Ctrl+C 停止；文件只在本机处理，不会被保存）", file=sys.stderr)
    if open_browser:
        threading.Thread(target=_open_when_up, args=(host, port, url), daemon=True).start()
    # uvicorn.run takes each setting as its own keyword, of its own type
    common: dict[str, Any] = dict(host=host, port=port, log_level="warning", access_log=False, server_header=False)
    if workers > 1:
        os.environ[ENV_TOKEN] = token or ""
        os.environ[ENV_HOSTS] = "*" if allowed is None else ",".join(sorted(allowed))
        os.environ[ENV_CONFIG] = str(Path(config).resolve()) if config else ""
        uvicorn.run("report_nlp.web.app:app_from_env", factory=True, workers=workers, **common)
    else:
        uvicorn.run(create_app(Settings(token=token, allowed_hosts=allowed, config=cfg)), **common)


def _open_when_up(host: str, port: int, url: str, timeout: float = 60.0) -> None:
    target = "127.0.0.1" if host in WILDCARDS else host.strip("[]")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((target, port), timeout=0.5):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(0.2)
