"""A small fixed-window rate limit on Django's cache, for the public questionnaire pages.

With the default local-memory cache the limit holds per web worker; configure a shared cache
(``KETENWACHT_CACHE_URL``) when running several workers. It bounds guessing, not load.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def now() -> float:
    """The clock of the windows (a function, so tests can hold it still)."""
    return time.time()


def hit(key: str, *, limit: int, window_seconds: int = 60) -> bool:
    """Count one request for ``key``; False when the limit for the current window is exceeded."""
    bucket = int(now() // window_seconds)
    cache_key = "rl:" + hashlib.sha256(f"{key}:{bucket}".encode()).hexdigest()
    if cache.add(cache_key, 1, timeout=window_seconds + 1):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window_seconds + 1)
        return True
    return count <= limit
