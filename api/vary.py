"""One Vary header per response, each token once.

Several layers add to Vary (the route for Accept-Language, compression for Accept-Encoding,
CORS for Origin), and each appends without looking: a cache then sees "Accept-Encoding,
Accept-Encoding". This outermost layer merges them.
"""

from __future__ import annotations

from typing import Any


def merged_vary(values: list[bytes]) -> bytes:
    tokens: dict[str, str] = {}
    for value in values:
        for token in value.decode("latin-1").split(","):
            token = token.strip()
            if token:
                tokens.setdefault(token.lower(), token)
    return ", ".join(tokens.values()).encode("latin-1")


class OneVary:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def merged(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                varies = [value for name, value in headers if name.lower() == b"vary"]
                if len(varies) > 1 or (varies and b"," in varies[0]):
                    kept = [(n, v) for n, v in headers if n.lower() != b"vary"]
                    message = {**message, "headers": [*kept, (b"vary", merged_vary(varies))]}
            await send(message)

        await self.app(scope, receive, merged)
