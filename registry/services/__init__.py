"""Use cases every entry point shares.

Access scoping, list filters, accounts, exports, imports, dump and restore, seeding and
the cached analyses: `api`, `web` and `cli` call these and never each other.
"""
