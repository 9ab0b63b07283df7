"""Training and evaluation of the models (scikit-learn; never imported at run time).

``report-nlp train`` and ``report-nlp evaluate`` use this package; everything else reads the
exported arrays through :mod:`report_nlp.tagger.store`. Installed with the ``[train]`` extra.
"""
