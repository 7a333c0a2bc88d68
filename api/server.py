"""How `accessmap serve` runs uvicorn: which proxies are trusted, and an access log without
secrets. Tests serve the app with the same options, so what they check is what production runs.
"""

from __future__ import annotations

import copy
import logging
import re
from typing import Any

from uvicorn.config import LOGGING_CONFIG

from api.settings import Settings

# Tokens belong in the Authorization header; one sent in a URL is refused, and never written to
# the access log either.
_SECRET_PARAMETER = re.compile(
    r"(?i)([?&](?:token|access_token|api_key|apikey|key|authorization)=)[^&#\s]*"
)


def redact(path: str) -> str:
    return _SECRET_PARAMETER.sub(r"\1[redacted]", path)


class RedactSecrets(logging.Filter):
    """Blank the values of token-like query parameters in uvicorn's access log lines."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and len(record.args) >= 3:
            args = list(record.args)
            args[2] = redact(str(args[2]))
            record.args = tuple(args)
        return True


def log_config() -> dict[str, Any]:
    config = copy.deepcopy(LOGGING_CONFIG)
    config.setdefault("filters", {})["redact_secrets"] = {"()": RedactSecrets}
    config["handlers"]["access"]["filters"] = ["redact_secrets"]
    return config


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """Options for uvicorn.run / uvicorn.Config.

    X-Forwarded-For is honoured only from the proxies named in ACCESSMAP_FORWARDED_ALLOW_IPS
    (uvicorn's own default trusts 127.0.0.1, which let a client on the same host pick any address
    and so dodge the failed-login limit)."""
    trusted = settings.forwarded_allow_ips.strip()
    return {
        "proxy_headers": bool(trusted),
        "forwarded_allow_ips": trusted or None,
        "log_config": log_config(),
    }
