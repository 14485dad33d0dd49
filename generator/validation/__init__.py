"""Validation: structure and types, the rules between values, and the limits; out comes the
typed model or diagnostics.
"""
