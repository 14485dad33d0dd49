"""Adapters: the MkDocs plugin, `roadmap build` for engines without plugins (Zensical), and the
command line.
"""
