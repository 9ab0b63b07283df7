"""Coded, narrow errors. Every message a user sees is one Chinese line.

``InputError`` (exit code 3) covers everything wrong with what the user gave us:
unreadable files, wrong encodings, corrupt .docx, invalid YAML, bad fields.
"""
from __future__ import annotations


class ReportNLPError(Exception):
    """Base class. ``code`` is a stable ASCII id; ``str(e)`` is the Chinese message."""

    code = "E000"
    exit_code = 1

    def __init__(self, message: str, *, path: str | None = None) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}：{message}" if path else message)


class InputError(ReportNLPError):
    """The input cannot be used as given."""

    code = "E100"
    exit_code = 3


class FileMissing(InputError):
    code = "E101"


class NotAFile(InputError):
    code = "E102"


class EmptyInput(InputError):
    code = "E103"


class BinaryInput(InputError):
    code = "E104"


class EncodingProblem(InputError):
    code = "E105"


class TooLarge(InputError):
    code = "E106"


class UnsupportedFormat(InputError):
    code = "E107"


class CorruptDocx(InputError):
    code = "E108"


class InvalidData(InputError):
    """Invalid YAML/JSON input or a field of the wrong type or value."""

    code = "E110"


class TemplateProblem(InputError):
    code = "E111"


class ModelProblem(ReportNLPError):
    """A shipped model is missing or does not match the code."""

    code = "E200"
    exit_code = 3


class OutputProblem(ReportNLPError):
    code = "E300"
    exit_code = 3


class UnsafeArchive(InputError):
    """A .zip upload with paths outside its folder, encryption or an implausible size."""

    code = "E109"
