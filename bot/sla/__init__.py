"""The SLA clock (open days, deadlines, French wording) and the exactly-once escalation sweep."""
