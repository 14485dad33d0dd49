"""Reading: roadmap files as plain data with the position of every value, from a folder or a
git revision.
"""
