"""SLA performance pages: records, the report, the breach register, imports and webhooks."""
