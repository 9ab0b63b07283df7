"""Build a reviewer's inbox from the corpus: this period's reports of distinct units, a previous
period for some of them, with copies, recurring problems, copied measures, a changed figure
and boilerplate planted at known places."""
from __future__ import annotations

import json
import re
from collections import OrderedDict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLACES = ["青川", "白沙", "红石", "金河", "银桥", "玉林", "松岭", "柳湾", "梅溪", "竹园", "桃源", "杏坛", "石门", "清溪",
          "云台", "凤鸣"]
#: This period: corpus reports (all with title, problems, next steps and signature).
CURRENT = ["sa-r01", "sa-r04", "sa-r05", "sb-r01", "sb-r03", "sc-r01", "sc-r04", "sd-r01", "sd-r03", "sa-r07",
           "sa-r10", "sb-r08"]
#: The previous period of three units: unit's report → the corpus report its text comes from.
PREVIOUS = {"sa-r01": "sa-r06", "sb-r01": "sd-r05", "sd-r01": "sc-r05"}

#: A standard formulation many units legitimately share (after 中共中央办公厅 wording): boilerplate.
BOILERPLATE = ("坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻党的二十大精神和二十届中央纪委历次全会精神，"
               "坚定不移推进全面从严治党向纵深发展，为高质量发展提供坚强纪律保障。")
FIGURE_NOW = "3月15日，召开全体党员干部警示教育大会，参会人员120人。"
FIGURE_BEFORE = "3月15日，召开全体党员干部警示教育大会，参会人员98人。"


def corpus() -> "OrderedDict[str, list[dict]]":
    reports: OrderedDict[str, list[dict]] = OrderedDict()
    for f in sorted((ROOT / "corpora" / "sections").glob("*.jsonl")):
        for line in f.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            reports.setdefault(row["report"], []).append(row)
    return reports


def named(rows: list[dict], place: str) -> list[list[str]]:
    """``[part, text]`` rows with the masked place names (××, XX) replaced: distinct units."""
    return [[r["part"], re.sub(r"×{2,3}|XX", place, r["text"])] for r in rows]


def sender(rows: list[list[str]]) -> str:
    return next(t for p, t in reversed(rows) if p == "signature")


def insert_after(rows: list[list[str]], part: str, text: str, *, last: bool = False, long: int = 40) -> None:
    spots = [k for k, (p, t) in enumerate(rows) if p == part and len(t) >= long]
    k = spots[-1] if last else spots[0]
    rows.insert(k + 1, [part, text])


def long_paragraph(rows: list[list[str]], part: str = "work", nth: int = 0) -> str:
    return [t for p, t in rows if p == part and len(t) >= 80][nth]


EDITS = [("认真", "切实"), ("组织", "安排"), ("全面", "全方位"), ("进一步", "持续"), ("开展", "推进")]
PROBLEM_EDITS = [("个别", "少数"), ("部分", "一些"), ("不够", "不足"), ("还存在", "仍存在"), ("有待", "仍需"),
                 ("不到位", "不充分"), ("不强", "不够强"), ("存在", "仍有")]


def first_body(rows: list[list[str]], part: str) -> str:
    """The first paragraph of a part that is not a bare heading."""
    return next(t for p, t in rows if p == part and len(t) >= 30)


def replace_first(rows: list[list[str]], part: str, text: str) -> None:
    k = next(k for k, (p, t) in enumerate(rows) if p == part and len(t) >= 30)
    rows[k] = [part, text]


def near_copy(text: str, edits=EDITS) -> str:
    """The same paragraph with a few words changed (about 5% of its characters)."""
    out, done = text, 0
    for a, b in edits:
        if a in out and done < 3:
            out = out.replace(a, b, 1)
            done += 1
    assert out != text
    return out


def build(base: Path) -> dict:
    """Write ``base/current`` and ``base/previous``; return what was planted."""
    reports = corpus()
    cur = {rid: named(reports[rid], PLACES[k]) for k, rid in enumerate(CURRENT)}
    planted = {"copies": [], "previous_copies": [], "recurring": [], "measures": [], "figures": [], "boilerplate": BOILERPLATE}
    # Copies across units: one verbatim, one near.
    verbatim = long_paragraph(cur["sa-r04"], nth=0)
    insert_after(cur["sc-r01"], "work", verbatim)
    planted["copies"].append((sender(cur["sa-r04"]), sender(cur["sc-r01"]), verbatim))
    original = long_paragraph(cur["sb-r03"], nth=1)
    near = near_copy(original)
    insert_after(cur["sd-r03"], "work", near)
    planted["copies"].append((sender(cur["sb-r03"]), sender(cur["sd-r03"]), near))
    # Boilerplate in six units.
    for rid in CURRENT[:6]:
        insert_after(cur[rid], "opening", BOILERPLATE, long=10)
    prev = {}
    for k, (rid, source) in enumerate(PREVIOUS.items()):
        unit = sender(cur[rid])
        rows = [[p, t] for p, t in named(reports[source], PLACES[-1 - k]) if p != "header"]
        for row in rows:
            if row[0] == "signature":
                row[1] = unit
            elif row[0] == "title":
                row[1] = re.sub(r"^.*?(?=关于|(?:19|20)\d{2}年)", unit, row[1], count=1)
        prev[rid] = rows
        # Carried over from the previous report into this one (照搬上期).
        carried = long_paragraph(rows, nth=0)
        insert_after(cur[rid], "work", carried, last=True)
        planted["previous_copies"].append((unit, carried))
        # A problem that comes back: this period's first problem paragraph, reworded, stands
        # in the previous report; the first measure paragraph stands there unchanged.
        problem = first_body(cur[rid], "problems")
        reworded = near_copy(problem, PROBLEM_EDITS)
        replace_first(rows, "problems", reworded)
        planted["recurring"].append((unit, problem, reworded))
        measure = first_body(cur[rid], "next_steps")
        replace_first(rows, "next_steps", measure)
        planted["measures"].append((unit, measure))
    # One past event reported with two figures.
    unit = sender(cur["sa-r01"])
    insert_after(cur["sa-r01"], "work", FIGURE_NOW)
    insert_after(prev["sa-r01"], "work", FIGURE_BEFORE)
    planted["figures"].append((unit, "120", "98"))
    for folder, group in (("current", cur), ("previous", prev)):
        (base / folder).mkdir(parents=True, exist_ok=True)
        for rid, rows in group.items():
            (base / folder / f"{rid}.txt").write_text("\n".join(t for _, t in rows) + "\n", encoding="utf-8")
    planted["units"] = {rid: sender(rows) for rid, rows in cur.items()}
    return planted
