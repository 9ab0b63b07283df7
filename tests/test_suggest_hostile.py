"""suggest for people (issue 11, item 17): paragraphs counted from 1, numbering after the
highest top-level marker, a 述责述廉 report in the speaker's own voice, and its missing
述廉 part an error named as that part."""
import json

SHUZE = ("局党组书记、局长张三2023年度述责述廉报告\n各位领导、同志们：\n"
         "2023年，本人坚持以习近平新时代中国特色社会主义思想为指导，认真履行全面从严治党第一责任人职责。现将有关情况报告如下：\n"
         "一、履行全面从严治党主体责任情况\n本人主持召开党组会议专题研究党风廉政建设4次，带头讲廉政党课1次。\n"
         "二、存在的问题和不足\n本人学习不够深入系统，对分管领域日常监督还不够到位。\n以上报告，请予评议。\n")

QUARTERLY_GAP = ("中共某局党组关于2023年第一季度党风廉政建设工作情况的报告\n市纪委：\n"
                 "2023年第一季度，局党组认真履行主体责任。现将有关情况报告如下：\n一、工作开展情况\n开展谈心谈话18人次。\n"
                 "三、存在的问题\n个别干部纪律观念淡薄，存在迟到早退现象。\n特此报告。\n中共某局党组\n2023年4月6日\n")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_paragraphs_are_counted_from_one(cli, tmp_path):
    path = write(tmp_path, "q.txt", QUARTERLY_GAP)
    _, out, _ = cli("suggest", path)
    # 下一步打算 goes after “个别干部……” (line 7), before 特此报告。
    assert "【下一步打算】插入位置：第7段之后" in out
    _, js, _ = cli("suggest", path, "--format", "json")
    nxt = {s["key"]: s for s in json.loads(js)["suggestions"]}["next_steps"]
    assert nxt["after"] == 6  # JSON keeps the documented 0-based index


def test_number_follows_the_highest_top_level_marker(cli, tmp_path):
    path = write(tmp_path, "q.txt", QUARTERLY_GAP)
    _, js, _ = cli("suggest", path, "--format", "json")
    nxt = {s["key"]: s for s in json.loads(js)["suggestions"]}["next_steps"]["text"]
    assert nxt.startswith("四、下一季度工作打算")  # 三、 already exists


def test_shuze_shulian_missing_shulian_part_is_an_error_naming_it(cli, tmp_path):
    path = write(tmp_path, "s.txt", SHUZE)
    _, js, _ = cli("check", path, "--format", "json", "--fail-on", "never")
    findings = json.loads(js)["files"][0]["findings"]
    shulian = [f for f in findings if f["data"].get("theme") == "self_discipline"]
    assert [(f["rule"], f["severity"]) for f in shulian] == [("STR004", "error")]
    assert "个人廉洁自律情况（述廉）" in shulian[0]["message"] and "工作开展情况" not in shulian[0]["message"]


def test_shuze_shulian_suggestions_speak_in_the_first_person(cli, tmp_path):
    path = write(tmp_path, "s.txt", SHUZE)
    _, js, _ = cli("suggest", path, "--format", "json")
    items = {s["key"]: s for s in json.loads(js)["suggestions"]}
    assert items["self_discipline"]["text"].startswith("二、个人廉洁自律情况\n本人")
    nxt = items["next_steps"]["text"]
    assert "本人将" in nxt
    for collective in ("党组理论学习中心组", "我们将", "党组书记和班子成员"):
        assert collective not in nxt and collective not in items["self_discipline"]["text"]
