"""GB/T 9704 Word layout, in one place: effective properties and style resolution
(``props``), the formatting primitives (``style``), the facts the LAY rules judge
(``facts``), the LAY rules (``rules``), the writer of new .docx files (``write``) and
``fix-layout`` (``fix``). Every number comes from ``data/layout.yaml``.

Reading and writing .docx files (text, runs, offsets, comments) is :mod:`report_nlp.io`'s;
this package only decides how a page should look.
"""
