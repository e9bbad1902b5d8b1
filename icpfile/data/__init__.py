"""Data shipped with icpfile and its loaders: rule records (catalog), the national lists, the
province and provider packs, word lists, division codes, sources, and the schemas they follow.

Nothing here runs a check: the rule functions are in `icpfile.checks`, the commands that explain
them in `icpfile.commands`.
"""
