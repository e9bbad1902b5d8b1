"""The commands that are more than wiring: `icpfile rules` (explain) and `icpfile name` (name_check).

They sit above the engine and the data, beside `cli/`, which only parses options and calls them.
"""
