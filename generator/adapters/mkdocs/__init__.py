"""The `roadmap` MkDocs plugin: its options (`config`), its hooks (`plugin`) and the Markdown
shortcut for generated pages (`rawhtml`).
"""
