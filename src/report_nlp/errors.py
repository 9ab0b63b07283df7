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


class MissingExtra(ReportNLPError):
    """A command needs an optional part of the package that is not installed (``[train]``)."""

    code = "E201"
    exit_code = 3


class OutputProblem(ReportNLPError):
    code = "E300"
    exit_code = 3


#: Code of a fault of ours (exit code 4): reported per file in a batch, or as the JSON error object.
INTERNAL_CODE = "E900"
#: Code of a run stopped by the user (Ctrl+C, exit code 130).
INTERRUPTED_CODE = "E901"


class UsageProblem(ReportNLPError):
    """Options that cannot go together (exit code 2, like other usage errors)."""

    code = "E001"
    exit_code = 2


def os_reason(e: OSError) -> str:
    """The Chinese reason of a failed file operation (the system's own text is often English)."""
    import errno

    reasons = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.ENOENT: "文件不存在",
               errno.EISDIR: "这是一个文件夹", errno.ENOSPC: "磁盘空间不足", errno.EROFS: "文件系统只读",
               errno.EIO: "读写出错", errno.ENAMETOOLONG: "文件名过长", errno.EMFILE: "打开的文件过多"}
    reason = reasons.get(e.errno) if e.errno is not None else None
    return reason or e.strerror or type(e).__name__


class UnsafeArchive(InputError):
    """A .zip upload with paths outside its folder, encryption or an implausible size."""

    code = "E109"
