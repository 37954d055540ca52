"""Exports of the library, one sub-package per format (static/ now; csv/ later)."""
