"""The crawler suite: every page and form, for every role, with hostile input; tenant isolation.

Run it alone with ``.venv/bin/pytest tests/crawl -q`` (add ``KETENWACHT_TEST_DATABASE=postgresql``
for PostgreSQL). ``world`` builds the data once per run, ``campaign`` crawls and sends the forms,
``isolation`` and ``patterns`` ask for organisation B's objects as A. A failure found in an area
that is still being written goes into ``known.KNOWN`` (expected, not strict) until it is fixed.
"""
