"""Contract pages: list, contracts ending, detail, forms, documents and SLA versions."""
