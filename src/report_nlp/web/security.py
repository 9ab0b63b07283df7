"""The guard in front of every request: Host header (DNS rebinding), token, body size,
and the response headers (strict CSP, nosniff, no caching).

A pure ASGI middleware, so it also covers errors raised before any route runs.
"""
from __future__ import annotations

import hmac
import json
from urllib.parse import parse_qs, urlencode

from .errors import plain_error

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
TOKEN_COOKIE = "report_nlp_token"
TOKEN_HEADER = b"x-report-nlp-token"

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
     b"font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    return host.strip("[]") in LOOPBACK_HOSTS or host.startswith("127.")


def host_name(header: str) -> str:
    """``example.org`` of ``example.org:8765``; ``::1`` of ``[::1]:8765``."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class Guard:
    def __init__(self, app, *, token: str | None, allowed_hosts: frozenset[str] | None, body_limit: int) -> None:
        self.app = app
        self.token = token or None
        self.allowed_hosts = allowed_hosts  # None: any Host (a wildcard bind guarded by a token)
        self.body_limit = body_limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        host = host_name(headers.get(b"host", b"").decode("latin-1"))
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            await _reply(send, 403, plain_error("E403", f"不接受的主机名“{host[:60]}”：本服务只在本机地址上提供（防止DNS重绑定）"))
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not _same_origin(headers):
            await _reply(send, 403, plain_error("E403", "拒绝来自其他网站的请求"))
            return
        if self.token:
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            given = (query.get("token") or [None])[0]
            if given is not None and scope["method"] == "GET" and _equal(given, self.token):
                await _enter_with_cookie(send, scope, query, self.token)
                return
            if not self._authorised(headers, self.token):
                await _reply(send, 401, plain_error("E401", "需要访问令牌：请使用启动时显示的地址（含 ?token=…）打开，或在请求头 Authorization: Bearer 中提供令牌"))
                return
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.body_limit):
            await _reply(send, 413, plain_error("E413", f"请求过大，上限为{self.body_limit / 1048576:.0f} MB"))
            return
        await self.app(scope, self._limited(receive), _with_headers(send))

    @staticmethod
    def _authorised(headers: dict, token: str) -> bool:
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if auth.lower().startswith("bearer ") and _equal(auth[7:].strip(), token):
            return True
        if _equal(headers.get(TOKEN_HEADER, b"").decode("latin-1"), token):
            return True
        for part in headers.get(b"cookie", b"").decode("latin-1").split(";"):
            name, _, value = part.strip().partition("=")
            if name == TOKEN_COOKIE and _equal(value, token):
                return True
        return False

    def _limited(self, receive):
        """Count streamed body bytes too (a chunked request has no Content-Length)."""
        seen = 0
        limit = self.body_limit

        async def wrapped():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    from ..errors import TooLarge

                    raise TooLarge(f"请求过大，上限为{limit / 1048576:.0f} MB")
            return message

        return wrapped


def _equal(a: str | None, b: str) -> bool:
    return a is not None and hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def _same_origin(headers: dict) -> bool:
    """A browser names the page that sent a POST in ``Origin``; it must be this server."""
    origin = headers.get(b"origin")
    if origin is None:
        return True  # not a browser's cross-site request (curl, an OA system)
    origin = origin.decode("latin-1")
    if origin == "null":
        return False
    authority = origin.split("://", 1)[-1].lower()
    return authority == headers.get(b"host", b"").decode("latin-1").lower()


def _with_headers(send):
    async def wrapped(message):
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            message = dict(message)
            message["headers"] = list(message.get("headers", [])) + [
                (k, v) for k, v in SECURITY_HEADERS if k not in present]
        await send(message)

    return wrapped


async def _reply(send, status: int, body: dict) -> None:
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    await _with_headers(send)({"type": "http.response.start", "status": status,
                               "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                           (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


async def _enter_with_cookie(send, scope, query: dict, token: str) -> None:
    """``/?token=T`` (the address the server prints): keep the token in a same-site cookie and
    go to the page without it, so it does not stay in the address bar or the history."""
    rest = {k: v for k, v in query.items() if k != "token"}
    location = scope.get("path", "/") + (("?" + urlencode(rest, doseq=True)) if rest else "")
    cookie = f"{TOKEN_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict".encode("latin-1")
    await _with_headers(send)({"type": "http.response.start", "status": 303,
                               "headers": [(b"location", location.encode("utf-8")), (b"set-cookie", cookie),
                                           (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})
