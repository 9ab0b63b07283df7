"""Let a subpackage be called as its main function.

The public API names ``segment``, ``classify``, ``check`` and ``draft`` are also the names of
subpackages. Once Python imports ``report_nlp.classify`` it sets that attribute on the
package to the module, so ``report_nlp.classify(texts)`` would stop working. Making the
module callable keeps ``report_nlp.classify(texts)`` right whichever object the name holds.
"""
from __future__ import annotations

import sys
import types


class CallableModule(types.ModuleType):
    def __call__(self, *args, **kwargs):
        return self.__main_function__(*args, **kwargs)


def make_callable(module_name: str, function) -> None:
    module = sys.modules[module_name]
    module.__main_function__ = function
    module.__class__ = CallableModule
