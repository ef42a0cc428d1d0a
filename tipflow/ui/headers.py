"""The security headers of every page, for the local server and for the pages in the hub.

A plain ASGI middleware rather than Starlette's ``BaseHTTPMiddleware``: in the hub it sees
every API request too, and must cost those nothing but a comparison of the path.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # Not no-referrer: under it a browser sends "Origin: null" with forms, and the CSRF
    # guard's origin check could not tell our own forms from anyone's.
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",  # personal data: nothing in the browser's cache
}
_RAW = [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in
        SECURITY_HEADERS.items()]  # fmt: skip
_NAMES = {name for name, _ in _RAW}


class SecurityHeaders:
    """Sets :data:`SECURITY_HEADERS` on every response under ``prefix`` ("" for all)."""

    def __init__(self, app: ASGIApp, prefix: str = "") -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._covers(str(scope["path"])):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                kept = [(n, v) for n, v in message.get("headers", []) if n.lower() not in _NAMES]
                message = {**message, "headers": kept + _RAW}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    def _covers(self, path: str) -> bool:
        return not self.prefix or path == self.prefix or path.startswith(self.prefix + "/")
