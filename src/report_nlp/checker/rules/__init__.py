"""The rule functions, one module per kind of evidence. Each function is registered for its
rule ids with :func:`~report_nlp.checker.registry.rule_function`; the registry imports every
module of this package on first use, so adding a rule is its YAML entry plus, where a pattern
cannot say it, one decorated function in one of these modules (or a new module here)."""
