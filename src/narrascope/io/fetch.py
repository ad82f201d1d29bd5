"""Fetch one http(s) URL with urllib: a timeout on the whole fetch (DNS included) and a size cap.

Offline, a fetch fails fast with an InputError "could not fetch URL ... (no network?)"; it never hangs.
"""
from __future__ import annotations

import threading
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

from ..errors import InputError
from ..settings import io as settings
from .files import LIMIT_HINT, human_size


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str  # "text/html", "application/rss+xml"... lower case, no parameters
    charset: str | None  # from the Content-Type header


def is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, max_bytes: int, timeout: float | None = None) -> Fetched:
    """Fetch `url`; raises InputError. Runs in a daemon thread so a stuck resolver cannot stall the run.

    timeout: seconds for the whole fetch (default settings.io.URL_TIMEOUT_SECONDS)."""
    timeout = settings.URL_TIMEOUT_SECONDS if timeout is None else timeout
    outcome: list[Fetched | InputError] = []
    worker = threading.Thread(target=lambda: outcome.append(_fetch_or_error(url, max_bytes, timeout)), daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise InputError(url, f"could not fetch URL {url} (no network?): no answer within {timeout:g} s",
                         "check the network connection, or save the page or feed to a file and read that")
    result = outcome[0]
    if isinstance(result, InputError):
        raise result
    return result


def _fetch_or_error(url: str, max_bytes: int, timeout: float) -> Fetched | InputError:
    request = urllib.request.Request(url, headers={"User-Agent": settings.USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data = response.read(max_bytes + 1)
            headers: Message = response.headers
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        return InputError(url, f"could not fetch URL {url}: HTTP {exc.code} {exc.reason}",
                          "check the address; the server refused it")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return InputError(url, f"could not fetch URL {url} (no network?): {reason}",
                          "check the network connection, or save the page or feed to a file and read that")
    if len(data) > max_bytes:
        return InputError(url, f"response is larger than the {human_size(max_bytes)} limit", LIMIT_HINT)
    if not data:
        return InputError(url, "empty response", "check the address")
    return Fetched(final_url, data, headers.get_content_type().lower(), headers.get_content_charset())
