"""Training and evaluation of the models (scikit-learn; never imported at run time).

``report-nlp train`` and ``report-nlp evaluate`` use this package; everything else reads the
exported arrays through :mod:`report_nlp.tagger.store`. Installed with the ``[train]`` extra.
"""
from __future__ import annotations

from ..errors import MissingExtra

#: What ``pip install '.[train]'`` adds: the modules this package imports.
TRAIN_MODULES = ("sklearn", "scipy")
INSTALL_HINT = "训练和评估模型需要 scikit-learn 和 scipy，当前环境未安装；请在本仓库目录中运行 pip install '.[train]'"


def require_training() -> None:
    """Raise :class:`MissingExtra` (one Chinese line, exit code 3) unless the ``[train]``
    extra is installed: a plain ``pip install .`` leaves scikit-learn and scipy out."""
    import importlib

    for name in TRAIN_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as e:
            raise MissingExtra(INSTALL_HINT) from e
