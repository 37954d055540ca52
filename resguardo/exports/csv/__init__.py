"""The catalogue as a CSV file, in the columns of the coalition's own spreadsheet.

`resguardo export csv` writes it and `resguardo import` reads it back; exporting, importing
into an empty library and exporting again gives the same bytes. The columns and the rules
for each are in `columns.py`; `read.py` checks a file row by row, `load.py` writes the rows
it accepted, `write.py` exports.
"""
