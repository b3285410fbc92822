"""A breadth-first crawler over the site with Django's test client.

Every request runs in a savepoint. A request that raises is recorded as a server error with a
short traceback summary (the last frames in the project's code) and its savepoint is rolled
back, so a broken transaction on PostgreSQL cannot spoil the requests after it.
"""

from __future__ import annotations

import traceback
from collections import Counter, deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve

from tests.crawl.htmlscan import Form, scan

# Links the crawler never follows: they end the session or change the language.
SKIP_PREFIXES = ("/logout/", "/i18n/", "/static/")
# Forms whose success is harmless for any role: they change only the user's own session or account.
HARMLESS = frozenset({
    "set_language", "core:logout", "core:switch_organisation", "core:login", "core:otp_verify",
    "core:otp_setup", "core:recovery_codes", "core:security", "core:password_set",
    "assessments:questionnaire",  # the supplier's public link: the token, not a role, grants access
})


@dataclass
class Result:
    """One request and what came back."""

    method: str
    url: str
    status: int
    url_name: str | None
    kwargs: dict[str, Any]
    content_type: str = ""
    location: str = ""
    error: str = ""  # traceback summary when the view raised
    text: str = ""  # the body of an HTML answer
    body: bytes = b""  # the raw body, when asked for


@dataclass
class FoundForm:
    page: str  # the page that shows the form
    action: str  # path (and query) the form is sent to
    url_name: str | None
    form: Form


@dataclass
class Crawl:
    visits: list[Result] = field(default_factory=list)
    forms: list[FoundForm] = field(default_factory=list)
    watched: list[str] = field(default_factory=list)

    def errors(self) -> list[Result]:
        return [v for v in self.visits if v.status >= 500]


def area(url_name: str | None, path: str = "") -> str:
    """The app a URL belongs to (its namespace), for grouping results and expected failures."""
    if path.startswith("/api/"):
        return "api"
    if url_name and ":" in url_name:
        return url_name.split(":", 1)[0]
    return "core"


def url_name_of(path: str) -> tuple[str | None, dict[str, Any]]:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None, {}
    name = match.url_name
    if name and match.namespace:
        name = f"{match.namespace}:{name}"
    return name, dict(match.kwargs)


def summarise(exc: BaseException) -> str:
    """The exception and the innermost frames of the project's own code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/ketenwacht/" in f.filename]
    where = " <- ".join(f"{f.filename.rsplit('/ketenwacht/', 1)[1]}:{f.lineno} {f.name}" for f in frames[-3:][::-1])
    return f"{type(exc).__name__}: {str(exc)[:300]} @ {where}"


def request(client: Client, method: str, url: str, data: Any = None, *, rollback: bool = False,
            keep_body: bool = False, **extra: Any) -> Result:
    """Send one request in a savepoint; ``rollback`` undoes whatever it wrote (and the cookies it set)."""
    name, kwargs = url_name_of(url)
    saved_cookies = {k: v.value for k, v in client.cookies.items()}
    try:
        with transaction.atomic():
            if method == "get":
                response = client.get(url, data, **extra)
            else:
                response = client.post(url, data if data is not None else {}, **extra)
            content = read_body(response)
            if rollback:
                transaction.set_rollback(True)
    except Exception as exc:  # noqa: BLE001  (the crawl reports every server error)
        return Result(method, url, 500, name, kwargs, error=summarise(exc))
    finally:
        if rollback:
            restore_cookies(client, saved_cookies)
    result = _result(method, url, name, kwargs, response, content)
    if keep_body:
        result.body = content
    return result


def read_body(response: HttpResponse) -> bytes:
    """The whole body; a streamed one (CSV exports, files) is read here so its errors show up too."""
    if getattr(response, "streaming", False):
        # The test client closes the response once the stream is read (never close it here: that
        # would fire request_finished and close the test's database connection).
        return b"".join(response.streaming_content)
    return response.content


def restore_cookies(client: Client, saved: Mapping[str, str]) -> None:
    for key in list(client.cookies.keys()):
        if key not in saved:
            del client.cookies[key]
    for key, value in saved.items():
        client.cookies[key] = value


def _result(method: str, url: str, name: str | None, kwargs: dict[str, Any], response: HttpResponse,
            content: bytes) -> Result:
    content_type = response.get("Content-Type", "")
    text = ""
    if content_type.startswith("text/html"):
        text = content.decode(response.charset or "utf-8", errors="replace")
    return Result(method, url, response.status_code, name, kwargs, content_type=content_type,
                  location=response.get("Location", ""), text=text)


def same_site(base: str, href: str) -> str | None:
    """The path and query of a link into this site, or ``None`` for other sites, mail and fragments."""
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    absolute = urljoin(f"http://testserver{base}", href)
    parts = urlsplit(absolute)
    if parts.scheme not in ("http", "https") or parts.netloc not in ("testserver", ""):
        return None
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def crawl(client: Client, *, start: Sequence[str] = ("/",), limit: int = 400, per_name: int = 6,
          watch: str | None = None) -> Crawl:
    """Follow every same-site link breadth-first from the ``start`` pages.

    At most ``per_name`` distinct URLs of one URL pattern are visited (the sixth supplier page adds
    little over the first five), and at most ``limit`` pages in all. Redirects are recorded and
    their target is queued like a link. Only HTML answers are read for links and forms. Pages whose
    HTML contains the text ``watch`` are listed in ``Crawl.watched``.
    """
    result = Crawl()
    queue: deque[str] = deque(start)
    seen = set(start)
    per_pattern: Counter[str] = Counter()
    while queue and len(result.visits) < limit:
        url = queue.popleft()
        name, _ = url_name_of(url)
        pattern = name or urlsplit(url).path
        if per_pattern[pattern] >= per_name:
            continue
        per_pattern[pattern] += 1
        visit = request(client, "get", url)
        result.visits.append(visit)
        targets = []
        if visit.location:
            targets.append(visit.location)
        if visit.text:
            page = scan(visit.text)
            targets += page.links
            for form in page.forms:
                action = same_site(url, form.action) if form.action else url
                if action is None:
                    continue
                result.forms.append(FoundForm(page=url, action=action, url_name=url_name_of(action)[0], form=form))
        for href in targets:
            target = same_site(url, href)
            if target is None or target in seen or target.startswith(SKIP_PREFIXES):
                continue
            seen.add(target)
            queue.append(target)
        if watch is not None and watch in visit.text:
            result.watched.append(url)
        visit.text = ""  # keep the memory small: the links and forms are what the tests need
    return result
