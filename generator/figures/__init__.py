"""Figures: every number and every grouping a page, chart or digest shows, computed once from
the model.
"""
