"""Demo data: the organisation Gemeente Voorbeeldstad with users, suppliers and (later) more.

``setup_demo()`` is called by ``ketenwacht serve --first-run`` on an empty database and by
``ketenwacht demo``. Not a Django app: it only calls the apps' services.
"""

from ketenwacht.demo.setup import DemoResult, setup_demo

__all__ = ["DemoResult", "setup_demo"]
