"""Rendering: pages, charts, open data, the digest and diagnostics, in the reader's language;
never validates, never computes a figure.
"""
