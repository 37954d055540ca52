"""Backups of a whole library (database snapshot, stored files, secret key) in one
archive with a manifest of checksums, and their restoring into an empty data folder."""
