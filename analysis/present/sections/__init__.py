"""The report's sections, each with the named values its prose quotes and the Markdown tables it includes.

Every section module has `values(val, rel, r)`, which records its named values (`values.Values`), and
`tables(rel, r, lang)`, which gives its Markdown tables by file stem (`results/<lang>/tables/<stem>.md`,
labelled `tbl-<stem>`). `report` collects them in `SECTIONS` order.
"""
