"""Dates and report periods: parse 成文日期 and the period a title or opening names."""
from __future__ import annotations

import datetime as dt
import re

from ..segmenter.markers import cn_to_int

# A year is exactly four digits: never the tail of a longer number (…99992021年 names no year).
DATE_ARABIC = re.compile(r"(?<!\d)(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
DATE_DOTTED = re.compile(r"(?<!\d)(?P<y>\d{4})[.．/\-](?P<m>\d{1,2})[.．/\-](?P<d>\d{1,2})日?")
DATE_CHINESE = re.compile(r"[二][〇○零Ｏ0一二三四五六七八九]{3}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日")
DATE_SHORT_YEAR = re.compile(r"(?<!\d)\d{2}年\d{1,2}月\d{1,2}日")
ANY_DATE_LINE = re.compile("^(?:" + "|".join(re.sub(r"\?P<\w+>", "", p.pattern) for p in (
    DATE_ARABIC, DATE_DOTTED, DATE_CHINESE, DATE_SHORT_YEAR)) + ")$")

_QUARTER = re.compile(r"第?([一二三四1-4])季度")
_YEAR = re.compile(r"(?<!\d)(\d{4})年(?!\d{1,2}月)")  # a year, not the start of a date


def parse_date(text: str) -> dt.date | None:
    for pattern in (DATE_ARABIC, DATE_DOTTED):
        m = pattern.search(text)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except (ValueError, OverflowError):
                return None
    return None


def parse_period(text: str) -> tuple[int | None, str | None]:
    """``(year, kind)`` where kind is q1..q4, h1, h2 or year (None when not named)."""
    year_m = _YEAR.search(text)
    year = int(year_m.group(1)) if year_m else None
    if year is not None and not dt.MINYEAR < year < dt.MAXYEAR:
        year_m, year = None, None  # 0000年 or 9999年: no period a calendar can hold
    q = _QUARTER.search(text)
    if q:
        n = q.group(1)
        return year, f"q{int(n) if n.isdigit() else cn_to_int(n)}"
    if "上半年" in text:
        return year, "h1"
    if "下半年" in text:
        return year, "h2"
    if year_m and re.search(r"\d{4}年度|全年|年度", text):
        return year, "year"
    return year, None


def period_bounds(year: int, kind: str | None) -> tuple[dt.date, dt.date]:
    if kind and kind.startswith("q"):
        q = int(kind[1])
        start = dt.date(year, 3 * q - 2, 1)
        end = dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1)
        return start, end
    if kind == "h1":
        return dt.date(year, 1, 1), dt.date(year, 6, 30)
    if kind == "h2":
        return dt.date(year, 7, 1), dt.date(year, 12, 31)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)
