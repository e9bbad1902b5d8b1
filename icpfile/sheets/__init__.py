"""Spreadsheets in and out (#19): an agency's sheet of clients becomes drafts, drafts become the
confirmation sheet a client signs off.

`layout` reads the column layout (`data/sheet_layout.yaml`), `reader` turns a CSV or XLSX file
into cells (bounded, never raising for what the file holds), `importer` turns cells into drafts and
findings, `draft_text` writes a draft with `init`'s comments, `exporter` writes drafts back to the
layout. openpyxl is imported only by the functions that read or write XLSX.
"""
